import { ExportLinks } from './exports';
import { STATUS_FILTERS } from '../../../src/domain/policy';
import { AppPage, Field, FormError, viewerCan, type Viewer } from './shell';
import { TableHead } from './table';

export interface ArticleListItem {
  id: string;
  slug: string;
  title: string;
  publisher: string;
  publishedAt: string;
  createdAt: string;
  claimCounts?: Record<string, number>;
}

/** Articles, newest first, with claim counts by status; editors can add one. */
export function ArticlesPage(props: { viewer: Viewer; items: ArticleListItem[]; nextCursor: string | null; q: string; qError?: string }) {
  return (
    <AppPage title="Articles" viewer={props.viewer} current="articles" script="articles">
      <div class="page-head">
        <h1>Articles</h1>
        <form class="search" method="get" action="/app/articles" role="search">
          <label for="article-q" class="visually-hidden">
            Search titles and publishers
          </label>
          <input id="article-q" name="q" type="search" value={props.q} placeholder="Search titles, publishers, the text" />
          <button class="btn" type="submit">
            Search
          </button>
        </form>
      </div>
      <p>
        <ExportLinks label="Export every claim" path="/api/v1/claims/export" />
      </p>
      {props.qError ? (
        <p class="form-error" role="alert">
          This search {props.qError}.
        </p>
      ) : props.items.length === 0 ? (
        <p class="empty">No articles{props.q ? ' match your search' : ' yet'}.</p>
      ) : null}
      <table class="table articles-table">
        <TableHead caption="Articles with their claims by status" columns={['Article', 'Published', 'Claims']} />
        <tbody>
          {props.items.map((a) => {
            const counts = a.claimCounts ?? {};
            return (
              <tr>
                <td>
                  <a href={`/app/articles/${encodeURIComponent(a.id)}`} class="strong">
                    {a.title}
                  </a>
                  <div class="muted small">{a.publisher}</div>
                </td>
                <td class="nowrap">{a.publishedAt}</td>
                <td>
                  <ul class="counts" aria-label="Claims by status">
                    {STATUS_FILTERS.map((key) => {
                      // `open` counts suggestions and returned claims too; show them apart.
                      const n = key === 'open' ? (counts.open ?? 0) - (counts.suggested ?? 0) - (counts.returned ?? 0) : (counts[key] ?? 0);
                      return n > 0 ? (
                        <li class={`badge st-${key}`}>
                          {n} {key}
                        </li>
                      ) : null;
                    })}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {props.nextCursor ? (
        <p>
          <a href={`/app/articles?cursor=${encodeURIComponent(props.nextCursor)}${props.q ? `&q=${encodeURIComponent(props.q)}` : ''}`}>Older articles →</a>
        </p>
      ) : null}
      {viewerCan(props.viewer, 'article.import') ? <AddFromUrl /> : null}
      {viewerCan(props.viewer, 'article.create') ? <AddArticle open={props.items.length === 0 && !props.q} /> : <p class="muted">Editors paste articles; import one from its page above, or ask an editor.</p>}
    </AppPage>
  );
}

/** Import from the publisher's page: the Worker fetches and reads it, and follows it from then on (docs/import.md). */
function AddFromUrl() {
  return (
    <section class="card add-from-url" aria-labelledby="add-url-title">
      <h2 id="add-url-title">Add from URL</h2>
      <form id="import-article" class="stack" novalidate>
        <Field id="imp-url" name="url" label="The article’s page" hint="http:// or https://. Its text, headline, author and date are read from the page, which is then checked again for changes.">
          <input id="imp-url" name="url" type="url" required placeholder="https://news.example/2024/05/story" />
        </Field>
        <Field id="imp-date" name="publishedAt" label="Publication date (optional)" hint="Only if the page states none or a wrong one: YYYY, YYYY-MM or YYYY-MM-DD">
          <input id="imp-date" name="publishedAt" placeholder="2024-05-14" />
        </Field>
        <FormError />
        <p id="import-status" class="small muted" role="status" aria-live="polite"></p>
        <button class="btn primary" type="submit">
          Import article
        </button>
      </form>
    </section>
  );
}

function AddArticle(props: { open: boolean }) {
  return (
    <details class="card add-article" id="add-article-box" open={props.open}>
      <summary>
        <h2 id="add-article-title">Paste an article</h2>
      </summary>
      <form id="add-article" class="stack" novalidate>
        <div class="grid-2">
          <Field id="art-title" name="title" label="Title">
            <input id="art-title" name="title" required maxlength={300} />
          </Field>
          <Field id="art-url" name="url" label="URL" hint="The article’s canonical address, http:// or https://">
            <input id="art-url" name="url" type="url" required />
          </Field>
          <Field id="art-publisher" name="publisher" label="Publisher">
            <input id="art-publisher" name="publisher" required maxlength={200} />
          </Field>
          <Field id="art-author" name="author" label="Author (optional)">
            <input id="art-author" name="author" maxlength={200} />
          </Field>
          <Field id="art-date" name="publishedAt" label="Publication date" hint="YYYY, YYYY-MM or YYYY-MM-DD; dates in the text are read against it">
            <input id="art-date" name="publishedAt" required placeholder="2017-08-28" />
          </Field>
          <fieldset class="field">
            <legend>The text is</legend>
            <label class="inline">
              <input type="radio" name="format" value="text" checked /> plain text
            </label>
            <label class="inline">
              <input type="radio" name="format" value="html" /> HTML (cleaned to text in your browser)
            </label>
          </fieldset>
        </div>
        <Field id="art-text" name="text" label="Article text" hint="Paste the article body. Paragraphs are kept; claims are suggested by the extractor.">
          <textarea id="art-text" name="text" rows={10} required></textarea>
        </Field>
        <label class="inline">
          <input type="checkbox" name="extract" checked /> Suggest claims with the extractor
        </label>
        <FormError />
        <button class="btn primary" type="submit">
          Add article
        </button>
      </form>
    </details>
  );
}

