import { raw } from 'hono/html';
import { ratingFor } from '../../../src/domain/ratings';
import { readersSeeTextChange, textChangeNotice } from '../../../src/domain/living';
import type { PublicArticle, PublicClaim } from '../../../src/services/public-feed';
import { humanDate, hostOf, machineDate, paragraphs } from './format';
import { PublicPage } from './shell';

export interface ClaimPageInput {
  host: string;
  article: PublicArticle;
  claim: PublicClaim;
  /** The short statement of the claim (ClaimReview's claimReviewed). */
  statement: string;
  /** The ClaimReview JSON, already made safe for a script element. */
  claimReviewJson: string;
  /** The quote with the words around it in its sentence. */
  context: { before: string; quote: string; after: string };
}

/** The public fact-check page of one published claim. */
export function ClaimPage({ host, article, claim, statement, claimReviewJson, context }: ClaimPageInput) {
  const rating = ratingFor(claim.verdict.rating);
  const code = claim.verdict.rating;
  const url = `${host}/claims/${encodeURIComponent(claim.id)}`;
  const title = `${rating.label}: ${statement}`;
  const description = claim.verdict.summary || `${rating.label} — a fact-check of a claim in “${article.title}” (${article.publisher}).`;
  return (
    <PublicPage
      title={`${title} — Factmark fact-check`}
      meta={{ title, description, url }}
      head={<script type="application/ld+json">{raw(claimReviewJson)}</script>}
    >
      <main class="public-main claim-page">
        <p class="kicker">Fact-check</p>
        <h1>{statement}</h1>
        <p class="verdict">
          <span class={`rating rating-${code}`}>{rating.label}</span>
        </p>
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
            {article.author ? `, by ${article.author}` : ''}, <time datetime={article.publishedAt}>{humanDate(article.publishedAt)}</time>.
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
                  <span class="muted"> ({s.type}{s.accessedAt ? `, accessed ${humanDate(s.accessedAt)}` : ''})</span>
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
            <time datetime={machineDate(claim.publishedAt)}>{humanDate(claim.publishedAt)}</time>
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
