import { publicFeedResponse } from '#app/modules/events/feed-route.server.ts'

// /agenda.ics: the whole agenda's public events, as a feed to subscribe to (issue 13).

export function loader() {
  return publicFeedResponse({ kind: 'all' }, 'Agenda d’Essaim', 'agenda.ics')
}
