import { ValidationActions, ValidationBadge, type ValidationView } from '#app/modules/curation/ui/validation-badge.tsx'
import { FollowButton, type FollowState } from '#app/modules/follows/ui/follow-button.tsx'
import { Link } from '@remix-run/react'
import { Children, isValidElement } from 'react'
import {
  FUNDING_OPTION_LABELS,
  LEGAL_FORM_LABELS,
  RESOURCE_TYPE_LABELS,
  STATUS_LABELS,
  TRAINING_FORMAT_LABELS,
  structuresLabel,
} from '#app/modules/resources/labels.ts'
import { FORMER_MEMBER_LABEL } from '#app/modules/privacy/labels.ts'
import { CopyLink } from '#app/modules/resources/ui/copy-link.tsx'
import { FundingStateBadge } from '#app/modules/resources/ui/funding-state-badge.tsx'
import { dayRangeFr, formatDateFr, formatDateTimeFr, formatDayFr } from '#app/utils/dates-fr.ts'
import { useNonce } from '#app/utils/nonce.tsx'
import { listFr, plural } from '#app/utils/plural.ts'
import type { FullResource, ResourceAttachmentView } from '#app/modules/resources/resources.server.ts'

export type ResourceViewData = Omit<FullResource, 'bodyJson' | 'bodyText' | 'detailsJson' | 'attachments'> & {
  attachments: (ResourceAttachmentView & { sizeLabel: string })[]
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })

export { FundingStateBadge }

/** schema.org description of the page (JSON-LD). */
export function structuredData(resource: ResourceViewData, url: string): Record<string, unknown> {
  const base = {
    '@context': 'https://schema.org',
    name: resource.title,
    headline: resource.title,
    description: resource.summary,
    url,
    inLanguage: 'fr-FR',
    datePublished: resource.publishedAt ?? undefined,
    dateModified: resource.updatedAt,
    author: resource.authorName
      ? { '@type': 'Person', name: resource.authorName }
      : resource.structures[0]
        ? { '@type': 'Organization', name: resource.structures[0].name }
        : undefined,
    keywords: resource.themes.map((t) => t.name).join(', ') || undefined,
    spatialCoverage: { '@type': 'Place', name: `${resource.territoryName}, Pas-de-Calais` },
  }
  if (resource.type === 'formation') {
    return {
      ...base,
      '@type': 'Course',
      provider: resource.provider ? { '@type': 'Organization', name: resource.provider } : undefined,
      hasCourseInstance: resource.sessions.map((s) => ({
        '@type': 'CourseInstance',
        startDate: s.startsOn,
        endDate: s.endsOn,
        courseMode: resource.format === 'distanciel' ? 'online' : resource.format === 'hybride' ? 'blended' : 'onsite',
        location: s.communeName ? { '@type': 'Place', name: s.communeName } : undefined,
      })),
    }
  }
  if (resource.type === 'financement-europeen') {
    return {
      ...base,
      '@type': 'Article',
      about: {
        '@type': 'MonetaryGrant',
        name: resource.title,
        funder: resource.managingBody ? { '@type': 'Organization', name: resource.managingBody } : undefined,
        amount:
          resource.amountMax !== null
            ? { '@type': 'MonetaryAmount', currency: 'EUR', minValue: resource.amountMin ?? undefined, maxValue: resource.amountMax }
            : undefined,
        url: resource.officialUrl ?? undefined,
      },
      expires: resource.deadline ?? undefined,
    }
  }
  return { ...base, '@type': 'Article' }
}

/** JSON for a <script> element: `<` escaped so the text can never close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

const hasValue = (value: React.ReactNode) => value !== null && value !== undefined && value !== '' && value !== false

type FactProps = { term: string; children: React.ReactNode }

function Fact({ term, children }: FactProps) {
  if (!hasValue(children)) return null
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  )
}

/** True when at least one <Fact> among `children` has a value. */
function someFact(children: React.ReactNode): boolean {
  return Children.toArray(children).some((child) => isValidElement<FactProps>(child) && hasValue(child.props.children))
}

/** The facts that have a value, as a description list; nothing at all when none has one (no empty <dl>). */
function Facts({ children }: { children: React.ReactNode }) {
  return someFact(children) ? <dl className="resource-facts">{children}</dl> : null
}

/** A section of facts under its heading, left out when no fact has a value. */
function FactsSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  if (!someFact(children)) return null
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <dl className="resource-facts">{children}</dl>
    </section>
  )
}

function Paragraphs({ text }: { text: string | undefined }) {
  if (!text) return null
  return (
    <>
      {text
        .split(/\n+/)
        .filter(Boolean)
        .map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static text lines
          <p key={index}>{line}</p>
        ))}
    </>
  )
}

/** One step a line, as typed in the form (« Une étape par ligne »); a number or dash the person typed is dropped. */
export function stepLines(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim().replace(/^(?:\d{1,2}\s*[.)°-]|[-–—•*])\s+/, '').trim())
    .filter(Boolean)
}

function Steps({ text }: { text: string | undefined }) {
  if (!text) return null
  return (
    <ol>
      {stepLines(text).map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static text lines
        <li key={index}>{line}</li>
      ))}
    </ol>
  )
}

/** Where a session takes place: its commune; « à distance » only when the training is given online. */
function sessionPlace(communeName: string | null, format: string | null): string {
  if (communeName) return `, à ${communeName}`
  if (format === 'distanciel') return ' (à distance)'
  if (format === 'presentiel') return ' (lieu à préciser)'
  return ''
}

export function ResourceView({
  resource,
  url,
  canEdit,
  jsonLd,
  canReport = false,
  validation = null,
  mayValidate = false,
  follow = null,
}: {
  resource: ResourceViewData
  url: string
  canEdit: boolean
  jsonLd: Record<string, unknown>
  canReport?: boolean
  validation?: ValidationView | null
  mayValidate?: boolean
  /** « Suivre cette ressource » (issue 17): null for anonymous visitors. */
  follow?: FollowState
}) {
  const nonce = useNonce()
  const d = resource.details
  const amount =
    resource.amountMin !== null && resource.amountMax !== null
      ? `de ${euros.format(resource.amountMin)} à ${euros.format(resource.amountMax)}`
      : resource.amountMax !== null
        ? `jusqu’à ${euros.format(resource.amountMax)}`
        : resource.amountMin !== null
          ? `à partir de ${euros.format(resource.amountMin)}`
          : null
  return (
    <article className="container">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: JSON-LD built by us, `<` escaped (scriptJson) */}
      <script type="application/ld+json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: scriptJson(jsonLd) }} />
      <p className="no-print">
        <Link to="/ressources">← Toutes les ressources</Link>
      </p>
      <p className="resource-meta">
        <span className="badge badge-kind">{RESOURCE_TYPE_LABELS[resource.type]}</span>
        {resource.fundingState ? <FundingStateBadge state={resource.fundingState} /> : null}
        <span>{resource.territoryName}</span>
      </p>
      <h1>{resource.title}</h1>
      <FollowButton state={follow} follow="Suivre cette ressource" stop="Ne plus suivre cette ressource" />
      {validation ? <ValidationBadge validation={validation} /> : null}
      {resource.status !== 'published' ? (
        <p className="status-banner">
          Statut : <strong>{STATUS_LABELS[resource.status]}</strong>.{' '}
          {resource.status === 'archived'
            ? 'Cette ressource est archivée : elle peut être dépassée.'
            : 'Cette ressource n’est visible que par son auteur ou son autrice et les administrateurs.'}
        </p>
      ) : null}
      {resource.hiddenAt ? (
        <p className="status-banner">
          <strong>Masqué en attente de modération</strong> : après plusieurs signalements, cette ressource n’est plus visible que par
          son auteur ou son autrice, la coordination de son territoire et les administrateurs, jusqu’à leur décision.
        </p>
      ) : null}
      {resource.visibility === 'members' ? <p className="hint">Réservée aux membres connectés.</p> : null}
      {resource.visibility === 'group' ? (
        <p className="hint">
          Réservée aux membres {resource.groups.length > 1 ? 'des groupes' : 'du groupe'}{' '}
          {listFr(resource.groups.map((g) => `« ${g.name} »`))}.
        </p>
      ) : null}
      <p className="lead">{resource.summary}</p>
      <p className="resource-meta">
        {/* An author who deleted their account is not named (their resource stayed because it belongs to a structure). */}
        <span>{resource.authorName ? `Par ${resource.authorName}` : FORMER_MEMBER_LABEL}</span>
        {resource.structures.length ? (
          <span>
            {`${structuresLabel(resource.type, resource.structures.length)} : `}
            {resource.structures.map((structure, index) => (
              <span key={structure.slug}>
                {index > 0 ? ', ' : null}
                <Link to={`/structures/${structure.slug}`}>{structure.name}</Link>
              </span>
            ))}
          </span>
        ) : null}
        {resource.publishedAt ? (
          <span>
            Publiée le <time dateTime={resource.publishedAt}>{formatDateFr(resource.publishedAt)}</time>
          </span>
        ) : null}
        <span>
          Mise à jour le <time dateTime={resource.updatedAt}>{formatDateFr(resource.updatedAt)}</time>
        </span>
      </p>
      {canEdit ? (
        <nav aria-label="Actions sur la ressource" className="form-actions no-print">
          <Link to={`/ressources/${resource.slug}/modifier`} className="button">
            Modifier
          </Link>
          <Link to={`/ressources/${resource.slug}/historique`}>Historique des versions</Link>
        </nav>
      ) : null}
      {canReport ? (
        <p className="no-print">
          <Link to={`/signaler/ressource/${resource.slug}`}>Signaler cette ressource</Link>
        </p>
      ) : null}

      {mayValidate ? <ValidationActions slug={resource.slug} validated={validation !== null} fromResource /> : null}

      <div className="resource-layout">
        <div>
          {resource.type === 'financement-europeen' ? (
            <FactsSection id="titre-appel" title="L’appel en bref">
              <Fact term="Programme">{resource.programme}</Fact>
              <Fact term="Organisme">{resource.managingBody}</Fact>
              <Fact term="État">{resource.fundingState ? <FundingStateBadge state={resource.fundingState} /> : null}</Fact>
              <Fact term="Ouverture">
                {resource.openingDate ? <time dateTime={resource.openingDate}>{formatDateTimeFr(resource.openingDate)}</time> : null}
              </Fact>
              <Fact term="Date limite">
                {resource.deadline ? (
                  <time dateTime={resource.deadline}>{formatDateTimeFr(resource.deadline)} (heure de Paris)</time>
                ) : null}
              </Fact>
              <Fact term="Montant">{amount}</Fact>
              <Fact term="Cofinancement">{resource.cofinancingRate !== null ? `${resource.cofinancingRate}\u00a0%` : null}</Fact>
              <Fact term={plural(d.eligibleLegalForms?.length ?? 0, 'Structure éligible', 'Structures éligibles')}>
                {d.eligibleLegalForms?.length
                  ? d.eligibleLegalForms.map((f) => LEGAL_FORM_LABELS[f as keyof typeof LEGAL_FORM_LABELS] ?? f).join(', ')
                  : null}
              </Fact>
              <Fact term="Lien officiel">
                {resource.officialUrl ? (
                  <a href={resource.officialUrl} rel="noopener noreferrer external">
                    {resource.officialUrl}
                  </a>
                ) : null}
              </Fact>
            </FactsSection>
          ) : null}
          {resource.type === 'formation' ? (
            <section aria-labelledby="titre-formation">
              <h2 id="titre-formation">La formation en bref</h2>
              <Facts>
                <Fact term="Organisme">{resource.provider}</Fact>
                <Fact term="Format">
                  {resource.format ? TRAINING_FORMAT_LABELS[resource.format as keyof typeof TRAINING_FORMAT_LABELS] : null}
                </Fact>
                <Fact term="Durée">{d.duration}</Fact>
                <Fact term="Coût">{resource.cost}</Fact>
                <Fact term={plural(d.fundingOptions?.length ?? 0, 'Financement', 'Financements')}>
                  {d.fundingOptions?.length
                    ? d.fundingOptions.map((f) => FUNDING_OPTION_LABELS[f as keyof typeof FUNDING_OPTION_LABELS] ?? f).join(', ')
                    : null}
                </Fact>
                <Fact term="Public">{d.audience}</Fact>
                <Fact term="Inscription">
                  {resource.registrationUrl ? (
                    <a href={resource.registrationUrl} rel="noopener noreferrer external">
                      S’inscrire sur le site de l’organisme
                    </a>
                  ) : null}
                </Fact>
              </Facts>
              <h3>{plural(resource.sessions.length, 'Session', 'Sessions')}</h3>
              {resource.sessions.length ? (
                <ul>
                  {resource.sessions.map((s) => {
                    const range = dayRangeFr(s.startsOn, s.endsOn)
                    return (
                      <li key={s.id}>
                        {range.end === null ? (
                          <>
                            Le <time dateTime={s.startsOn}>{range.start}</time>
                          </>
                        ) : (
                          <>
                            Du <time dateTime={s.startsOn}>{range.start}</time> au <time dateTime={s.endsOn}>{range.end}</time>
                          </>
                        )}
                        {sessionPlace(s.communeName, resource.format)}
                      </li>
                    )
                  })}
                </ul>
              ) : (
                <p>Aucune session programmée pour le moment.</p>
              )}
            </section>
          ) : null}
          {resource.type === 'initiative' ? (
            <FactsSection id="titre-initiative" title="L’initiative en bref">
              <Fact term="Lancement">
                {resource.startDate ? <time dateTime={resource.startDate}>{formatDayFr(resource.startDate)}</time> : null}
              </Fact>
              <Fact term="Partenaires">{d.partners}</Fact>
              <Fact term="Public">{d.audience}</Fact>
              <Fact term="Contact">{d.contact}</Fact>
            </FactsSection>
          ) : null}

          <section aria-labelledby="titre-contenu">
            <h2 id="titre-contenu" className="visually-hidden">
              Présentation
            </h2>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: HTML derived once at write time from validated JSON by the rich-text pipeline; never client HTML */}
            <div className="rich-text" dangerouslySetInnerHTML={{ __html: resource.bodyHtml }} />
          </section>

          {resource.type === 'initiative' && d.results ? (
            <section aria-labelledby="titre-resultats">
              <h2 id="titre-resultats">Résultats et impact</h2>
              <Paragraphs text={d.results} />
            </section>
          ) : null}
          {resource.type === 'bonne-pratique'
            ? (
                [
                  ['contexte', 'Contexte', d.context],
                  ['probleme', 'Problème traité', d.problem],
                  ['etapes', 'Étapes', d.steps],
                  ['resultats', 'Résultats', d.results],
                  ['conditions', 'Conditions de transfert', d.conditions],
                  ['pieges', 'Pièges à éviter', d.pitfalls],
                ] as const
              )
                .filter(([, , text]) => text)
                .map(([key, title, text]) => (
                  <section key={key} aria-labelledby={`titre-${key}`}>
                    <h2 id={`titre-${key}`}>{title}</h2>
                    {key === 'etapes' ? <Steps text={text} /> : <Paragraphs text={text} />}
                  </section>
                ))
            : null}
        </div>

        <aside className="resource-aside" aria-label="Informations complémentaires">
          {resource.attachments.length ? (
            <section aria-labelledby="titre-pieces-jointes">
              <h2 id="titre-pieces-jointes">{plural(resource.attachments.length, 'Document joint', 'Documents joints')}</h2>
              <ul className="plain-list">
                {resource.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={a.url}>{a.originalName}</a> <span className="hint">({a.sizeLabel})</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {resource.themes.length ? (
            <section aria-labelledby="titre-thematiques">
              <h2 id="titre-thematiques">{plural(resource.themes.length, 'Thématique', 'Thématiques')}</h2>
              <ul className="plain-list">
                {resource.themes.map((t) => (
                  <li key={t.slug}>
                    <Link to={`/ressources?theme=${t.slug}`}>{t.name}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="titre-partager" className="no-print">
            <h2 id="titre-partager">Partager</h2>
            <CopyLink url={url} />
          </section>
        </aside>
      </div>
    </article>
  )
}
