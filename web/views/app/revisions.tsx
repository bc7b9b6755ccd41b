import type { DiffPart, ParagraphDiff } from '../../../src/domain/word-diff';
import { AppPage, Time, type Viewer } from './shell';
import { TableHead } from './table';

export interface RevisionListItem {
  id: string;
  number: number;
  trigger: string;
  fetchedAt: string;
  url: string | null;
  httpStatus: number | null;
  characters: number;
  summary: { moved?: number; changed?: number; gone?: number } | null;
}

export interface ChangedClaim {
  id: string;
  before: string;
  after: string | null;
  status: string;
}

/** What the page shows: the article, its page and checks, its revisions, and one revision against the one before. */
export interface RevisionsView {
  article: { id: string; title: string; fetchUrl: string | null };
  check: { at: string | null; result: string | null; error: string | null; next: string | null };
  revisions: RevisionListItem[];
  /** The revision shown (default the latest) against the one before it. */
  shown: { number: number; previous: number | null; paragraphs: ParagraphDiff[]; claims: ChangedClaim[] } | null;
}

const TRIGGERS: Record<string, string> = { paste: 'pasted', import: 'imported', refresh: 'refreshed by hand', schedule: 'scheduled check' };
const RESULTS: Record<string, string> = { changed: 'the text changed', unchanged: 'same text', 'not-modified': 'not modified (304)', failed: 'failed' };

function Words(props: { parts: DiffPart[] }) {
  return (
    <>
      {props.parts.map((p) => (p.op === 'same' ? p.text : p.op === 'add' ? <ins>{p.text}</ins> : <del>{p.text}</del>))}
    </>
  );
}

/** The paragraphs a claim of the revision is in (its old words or its new ones), with their word diff. */
function claimParagraphs(paragraphs: ParagraphDiff[], claim: ChangedClaim): ParagraphDiff[] {
  return paragraphs.filter((p) => p.op !== 'same' && ((p.before ?? '').includes(claim.before) || (claim.after !== null && (p.after ?? '').includes(claim.after))));
}

export function RevisionsPage(props: { viewer: Viewer; view: RevisionsView }) {
  const { article, check, revisions, shown } = props.view;
  const others = shown ? shown.paragraphs.filter((p) => p.op !== 'same' && !shown.claims.some((c) => claimParagraphs([p], c).length)) : [];
  return (
    <AppPage title={`Revisions · ${article.title}`} viewer={props.viewer} current="articles">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/app/articles">Articles</a> <span aria-hidden="true">›</span> <a href={`/app/articles/${encodeURIComponent(article.id)}`}>{article.title}</a> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">Revisions</span>
      </nav>
      <h1>Revisions of the text</h1>
      <section class="card" aria-labelledby="page-title">
        <h2 id="page-title">The publisher’s page</h2>
        {article.fetchUrl ? (
          <p>
            <a href={article.fetchUrl} rel="noopener noreferrer nofollow" target="_blank">
              {article.fetchUrl}
            </a>
            <br />
            <span class="muted small">
              Last checked <Time at={check.at} />
              {check.result ? ` — ${RESULTS[check.result] ?? check.result}` : ''}
              {check.error ? `: ${check.error}` : ''}. Next check <Time at={check.next} />.
            </span>
          </p>
        ) : (
          <p class="muted">This article was pasted; nobody follows a page for it. An editor can give it one (its page URL) under “Edit details”.</p>
        )}
      </section>
      {shown ? (
        <section class="card revision-diff" aria-labelledby="diff-title">
          <h2 id="diff-title">
            Revision {shown.number}
            {shown.previous ? ` against revision ${shown.previous}` : ''}
          </h2>
          {shown.claims.length ? (
            <ul class="changed-claims">
              {shown.claims.map((c) => (
                <li>
                  <p>
                    <a href={`/app/claims/${encodeURIComponent(c.id)}`}>“{c.before}”</a> {c.after === null ? <strong>is gone</strong> : <>now reads <strong>“{c.after}”</strong></>}
                    <span class="muted small"> ({c.status})</span>
                  </p>
                  {claimParagraphs(shown.paragraphs, c).map((p) => (
                    <blockquote class="diff">{p.op === 'changed' && p.words ? <Words parts={p.words} /> : p.op === 'removed' ? <del>{p.before}</del> : <ins>{p.after}</ins>}</blockquote>
                  ))}
                </li>
              ))}
            </ul>
          ) : shown.previous ? (
            <p>No claim’s words changed in this revision.</p>
          ) : null}
          {others.length ? (
            <details>
              <summary>
                {others.length} other paragraph{others.length === 1 ? '' : 's'} changed
              </summary>
              {others.map((p) => (
                <blockquote class="diff">{p.op === 'changed' && p.words ? <Words parts={p.words} /> : p.op === 'removed' ? <del>{p.before}</del> : <ins>{p.after}</ins>}</blockquote>
              ))}
            </details>
          ) : null}
        </section>
      ) : null}
      <table class="table">
        <TableHead caption="Revisions, newest first" columns={['Revision', 'Fetched', 'How', 'Claims']} />
        <tbody>
          {revisions.map((r) => (
            <tr>
              <td>
                <a href={`/app/articles/${encodeURIComponent(article.id)}/revisions?n=${r.number}`} aria-current={shown?.number === r.number ? 'true' : undefined}>
                  {r.number}
                </a>
                <span class="muted small"> · {r.characters.toLocaleString('en-GB')} characters</span>
              </td>
              <td>
                <Time at={r.fetchedAt} />
              </td>
              <td>
                {TRIGGERS[r.trigger] ?? r.trigger}
                {r.httpStatus ? <span class="muted small"> · HTTP {r.httpStatus}</span> : null}
              </td>
              <td class="small">{r.summary ? `${r.summary.moved ?? 0} moved, ${r.summary.changed ?? 0} changed, ${r.summary.gone ?? 0} gone` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AppPage>
  );
}
