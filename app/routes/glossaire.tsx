import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { GLOSSARY, glossaryHref, indexLetter, sortedGlossary } from '#app/modules/glossary/glossary.ts'

// The glossary (/glossaire, issue 15): the words of the ESS, one anchor per term (`/glossaire#scic`), an alphabetical
// index, a description list. The terms are data (app/modules/glossary/glossary.ts): no loader needed.

export const meta: MetaFunction = () => [
  { title: 'Glossaire de l’ESS — Essaim' },
  { name: 'description', content: 'Les sigles et les mots de l’économie sociale et solidaire expliqués simplement : ESS, SCOP, SCIC, IAE, FSE+, DLA…' },
]

const terms = sortedGlossary()
const letters = [...new Set(terms.map(indexLetter))]
const names = new Map(GLOSSARY.map((t) => [t.slug, t.term]))

export default function GlossaryPage() {
  return (
    <div className="container narrow">
      <h1>Glossaire de l’ESS</h1>
      <p className="lead">
        Les sigles et les mots de l’économie sociale et solidaire, expliqués simplement. Dans les ressources, la première
        apparition de chacun de ces mots mène à sa définition.
      </p>
      <nav aria-label="Index alphabétique du glossaire">
        <ul className="inline-links glossary-index">
          {letters.map((letter) => (
            <li key={letter}>
              <a href={`#lettre-${letter.toLowerCase()}`}>{letter}</a>
            </li>
          ))}
        </ul>
      </nav>
      {letters.map((letter) => (
        <section key={letter} aria-labelledby={`lettre-${letter.toLowerCase()}`}>
          <h2 id={`lettre-${letter.toLowerCase()}`}>{letter}</h2>
          <dl className="glossary">
            {terms
              .filter((t) => indexLetter(t) === letter)
              .map((t) => (
                <div key={t.slug} id={t.slug} className="glossary-entry">
                  <dt>
                    {t.expansion ? (
                      <>
                        <abbr title={t.expansion}>{t.term}</abbr> : {t.expansion}
                      </>
                    ) : (
                      t.term
                    )}
                  </dt>
                  <dd>
                    <p>{t.definition}</p>
                    {t.seeAlso?.length ? (
                      <p>
                        Voir aussi :{' '}
                        {t.seeAlso.map((slug, i) => (
                          <span key={slug}>
                            {i > 0 ? ', ' : ''}
                            <Link to={glossaryHref(slug)}>{names.get(slug)}</Link>
                          </span>
                        ))}
                      </p>
                    ) : null}
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </div>
  )
}
