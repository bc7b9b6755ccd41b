import { RATINGS } from '../../../src/domain/ratings';
import type { PublishedCheck } from '../../../src/services/public-library';
import { Highlighted } from '../shared/highlight';
import { formatPartialDate } from '../../../src/domain/value-format';
import { machineDate } from './format';
import { PublicPage, type PublicOrg } from './shell';

export interface ChecksPageProps {
  host: string;
  org: PublicOrg;
  q: string;
  /** Why the search could not be read (the page answers 422). */
  error?: string;
  items: PublishedCheck[];
  nextCursor: string | null;
}

/** The public library: every published check, newest first, with a search box for readers. */
export function ChecksPage({ host, org, q, error, items, nextCursor }: ChecksPageProps) {
  const more = nextCursor ? `/checks?${new URLSearchParams({ ...(q ? { q } : {}), cursor: nextCursor })}` : null;
  return (
    <PublicPage
      title={q ? `“${q}” — fact-checks — ${org.name}` : `All fact-checks — ${org.name}`}
      org={org}
      meta={{ title: `${org.name} fact-checks`, description: 'Every published fact-check, newest first.', url: `${host}/checks`, type: 'website' }}
    >
      <main class="public-main checks">
        <h1>Fact-checks</h1>
        <form class="checks-search" method="get" action="/checks" role="search">
          <label for="checks-q">Search the fact-checks</label>
          <input id="checks-q" name="q" type="search" value={q} maxlength={200} placeholder="a name, a figure, a phrase" aria-describedby={error ? 'checks-q-error' : undefined} aria-invalid={error ? 'true' : undefined} />
          <button type="submit">Search</button>
        </form>
        {error ? (
          <p id="checks-q-error" class="form-error" role="alert">
            This search {error}.
          </p>
        ) : null}
        {!error && items.length === 0 ? <p>{q ? 'No published fact-check has these words.' : 'No fact-checks have been published yet.'}</p> : null}
        <ol class="check-list">
          {items.map((c) => (
            <li class="check">
              <p class="check-rating">
                <span class={`rating rating-${c.rating}`}>{RATINGS[c.rating]?.label ?? c.rating}</span>
                <time datetime={machineDate(c.publishedAt)}>{formatPartialDate(machineDate(c.publishedAt))}</time>
              </p>
              <p class="check-claim">
                <a href={`/claims/${encodeURIComponent(c.id)}`}>{c.statement ?? `“${c.quote}”`}</a>
                {c.subject ? <span class="muted"> — {c.subject}</span> : null}
              </p>
              {c.snippet ? (
                <p class="check-snippet">
                  <Highlighted text={c.snippet.text} highlights={c.snippet.highlights} />
                </p>
              ) : null}
              <p class="check-summary">{c.summary}</p>
              <p class="check-source muted">
                In <a href={`/articles/${encodeURIComponent(c.article.slug)}`}>{c.article.title}</a>, {c.article.publisher}
              </p>
            </li>
          ))}
        </ol>
        {more ? (
          <p>
            <a href={more} rel="next">Older fact-checks</a>
          </p>
        ) : null}
      </main>
    </PublicPage>
  );
}
