import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary, TextareaField } from '#app/components/forms.tsx'
import { requireAdmin } from '#app/modules/auth/session.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'
import { SynonymsSchema, formatSynonymLines } from '#search/synonyms.schema.ts'
import { saveSynonyms } from '#app/modules/search/search-admin.server.ts'
import { listSynonymGroups } from '#search/synonyms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Synonymes de la recherche — Administration — Essaim' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return { text: formatSynonymLines(await listSynonymGroups()) }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request)
  const submission = parseWithZod(await request.formData(), { schema: SynonymsSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  await saveSynonyms(submission.value.synonyms)
  return redirectWithFlash('/admin/recherche/synonymes', 'search-synonyms-saved')
}

export default function SynonymsPage() {
  const { text } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'synonymes',
    lastResult,
    defaultValue: { synonyms: text },
    constraint: getZodConstraint(SynonymsSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SynonymsSchema }),
  })
  return (
    <div className="container">
      <p>
        <Link to="/admin/recherche">← Recherche : statistiques</Link>
      </p>
      <h1>Synonymes et sigles de la recherche</h1>
      <p>
        Chaque ligne est un groupe de termes équivalents, séparés par des virgules : chercher l’un trouve les autres
        (par exemple « FSE, FSE+, Fonds social européen »). Un terme présent sur plusieurs lignes trouve les termes de
        chacune : avec « subvention, aide » et « subvention, financement », chercher « subvention » trouve les deux,
        mais chercher « aide » ne trouve pas « financement ». Majuscules et accents sont ignorés. Les changements
        s’appliquent dès l’enregistrement.
      </p>
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary
          formErrors={form.errors}
          fields={[{ id: fields.synonyms.id, label: 'Groupes de synonymes', errors: fields.synonyms.errors }]}
        />
        <TextareaField
          meta={fields.synonyms}
          label="Groupes de synonymes"
          hint="Un groupe par ligne ; au moins deux termes par groupe ; 80 caractères au plus par terme."
          rows={20}
          required
        />
        <div className="form-actions">
          <button type="submit" className="button">
            Enregistrer les synonymes
          </button>
        </div>
      </Form>
    </div>
  )
}
