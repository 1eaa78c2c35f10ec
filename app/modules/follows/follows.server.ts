import { type Executor, db } from '#db/client.server.ts'
import type { PersonViewer, Viewer } from '#app/modules/auth/viewer.ts'
import { can as canEvent } from '#app/modules/events/events.policy.ts'
import { eventAccessItem, getEventById } from '#app/modules/events/events.server.ts'
import { can as canGroup } from '#app/modules/groups/groups.policy.ts'
import { groupPath } from '#app/modules/groups/pages.server.ts'
import { can as canResource } from '#app/modules/resources/resources.policy.ts'
import { getResourceAccess } from '#app/modules/resources/resources.server.ts'
import { territoryPath } from '#app/modules/site/site-map.ts'
import { describeSavedSearch, mayFollow, normaliseSavedSearch, savedSearchOf } from './follows.policy.ts'
import { FOLLOW_KINDS, type FollowKind } from './follows.ts'
import { type FollowTarget, isFollowing, stopAllFollowsOfKind, stopFollow, upsertManualFollow } from './store.server.ts'

// Follows as pages use them (issue 17 §3): follow and stop with the checks, the account's list grouped by kind, the
// export. A person follows only what they may read now; the fan-out re-checks each notification anyway.

export type { FollowTarget }

type Resolved = { target: FollowTarget; label: string; href: string }

/** The target if it exists and this viewer may read it, with its name and page; null otherwise (a 404 for pages). */
export async function resolveFollowTarget(viewer: Viewer, kind: FollowKind, key: string, trx: Executor = db): Promise<Resolved | null> {
  const rawKey = key.trim()
  if (!rawKey || rawKey.length > 2000) return null
  switch (kind) {
    case 'resource': {
      const access = await getResourceAccess(rawKey, trx)
      if (!access || !canResource(viewer, 'read', access)) return null
      const row = await trx.selectFrom('resources').select(['title', 'slug']).where('id', '=', rawKey).executeTakeFirstOrThrow()
      return { target: { kind, key: rawKey }, label: row.title, href: `/ressources/${encodeURIComponent(row.slug)}` }
    }
    case 'structure': {
      const row = await trx.selectFrom('structures').select(['name', 'slug']).where('id', '=', rawKey).executeTakeFirst()
      return row ? { target: { kind, key: rawKey }, label: row.name, href: `/structures/${encodeURIComponent(row.slug)}` } : null
    }
    case 'group': {
      const row = await trx
        .selectFrom('groups')
        .select(['id', 'name', 'slug', 'kind', 'territorySlug', 'joinPolicy', 'pageVisibility', 'hidden'])
        .where('id', '=', rawKey)
        .executeTakeFirst()
      if (!row || !canGroup(viewer, 'view', { ...row, hidden: row.hidden === 1 })) return null
      return { target: { kind, key: rawKey }, label: row.name, href: groupPath(row) }
    }
    case 'territory': {
      const row = await trx.selectFrom('territories').select(['name', 'slug']).where('slug', '=', rawKey).executeTakeFirst()
      return row ? { target: { kind, key: rawKey }, label: row.name, href: territoryPath(row.slug) } : null
    }
    case 'theme': {
      const row = await trx.selectFrom('themes').select(['name', 'slug']).where('slug', '=', rawKey).executeTakeFirst()
      return row ? { target: { kind, key: rawKey }, label: row.name, href: `/ressources?theme=${encodeURIComponent(row.slug)}` } : null
    }
    case 'event': {
      const event = await getEventById(rawKey, trx)
      if (!event || !canEvent(viewer, 'read', eventAccessItem(event))) return null
      return { target: { kind, key: rawKey }, label: event.title, href: `/agenda/${encodeURIComponent(event.id)}` }
    }
    case 'search': {
      const normalised = normaliseSavedSearch(rawKey)
      if (!normalised) return null
      return {
        target: { kind, key: normalised.key },
        label: describeSavedSearch(normalised.search, await filterLabel(trx)),
        href: `/recherche?${normalised.key}`,
      }
    }
  }
}

async function filterLabel(trx: Executor) {
  const [territories, themes] = await Promise.all([
    trx.selectFrom('territories').select(['slug', 'name']).execute(),
    trx.selectFrom('themes').select(['slug', 'name']).execute(),
  ])
  const names: Record<string, Map<string, string>> = {
    territory: new Map(territories.map((t) => [t.slug, t.name])),
    theme: new Map(themes.map((t) => [t.slug, t.name])),
  }
  return (key: string, value: string) => names[key]?.get(value) ?? value
}

export type FollowResult = { ok: true; target: FollowTarget; label: string } | { ok: false; reason: 'not-found' | 'forbidden' }

/** Follows a target the viewer may read (a person with a confirmed address). */
export async function followTarget(viewer: Viewer, kind: FollowKind, key: string): Promise<FollowResult> {
  const resolved = await resolveFollowTarget(viewer, kind, key)
  if (!resolved) return { ok: false, reason: 'not-found' }
  if (viewer.kind !== 'person' || !mayFollow(viewer, true)) return { ok: false, reason: 'forbidden' }
  await upsertManualFollow(viewer.id, resolved.target)
  return { ok: true, target: resolved.target, label: resolved.label }
}

/** Stops a follow (whatever the target became: one can always stop). A saved search is normalised first. */
export async function stopFollowing(viewer: PersonViewer, kind: FollowKind, key: string): Promise<boolean> {
  const normalisedKey = kind === 'search' ? (normaliseSavedSearch(key)?.key ?? key) : key.trim()
  return stopFollow(viewer.id, { kind, key: normalisedKey })
}

export function stopAllOfKind(viewer: PersonViewer, kind: FollowKind): Promise<number> {
  return stopAllFollowsOfKind(viewer.id, kind)
}

/** Whether the viewer follows this target now (false for anonymous visitors). */
export async function viewerFollows(viewer: Viewer, target: FollowTarget): Promise<boolean> {
  if (viewer.kind !== 'person') return false
  const key = target.kind === 'search' ? normaliseSavedSearch(target.key)?.key : target.key
  return key ? isFollowing(viewer.id, { kind: target.kind, key }) : false
}

export type FollowListItem = { kind: FollowKind; key: string; label: string; href: string | null; auto: boolean; since: string }

/**
 * The viewer's active follows, grouped by kind in the order of FOLLOW_KINDS. A target one may no longer read (or that
 * is gone) stays listed, without its name or link, so it can be stopped.
 */
export async function listFollowsForViewer(viewer: PersonViewer, trx: Executor = db): Promise<{ kind: FollowKind; items: FollowListItem[] }[]> {
  const rows = await trx
    .selectFrom('follows')
    .select(['targetKind', 'targetKey', 'origin', 'createdAt'])
    .where('userId', '=', viewer.id)
    .where('stoppedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .execute()
  const items = await Promise.all(
    rows.map(async (row): Promise<FollowListItem> => {
      const resolved = await resolveFollowTarget(viewer, row.targetKind, row.targetKey, trx)
      return {
        kind: row.targetKind,
        key: row.targetKey,
        label: resolved?.label ?? 'Contenu indisponible',
        href: resolved?.href ?? null,
        auto: row.origin === 'auto',
        since: row.createdAt,
      }
    }),
  )
  return FOLLOW_KINDS.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter((g) => g.items.length > 0)
}

/** The account export: every follow, active or stopped, with what it points to (ids, slugs, the saved query). */
export async function exportFollows(userId: string, trx: Executor = db) {
  const rows = await trx
    .selectFrom('follows')
    .select(['targetKind', 'targetKey', 'origin', 'createdAt', 'stoppedAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .execute()
  return rows.map((r) => ({
    kind: r.targetKind,
    target: r.targetKind === 'search' ? savedSearchOf(r.targetKey) : r.targetKey,
    automatic: r.origin === 'auto',
    createdAt: r.createdAt,
    stoppedAt: r.stoppedAt,
  }))
}

/** What a page's follow button needs: null for anonymous visitors (no button), else the target and its state. */
export async function followState(viewer: Viewer, target: FollowTarget): Promise<{ kind: FollowKind; key: string; following: boolean } | null> {
  if (viewer.kind !== 'person') return null
  const key = target.kind === 'search' ? normaliseSavedSearch(target.key)?.key : target.key
  if (!key) return null
  return { kind: target.kind, key, following: await isFollowing(viewer.id, { kind: target.kind, key }) }
}
