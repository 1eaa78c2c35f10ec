import { data } from '@remix-run/node'
import type { Viewer } from '#app/modules/auth/viewer.ts'
import { parisDay } from '#app/modules/events/month.ts'
import { parseParisDateTime } from '#app/modules/resources/dates.ts'
import { RESOURCE_TYPE_LABELS } from '#app/modules/resources/labels.ts'
import { formatDateFr } from '#app/utils/dates-fr.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import { mayFeatureOnGroup, mayFeatureOnHome } from './curation.policy.ts'
import {
  type FeaturePlace,
  featureResource,
  listFeaturedForManager,
  moveFeatured,
  searchFeaturable,
  setFeaturedEnd,
  unfeature,
} from './featured.server.ts'
import { FEATURED_INTENTS, FEATURED_MESSAGES, FEATURED_SEARCH_PARAM, type FeaturedActionData } from './featured-form.ts'

// The one loader part and the one action behind « À la une » management, used by /admin/une (the home page) and by
// the Coordination tab of every group (groupes.$slug.coordination, territoires.$slug.coordination). Authorisation:
// curation.policy.ts here (a 404 for anyone who may not), and again in every write of featured.server.ts.

function mayManage(viewer: Viewer, place: FeaturePlace): boolean {
  return place.groupId === null ? mayFeatureOnHome(viewer) : mayFeatureOnGroup(viewer, place.groupId)
}

/** Whether the viewer may manage this place's featured list (the Coordination tab shows the section only then). */
export function mayManageFeatured(viewer: Viewer, place: FeaturePlace): boolean {
  return viewer.kind === 'person' && mayManage(viewer, place)
}

/** What the management section shows, or a 404 for anyone who may not manage the place. */
export async function loadFeaturedManager(viewer: Viewer, place: FeaturePlace, url: URL, now: Date = new Date()) {
  if (viewer.kind !== 'person' || !mayManage(viewer, place)) notFound()
  const query = (url.searchParams.get(FEATURED_SEARCH_PARAM) ?? '').trim().slice(0, 100)
  const [items, candidates] = await Promise.all([listFeaturedForManager(place, viewer), searchFeaturable(place, viewer, query)])
  if (!items || !candidates) notFound()
  const nowIso = now.toISOString()
  return {
    home: place.groupId === null,
    query,
    candidates: candidates.map((c) => ({ ...c, typeLabel: RESOURCE_TYPE_LABELS[c.type as keyof typeof RESOURCE_TYPE_LABELS] ?? c.type })),
    items: items.map((item) => ({
      id: item.id,
      slug: item.slug,
      title: item.title,
      typeLabel: RESOURCE_TYPE_LABELS[item.type as keyof typeof RESOURCE_TYPE_LABELS] ?? item.type,
      endsAt: item.endsAt,
      /** The date input's value (the Paris day). */
      endDay: item.endsAt ? parisDay(item.endsAt) : '',
      endLabel: item.endsAt ? formatDateFr(item.endsAt) : null,
      expired: item.endsAt !== null && item.endsAt <= nowIso,
    })),
  }
}

export type FeaturedManagerData = Awaited<ReturnType<typeof loadFeaturedManager>>

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** A resource's slug from what was pasted: its address (absolute or a path) or the slug itself; null otherwise. */
export function slugFromInput(input: string): string | null {
  const value = input.trim()
  if (SLUG.test(value)) return value
  let path = value
  if (/^https?:\/\//i.test(value)) {
    try {
      path = new URL(value).pathname
    } catch {
      return null
    }
  }
  const match = /^\/?ressources\/([^/?#]+)\/?(?:[?#].*)?$/.exec(path)
  if (!match) return null
  let slug: string
  try {
    slug = decodeURIComponent(match[1]).toLowerCase()
  } catch {
    return null
  }
  return SLUG.test(slug) ? slug : null
}

/** The end date typed (yyyy-mm-dd from a date input, or jj/mm/aaaa): the end of that day in Paris, or an error. */
export function readEndDate(input: string, now: Date = new Date()): { ok: true; endsAt: string | null } | { ok: false; message: string } {
  const value = input.trim()
  if (!value) return { ok: true, endsAt: null }
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
  const day = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : value
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { ok: false, message: FEATURED_MESSAGES.endInvalid }
  const endsAt = parseParisDateTime(day, true)
  if (!endsAt) return { ok: false, message: FEATURED_MESSAGES.endInvalid }
  if (day < parisDay(now)) return { ok: false, message: FEATURED_MESSAGES.endPast }
  return { ok: true, endsAt }
}

function fail(error: NonNullable<FeaturedActionData>['featuredError'], status = 400) {
  return data<FeaturedActionData>({ featuredError: error }, { status })
}

/** Whether a submitted form is one of the featured section's (the Coordination tab hands those over). */
export function isFeaturedIntent(intent: unknown): boolean {
  return typeof intent === 'string' && (FEATURED_INTENTS as readonly string[]).includes(intent)
}

/** The featured section's action (one intent per form); `here` is the page to come back to. */
export async function featuredAction(formData: FormData, options: { viewer: Viewer; place: FeaturePlace; here: string; now?: Date }) {
  const { viewer, place, here } = options
  if (viewer.kind !== 'person' || !mayManage(viewer, place)) notFound()
  const actor = viewer
  const intent = formData.get('intent')
  const text = (name: string) => {
    const value = formData.get(name)
    return typeof value === 'string' ? value : ''
  }
  const id = text('id').slice(0, 100)

  if (intent === 'featured-add') {
    const input = text('ressource').slice(0, 500)
    const end = text('fin').slice(0, 20)
    const values = { ressource: input, fin: end }
    if (!input.trim()) return fail({ field: 'ressource', message: FEATURED_MESSAGES.resourceRequired, values })
    const slug = slugFromInput(input)
    if (!slug) return fail({ field: 'ressource', message: FEATURED_MESSAGES.resourceAddress, values })
    const endDate = readEndDate(end, options.now)
    if (!endDate.ok) return fail({ field: 'fin', message: endDate.message, values })
    const result = await featureResource({ place, resourceSlug: slug, actor, endsAt: endDate.endsAt, now: options.now })
    if (result.ok) return redirectWithFlash(here, 'featured-added')
    if (result.reason === 'forbidden') notFound()
    if (result.reason === 'already') return fail({ field: 'ressource', message: FEATURED_MESSAGES.already, values })
    if (result.reason === 'past') return fail({ field: 'fin', message: FEATURED_MESSAGES.endPast, values })
    return fail({ field: 'ressource', message: place.groupId === null ? FEATURED_MESSAGES.notFoundHome : FEATURED_MESSAGES.notFoundGroup, values })
  }

  if (intent === 'featured-up' || intent === 'featured-down') {
    if (!id) badRequest()
    const moved = await moveFeatured({ place, id, direction: intent === 'featured-up' ? 'up' : 'down', actor })
    if (!moved) return fail({ field: 'list', id, message: FEATURED_MESSAGES.cannotMove, values: {} })
    return redirectWithFlash(here, 'featured-moved')
  }

  if (intent === 'featured-remove') {
    if (!id) badRequest()
    if (!(await unfeature({ place, id, actor }))) return fail({ field: 'list', id, message: FEATURED_MESSAGES.gone, values: {} })
    return redirectWithFlash(here, 'featured-removed')
  }

  if (intent === 'featured-end') {
    if (!id) badRequest()
    const end = text('fin').slice(0, 20)
    const endDate = readEndDate(end, options.now)
    if (!endDate.ok) return fail({ field: 'fin', id, message: endDate.message, values: { fin: end } })
    const result = await setFeaturedEnd({ place, id, endsAt: endDate.endsAt, actor, now: options.now })
    if (result.ok) return redirectWithFlash(here, 'featured-end-changed')
    if (result.reason === 'forbidden') notFound()
    if (result.reason === 'past') return fail({ field: 'fin', id, message: FEATURED_MESSAGES.endPast, values: { fin: end } })
    return fail({ field: 'list', id, message: FEATURED_MESSAGES.gone, values: {} })
  }

  return badRequest()
}
