import type { Child } from 'hono/jsx';
import type { searchArticles, searchClaims } from '../../../src/services/search';
import { Highlighted } from '../shared/highlight';
import { AppPage, StatusBadge, type Viewer } from './shell';

type ClaimResults = Awaited<ReturnType<typeof searchClaims>>;
type ArticleResults = Awaited<ReturnType<typeof searchArticles>>;

/** One group of results (articles or claims), or a line saying there is none. */
function Results(props: { id: string; title: string; empty: string; start: number; more?: { href: string; label: string }; children: Child[] }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children.length === 0 ? <p class="empty">{props.empty}</p> : null}
      <ol class="plain results" start={props.start}>
        {props.children}
      </ol>
      {props.more ? (
        <p>
          <a href={props.more.href}>{props.more.label}</a>
        </p>
      ) : null}
    </section>
  );
}

const Snippet = (props: { of: { text: string; highlights: [number, number][] } }) => (
  <p class="small">
    <Highlighted text={props.of.text} highlights={props.of.highlights} />
  </p>
);

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
        <Results id="search-articles" title="Articles" empty="No article has these words." start={1}>
          {props.articles.items.map((h) => (
            <li>
              <a href={`/app/articles/${h.article.id}`}>{h.article.title}</a> <span class="muted small">{h.article.publisher}</span>
              <Snippet of={h.snippet} />
            </li>
          ))}
        </Results>
      ) : null}
      {props.claims ? (
        <Results id="search-claims" title="Claims" empty="No claim has these words." start={props.offset + 1} more={more ? { href: more, label: 'More claims →' } : undefined}>
          {props.claims.items.map((h) => (
            <li>
              <StatusBadge status={h.claim.status} suggested={h.claim.suggested} /> <a href={`/app/claims/${h.claim.id}`}>“{h.claim.quote}”</a> <span class="muted small">in {h.article.title}</span>
              <Snippet of={h.snippet} />
            </li>
          ))}
        </Results>
      ) : null}
    </AppPage>
  );
}
