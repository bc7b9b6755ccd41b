import { RATING_CODES, RATINGS } from '../../../src/domain/ratings';
import { formatPartialDate } from '../../../src/domain/value-format';
import { PublicPage, type PublicOrg } from './shell';

/** The rating scale; each rating has an anchor so `HOST/ratings#<code>` resolves. */
export function RatingsPage({ host, org }: { host: string; org: PublicOrg }) {
  return (
    <PublicPage title={`${org.name} rating scale`} org={org} meta={{ title: `How ${org.name} rates claims`, description: `The seven ratings ${org.name} gives checked claims.`, url: `${host}/ratings`, type: 'website' }}>
      <main class="public-main">
        <h1>Rating scale</h1>
        <p>Every checked claim gets one of these ratings. The first six are a scale from 5 (true) to 1 (false); “Unverifiable” is outside it.</p>
        <dl class="scale">
          {RATING_CODES.map((code) => (
            <div id={code}>
              <dt>
                <span class={`rating rating-${code}`}>{RATINGS[code].label}</span>
              </dt>
              <dd>
                <code>{code}</code>
                {RATINGS[code].value !== null ? ` · ${RATINGS[code].value} of 5` : ' · not on the numeric scale'}
              </dd>
            </div>
          ))}
        </dl>
      </main>
    </PublicPage>
  );
}

/** 404 and 410 pages for fact-checks and articles. */
export function MissingPage({ status, what, org }: { status: 404 | 410; what: string; org: PublicOrg }) {
  const gone = status === 410;
  return (
    <PublicPage title={gone ? `Fact-check withdrawn — ${org.name}` : `Not found — ${org.name}`} org={org}>
      <main class="public-main">
        <h1>{gone ? 'This fact-check was withdrawn' : 'Not found'}</h1>
        <p>{gone ? `The editors unpublished this ${what}. It may come back after review.` : `There is no public ${what} at this address.`}</p>
        <p>
          <a href="/">All fact-checks</a>
        </p>
      </main>
    </PublicPage>
  );
}

export interface HomeArticle {
  slug: string;
  title: string;
  publisher: string;
  publishedAt: string;
}

/** The landing page: checked articles, and a way into the reviewer UI. */
export function HomePage({ articles, org }: { articles: HomeArticle[]; org: PublicOrg }) {
  return (
    <PublicPage title={`${org.name} — fact-checks on the article's own page`} org={org}>
      <main class="public-main">
        <h1>{org.name}</h1>
        <p>{org.name} checks the numbers and dates in news articles; readers see the verdicts highlighted on the article itself.</p>
        {articles.length ? (
          <>
            <h2>Checked articles</h2>
            <ul class="articles">
              {articles.map((a) => (
                <li>
                  <a href={`/articles/${encodeURIComponent(a.slug)}`}>{a.title}</a> <span class="muted">— {a.publisher}, {formatPartialDate(a.publishedAt)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>No fact-checks are published yet.</p>
        )}
        <p>
          <a href="/app">Reviewer sign-in</a> · <a href="/api/v1/docs">API</a> · <a href="/ratings">Rating scale</a>
        </p>
      </main>
    </PublicPage>
  );
}
