import type { searchArticles, searchClaims } from '../../../src/services/search';
import { Highlighted } from '../shared/highlight';
import { AppPage, StatusBadge, type Viewer } from './shell';

type ClaimResults = Awaited<ReturnType<typeof searchClaims>>;
type ArticleResults = Awaited<ReturnType<typeof searchArticles>>;

/** The reviewers' search page: claims and articles for a query, best first, the words found marked. */
export function SearchPage(props: { viewer: Viewer; q: string; error?: string; claims: ClaimResults | null; articles: ArticleResults | null; offset: number }) {
  const more = props.claims?.nextOffset ? `/app/search?${new URLSearchParams({ q: props.q, offset: String(props.claims.nextOffset) })}` : null;
  return (
    <AppPage title={props.q ? `Search: ${props.q}` : 'Search'} viewer={props.viewer} current="none" script="shell">
      <h1>Search</h1>
      <form method="get" action="/app/search" class="inline-form" role="search">
        <label for="search-q">Claims and articles with</label>
        <input id="search-q" name="q" type="search" value={props.q} maxlength={200} aria-describedby="search-help" aria-invalid={props.error ? 'true' : undefined} />
        <button type="submit" class="btn">
          Search
        </button>
      </form>
      <p id="search-help" class="small muted">
        All the words must occur. <code>"a phrase"</code>, <code>Mirsaid*</code> for words that begin so, <code>-bail</code> to leave a word out, <code>fine OR bail</code>. Case and accents do not matter.
      </p>
      {props.error ? (
        <p class="form-error" role="alert">
          This search {props.error}.
        </p>
      ) : null}
      {props.articles ? (
        <section class="card" aria-labelledby="search-articles">
          <h2 id="search-articles">Articles</h2>
          {props.articles.items.length === 0 ? <p class="empty">No article has these words.</p> : null}
          <ol class="plain results">
            {props.articles.items.map((h) => (
              <li>
                <a href={`/app/articles/${h.article.id}`}>{h.article.title}</a> <span class="muted small">{h.article.publisher}</span>
                <p class="small">
                  <Highlighted text={h.snippet.text} highlights={h.snippet.highlights} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {props.claims ? (
        <section class="card" aria-labelledby="search-claims">
          <h2 id="search-claims">Claims</h2>
          {props.claims.items.length === 0 ? <p class="empty">No claim has these words.</p> : null}
          <ol class="plain results" start={props.offset + 1}>
            {props.claims.items.map((h) => (
              <li>
                <StatusBadge status={h.claim.status} suggested={h.claim.suggested} /> <a href={`/app/claims/${h.claim.id}`}>“{h.claim.quote}”</a> <span class="muted small">in {h.article.title}</span>
                <p class="small">
                  <Highlighted text={h.snippet.text} highlights={h.snippet.highlights} />
                </p>
              </li>
            ))}
          </ol>
          {more ? (
            <p>
              <a href={more}>More claims →</a>
            </p>
          ) : null}
        </section>
      ) : null}
    </AppPage>
  );
}
