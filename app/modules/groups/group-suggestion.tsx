import { Form, Link } from '@remix-run/react'
import { type GroupSuggestion, territoryGroupPhrase } from './suggestion.ts'

/**
 * The offer to join one's territory's group (account pages). An open group: a button that joins at once (the form
 * posts to /compte/profil, intent `join-suggested-group`); a group on request: a link to its page, where one asks.
 */
export function GroupSuggestionPanel({ suggestion }: { suggestion: GroupSuggestion }) {
  const phrase = territoryGroupPhrase(suggestion.name)
  const label = `Rejoindre ${phrase}`
  return (
    <section aria-labelledby="titre-suggestion-groupe" className="notice group-suggestion">
      <h2 id="titre-suggestion-groupe">Le groupe de votre territoire</h2>
      <p>
        Les structures et les personnes de votre territoire se retrouvent dans{' '}
        <Link to={suggestion.path}>{phrase}</Link> : ressources, membres et échanges entre les
        réunions du réseau.
      </p>
      {suggestion.action === 'join' ? (
        <Form method="post" action="/compte/profil">
          <input type="hidden" name="intent" value="join-suggested-group" />
          <input type="hidden" name="groupId" value={suggestion.groupId} />
          <button type="submit" className="button">
            {label}
          </button>
        </Form>
      ) : (
        <p>
          <Link to={suggestion.path} className="button">
            {`${label} (sur demande)`}
          </Link>
        </p>
      )}
    </section>
  )
}
