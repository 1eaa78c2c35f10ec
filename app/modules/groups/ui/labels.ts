import type { GroupJoinPolicy, GroupPageVisibility } from '#db/schema/groups.ts'

// How a group is opened to readers and to new members, in one French sentence (group pages, the list of groups).

const JOIN_POLICY_TEXT: Record<GroupJoinPolicy, string> = {
  open: 'adhésion libre',
  request: 'adhésion sur demande, validée par la coordination',
  invitation: 'adhésion sur invitation',
}

export function groupAccessText(group: { hidden: boolean; pageVisibility: GroupPageVisibility; joinPolicy: GroupJoinPolicy }): string {
  if (group.hidden) return 'Groupe masqué : seuls ses membres le voient ; adhésion sur invitation.'
  const page = group.pageVisibility === 'members' ? 'Page réservée aux membres du groupe' : 'Page ouverte à tous'
  return `${page} ; ${JOIN_POLICY_TEXT[group.joinPolicy]}.`
}
