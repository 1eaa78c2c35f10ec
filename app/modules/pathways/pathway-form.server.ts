import { typedDoc } from '#app/modules/rich-text/rich-text.server.ts'
import type { PathwayField, PathwayInput } from './pathways.server.ts'
import { plainTextToDiscussionDoc } from '#app/modules/discussions/discussion-text.server.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import type { Actor } from '#app/modules/auth/viewer.ts'
import { listAssignableGroups, listContactCandidates } from './pathways.server.ts'

// The pathway form as posted (/parcours/nouveau and /parcours/:slug/modifier): the introduction is the editor's JSON
// (`intro`) or, without JavaScript, the textarea (`introText`), like the discussions.

export type PathwayFormValues = {
  title: string
  intro: object | null
  introText: string
  nextSteps: string
  contactId: string
  territorySlug: string
  groupId: string
}

export type PathwayFormAnswer = { errors: Partial<Record<PathwayField | 'form', string>>; values: PathwayFormValues }

const EMPTY_DOC = { type: 'doc', content: [{ type: 'paragraph' }] }


export function readPathwayForm(form: FormData): { input: PathwayInput; values: PathwayFormValues } {
  const field = (name: string) => String(form.get(name) ?? '')
  const typed = plainTextToDiscussionDoc(form.get('introText'))
  const json = form.get('intro')
  const intro = typed ?? (typeof json === 'string' && json.trim() ? json : EMPTY_DOC)
  const values: PathwayFormValues = {
    title: field('title'),
    intro: typedDoc(form, 'intro'),
    introText: field('introText'),
    nextSteps: field('nextSteps'),
    contactId: field('contactId'),
    territorySlug: field('territorySlug'),
    groupId: field('groupId'),
  }
  return {
    input: {
      title: values.title,
      intro,
      nextSteps: values.nextSteps,
      contactId: values.contactId || null,
      territorySlug: values.territorySlug || null,
      groupId: values.groupId || null,
    },
    values,
  }
}

/** The choices of the form's lists. */
export async function pathwayFormChoices(actor: Actor, currentGroupId: string | null = null) {
  const [contacts, territories, groups] = await Promise.all([listContactCandidates(), listTerritories(), listAssignableGroups(actor, currentGroupId)])
  return { contacts, territories: territories.map((t) => ({ slug: t.slug, name: t.name })), groups }
}

export type PathwayFormChoices = Awaited<ReturnType<typeof pathwayFormChoices>>
