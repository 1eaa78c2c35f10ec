import type { MetaFunction } from '@remix-run/node'
import { ErrorPage } from '#app/components/error-page.tsx'
import { notFound } from '#app/utils/http.server.ts'

// Every URL no other route serves: a French 404 page (rendered by the error boundary), for GET and POST alike.

export const meta: MetaFunction = () => [{ title: 'Page introuvable — Essaim' }]

export async function loader() {
  notFound()
}

export async function action() {
  notFound()
}

export default function NotFoundPage() {
  return <ErrorPage status={404} withTitle={false} />
}

export function ErrorBoundary() {
  return <ErrorPage status={404} withTitle={false} />
}
