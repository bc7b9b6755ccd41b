import { raw } from 'hono/html';
import { ratingFor } from '../../../src/domain/ratings';
import { readersSeeTextChange, textChangeNotice } from '../../../src/domain/living';
import { formatPartialDate, formatValue } from '../../../src/domain/value-format';
import { labelOf, SOURCE_TYPE_LABELS } from '../../../src/domain/labels';
import type { PublicArticle, PublicClaim } from '../../../src/services/public-feed';
import { hostOf, machineDate, paragraphs } from './format';
import { PublicPage, type PublicOrg } from './shell';

export interface ClaimPageInput {
  host: string;
  org: PublicOrg;
  article: PublicArticle;
  claim: PublicClaim;
  /** The claim as a sentence: the checker's statement, or one suggested from the article (ClaimReview's claimReviewed). */
  statement: string;
  /** The ClaimReview JSON, already made safe for a script element. */
  claimReviewJson: string;
  /** The quote with the words around it in its sentence. */
  context: { before: string; quote: string; after: string };
}

/** The public fact-check page of one published claim. */
export function ClaimPage({ host, org, article, claim, statement, claimReviewJson, context }: ClaimPageInput) {
  const rating = ratingFor(claim.verdict.rating);
  const claimed = formatValue(claim.kind, claim.value, { approximate: claim.approximate, bound: claim.bound });
  const v = claim.verdict;
  const actual = v.correctValue === null || v.correctValue === undefined ? null : formatValue(claim.kind, v.correctValue, { approximate: v.correctApproximate, bound: v.correctBound });
  const code = claim.verdict.rating;
  const url = `${host}/claims/${encodeURIComponent(claim.id)}`;
  const title = `${rating.label}: ${statement}`;
  const description = claim.verdict.summary || `${rating.label} — a fact-check of a claim in “${article.title}” (${article.publisher}).`;
  return (
    <PublicPage
      title={`${title} — ${org.name} fact-check`}
      org={org}
      meta={{ title, description, url }}
      head={<script type="application/ld+json">{raw(claimReviewJson)}</script>}
    >
      <main class="public-main claim-page">
        <p class="kicker">Fact-check</p>
        <h1>{statement}</h1>
        <p class="verdict">
          <span class={`rating rating-${code}`}>{rating.label}</span>
        </p>
        <dl class={`figures rating-${code}`}>
          <div>
            <dt>Claimed:</dt>
            <dd>{claimed}</dd>
          </div>
          {actual ? (
            <div class="actual">
              <dt>Actually:</dt>
              <dd>{actual}</dd>
            </div>
          ) : null}
        </dl>
        {claim.textChange && readersSeeTextChange({ ...claim, publishedVerdictId: claim.verdict.id }) ? (
          <p class="text-changed" role="note">
            {textChangeNotice(claim.textChange)}
          </p>
        ) : null}
        <figure class="in-context">
          <blockquote cite={article.url}>
            <p>
              {context.before ? <span class="context">{context.before}</span> : null}
              <mark class={`claim rating-${code}`}>{claim.quote}</mark>
              {context.after ? <span class="context">{context.after}</span> : null}
            </p>
          </blockquote>
          <figcaption>
            From <cite><a href={article.url} rel="noopener">{article.title}</a></cite>, {article.publisher}
            {article.author ? `, by ${article.author}` : ''}, <time datetime={article.publishedAt}>{formatPartialDate(article.publishedAt)}</time>.
          </figcaption>
        </figure>
        <section aria-labelledby="verdict-h">
          <h2 id="verdict-h">Our verdict</h2>
          <p class="summary">{claim.verdict.summary}</p>
          {paragraphs(claim.verdict.explanation).map((p) => (
            <p>{p}</p>
          ))}
        </section>
        {claim.sources.length ? (
          <section aria-labelledby="sources-h">
            <h2 id="sources-h">Sources</h2>
            <ol class="sources">
              {claim.sources.map((s) => (
                <li>
                  <a href={s.url} rel="noopener nofollow">{s.title}</a>
                  {s.publisher ? <span> — {s.publisher}</span> : null}
                  <span class="muted"> ({labelOf(SOURCE_TYPE_LABELS, s.type)}{s.accessedAt ? `, accessed ${formatPartialDate(s.accessedAt)}` : ''})</span>
                  {s.archivedUrl ? (
                    <>
                      {' '}
                      <a href={s.archivedUrl} rel="noopener nofollow">archived copy</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <dl class="facts">
          <dt>Fact-check published</dt>
          <dd>
            <time datetime={machineDate(claim.publishedAt)}>{formatPartialDate(claim.publishedAt)}</time> by {org.name}
          </dd>
          <dt>Claim made in</dt>
          <dd>
            <a href={article.url} rel="noopener">{article.title}</a> ({hostOf(article.url)})
          </dd>
          <dt>Publisher</dt>
          <dd>{article.publisher}</dd>
          {claim.speaker ? (
            <>
              <dt>Said by</dt>
              <dd>{claim.speaker}</dd>
            </>
          ) : null}
        </dl>
        <p class="more">
          <a href={`/articles/${encodeURIComponent(article.slug)}`}>See every checked claim in the article</a> ·{' '}
          <a href={`/annotations/${encodeURIComponent(article.slug)}/${encodeURIComponent(claim.id)}`} type="application/ld+json">
            This fact-check as a W3C annotation
          </a>
        </p>
      </main>
    </PublicPage>
  );
}
