import type { Child } from 'hono/jsx';
import { CLAIM_KINDS } from '../../../src/domain/vocabulary';
import type { ClaimWithRatings, Person } from '../../../src/services/ui-queries';
import { ExportLinks } from './exports';
import { RATING_CODES, ratingFor } from '../../../src/domain/ratings';
import { KIND_LABELS, STATUS_LABELS, labelOf, suggestionsLine } from '../../../src/domain/labels';
import { STATUS_FILTERS, allowedActions, displayStatus } from '../../../src/domain/policy';
import type { ArticleFieldsView } from '../../../src/domain/shapes';
import { AppPage, Field, FormError, RatingBadge, StatusBadge, TextChangedBadge, Time, viewerCan, type Viewer } from './shell';
import { formatValue } from '../../../src/domain/value-format';
import { ValueField } from './claim';

export interface ArticleView extends ArticleFieldsView {
  text: string;
  version: number;
  /** The publisher's page it is read from, and its last check (docs/import.md). */
  fetchUrl?: string | null;
  checkedAt?: string | null;
  checkResult?: string | null;
  nextCheckAt?: string | null;
}

const CHECK_WORDS: Record<string, string> = { changed: 'the text changed', unchanged: 'same text', 'not-modified': 'not modified', failed: 'the fetch failed' };

/** The page the article is followed on: last check, next one, "Check now" and the revisions. */
function FollowedPage(props: { article: ArticleView; canRefresh: boolean }) {
  const a = props.article;
  return (
    <div class="followed-page small" id="followed-page" data-article-id={a.id}>
      {a.fetchUrl ? (
        <>
          Followed on its page: last checked <Time at={a.checkedAt} />
          {a.checkResult ? ` (${CHECK_WORDS[a.checkResult] ?? a.checkResult})` : ''}, next <Time at={a.nextCheckAt} />.{' '}
          {props.canRefresh ? (
            <button type="button" class="btn small" id="refresh-article">
              Check the page now
            </button>
          ) : null}{' '}
        </>
      ) : (
        <>Pasted text: no page is followed. </>
      )}
      <a href={`/app/articles/${encodeURIComponent(a.id)}/revisions`}>Revisions</a>
      <span id="refresh-status" role="status" aria-live="polite"></span>
    </div>
  );
}

/** The colour classes of a claim's highlight: status as the underline, verdict as the fill. */
export function highlightClasses(c: ClaimWithRatings): string {
  const status = displayStatus(c);
  const rating = c.publishedRating ?? (c.status === 'dismissed' ? null : c.latestRating);
  return `hl hl-${status}${rating ? ` r-${rating}` : ''}`;
}

interface Segment {
  text: string;
  claims: ClaimWithRatings[];
}

/**
 * The article split into paragraphs (at blank lines), each cut into segments at every claim
 * boundary. Offsets are code points, as the claims store them; overlapping claims share the
 * segments they cover and the shortest one gives the colour.
 */
export function highlightedParagraphs(text: string, claims: ClaimWithRatings[]): { start: number; segments: Segment[] }[] {
  const cps = Array.from(text);
  const paragraphs: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < cps.length; i++) {
    if (cps[i] === '\n' && cps[i + 1] === '\n') {
      paragraphs.push({ start, end: i });
      start = i + 2;
      i++;
    }
  }
  paragraphs.push({ start, end: cps.length });
  return paragraphs.map((p) => {
    const inside = claims.filter((c) => c.start < p.end && c.end > p.start);
    const cuts = new Set([p.start, p.end]);
    for (const c of inside) {
      cuts.add(Math.max(p.start, c.start));
      cuts.add(Math.min(p.end, c.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const segments: Segment[] = [];
    for (let i = 0; i < points.length - 1; i++) {
      const [a, b] = [points[i], points[i + 1]];
      if (a === b) continue;
      const covering = inside.filter((c) => c.start <= a && c.end >= b).sort((x, y) => x.end - x.start - (y.end - y.start));
      segments.push({ text: cps.slice(a, b).join(''), claims: covering });
    }
    return { start: p.start, segments };
  });
}

function Legend() {
  return (
    <details class="legend">
      <summary>Colour key</summary>
      <p class="small muted">The underline shows the claim’s status, the fill its verdict (published, or else the latest proposed).</p>
      <ul class="legend-list">
        {STATUS_FILTERS.map((s) => (
          <li>
            <span class={`hl hl-${s}`}>{STATUS_LABELS[s]}</span>
          </li>
        ))}
      </ul>
      <ul class="legend-list">
        {RATING_CODES.map((r) => (
          <li>
            <span class={`hl r-${r}`}>{ratingFor(r).label}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function ClaimItem(props: { c: ClaimWithRatings; viewer: Viewer; hidden: boolean; assignee: string | null; selectable: boolean }) {
  const c = props.c;
  const status = displayStatus(c);
  // A suggestion is taken or dropped right in the list; other actions are on the claim's page.
  const actions = status === 'suggested' ? allowedActions(c, props.viewer.role) : [];
  return (
    <li class="claim-item" id={`item-${c.id}`} data-id={c.id} data-status={status} data-kind={c.kind} data-assignee={c.assigneeId ?? ''} data-version={String(c.version)} hidden={props.hidden}>
      {props.selectable ? <input type="checkbox" class="pick" name="ids" value={`${c.id}:${c.version}`} aria-label={`Select “${c.quote}”`} /> : null}
      <a class="claim-link" href={`/app/claims/${c.id}`}>
        <span class="quote">“{c.quote}”</span>
      </a>
      <div class="claim-meta">
        <StatusBadge status={c.status} suggested={c.suggested} returned={c.returned} />
        <span class="kind">{labelOf(KIND_LABELS, c.kind)}</span>
        <span class="value">{formatValue(c.kind, c.value, { approximate: c.approximate, bound: c.bound })}</span>
        {c.subject ? <span class="subject muted">{c.subject}</span> : null}
        <RatingBadge rating={c.publishedRating ?? c.latestRating} />
        <TextChangedBadge change={c.textChange} />
        {props.assignee ? <span class="assignee small">→ {props.assignee}</span> : null}
      </div>
      {actions.length ? (
        <div class="row-actions">
          {actions.includes('accept') ? (
            <button type="submit" name="one" value={`accept:${c.id}:${c.version}`} class="btn small" data-action="accept" data-id={c.id} aria-label={`Accept suggestion “${c.quote}”`}>
              Accept
            </button>
          ) : null}
          {actions.includes('dismiss') ? (
            <button type="submit" name="one" value={`dismiss:${c.id}:${c.version}`} class="btn small ghost" data-action="dismiss" data-id={c.id} aria-label={`Dismiss suggestion “${c.quote}”`}>
              Dismiss
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** Editors fix an article's details (the text is fixed once claims are anchored in it). */
function EditArticle(props: { article: ArticleView }) {
  const a = props.article;
  return (
    <details class="edit-article">
      <summary>Edit details</summary>
      <form id="article-form" class="stack" novalidate data-dirty-track="" data-version={String(a.version)}>
        <div class="grid-2">
          <Field id="ea-title" name="title" label="Title">
            <input id="ea-title" name="title" value={a.title} required maxlength={300} />
          </Field>
          <Field id="ea-url" name="url" label="URL">
            <input id="ea-url" name="url" type="url" value={a.url} required />
          </Field>
          <Field id="ea-publisher" name="publisher" label="Publisher">
            <input id="ea-publisher" name="publisher" value={a.publisher} required maxlength={200} />
          </Field>
          <Field id="ea-author" name="author" label="Author (optional)">
            <input id="ea-author" name="author" value={a.author ?? ''} maxlength={200} />
          </Field>
          <Field id="ea-date" name="publishedAt" label="Publication date">
            <input id="ea-date" name="publishedAt" value={a.publishedAt} required />
          </Field>
        </div>
        <FormError />
        <div class="actions">
          <button type="submit" class="btn primary">
            Save details
          </button>
          <button type="button" class="btn danger" id="article-delete">
            Delete article
          </button>
        </div>
      </form>
    </details>
  );
}

function NewClaimForm(props: { article: ArticleView }) {
  return (
    <section id="new-claim" class="card new-claim" aria-labelledby="new-claim-title" hidden>
      <h2 id="new-claim-title">New claim</h2>
      <form id="new-claim-form" class="stack" novalidate>
        <Field id="nc-quote" name="quote" label="Quote (exactly as in the text)" hint="Select text in the article to fill this, or type it.">
          <textarea id="nc-quote" name="quote" rows={2} required maxlength={2000}></textarea>
        </Field>
        <input type="hidden" name="start" id="nc-start" />
        <p id="nc-extractor" class="hint extractor-note" aria-live="polite"></p>
        <div class="grid-2">
          <Field id="nc-kind" name="kind" label="Kind">
            <select id="nc-kind" name="kind">
              {CLAIM_KINDS.map((k) => (
                <option value={k}>{KIND_LABELS[k]}</option>
              ))}
            </select>
          </Field>
          <ValueField id="nc-value" name="value" label="Value" kind="sentence" kindFrom="nc-kind" publishedAt={props.article.publishedAt} required />
          <Field id="nc-bound" name="bound" label="Qualifier">
            <select id="nc-bound" name="bound">
              <option value="">exact</option>
              <option value="approximate">approximate (about)</option>
              <option value="at_least">at least</option>
              <option value="at_most">at most</option>
            </select>
          </Field>
          <Field id="nc-subject" name="subject" label="Subject (optional)">
            <input id="nc-subject" name="subject" maxlength={200} placeholder="political prisoners" />
          </Field>
          <Field id="nc-speaker" name="speaker" label="Speaker (optional)">
            <input id="nc-speaker" name="speaker" maxlength={200} />
          </Field>
        </div>
        <FormError />
        <div class="actions">
          <button type="submit" class="btn primary">
            Create claim
          </button>
          <button type="button" class="btn ghost" id="nc-cancel">
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

/** A filter of the claims list: "all", or one value of a vocabulary, by its label. */
function FilterSelect<V extends string>(props: { name: string; label: string; values: readonly V[]; labels: Record<V, string>; selected?: string }) {
  return (
    <>
      <label for={`filter-${props.name}`}>{props.label}</label>
      <select id={`filter-${props.name}`} name={props.name}>
        <option value="">all</option>
        {props.values.map((v) => (
          <option value={v} selected={props.selected === v}>
            {props.labels[v].toLowerCase()}
          </option>
        ))}
      </select>
    </>
  );
}

/** The article with its claims highlighted, and the side list of claims. */
export interface ClaimFilter {
  status?: string;
  kind?: string;
  /** 'me', 'none', or absent for anyone. */
  assignee?: 'me' | 'none';
}

/**
 * The tag a publisher adds to the article's own page (editors give it to them). Readers see
 * the article's page and highlights only once one of its claims is published.
 */
function EmbedSnippet(props: { host: string; slug: string; publicCount: number }) {
  return (
    <details class="embed-snippet">
      <summary>Embed the fact-checks on the publisher’s page</summary>
      <pre>
        <code>{`<script src="${props.host}/embed.js" data-article="${props.slug}" async></script>`}</code>
      </pre>
      <p class="small muted">
        {props.publicCount
          ? `${props.publicCount} published claim${props.publicCount === 1 ? '' : 's'}: `
          : 'Nothing published yet: readers get “not found” until a claim is. '}
        <a href={`/articles/${encodeURIComponent(props.slug)}`}>public page</a>
      </p>
    </details>
  );
}

/**
 * Acting on many claims at once: the checked ones (checkboxes; shift-click for a range, `x`
 * on a focused claim), with the actions this viewer may take. Without scripts the list's
 * form posts to /app/bulk; with them, /api/v1/claims/bulk and the list is redrawn in place.
 */
function BulkBar(props: { viewer: Viewer; team: Person[] }) {
  const can = (p: Parameters<typeof viewerCan>[1]) => viewerCan(props.viewer, p);
  return (
    <div class="bulk-bar" id="bulk-bar" role="group" aria-labelledby="bulk-count">
      <label class="inline js-only">
        <input type="checkbox" id="bulk-all" /> All shown
      </label>
      <span id="bulk-count" class="bulk-count">
        Selected claims:
      </span>
      {can('claim.accept') ? (
        <button type="submit" name="action" value="accept" class="btn small">
          Accept
        </button>
      ) : null}
      {can('claim.dismiss') ? (
        <button type="submit" name="action" value="dismiss" class="btn small ghost">
          Dismiss
        </button>
      ) : null}
      {can('claim.update') ? (
        <>
          <label for="bulk-assignee" class="visually-hidden">
            Assign the selected claims to
          </label>
          <select id="bulk-assignee" name="assigneeId">
            <option value="">nobody</option>
            {props.team.filter((p) => p.active).map((p) => (
              <option value={p.id}>{p.id === props.viewer.id ? `${p.name} (you)` : p.name}</option>
            ))}
          </select>
          <button type="submit" name="action" value="assign" class="btn small">
            Assign
          </button>
        </>
      ) : null}
      {can('claim.publish') ? (
        <button type="submit" name="action" value="publish" class="btn small">
          Publish
        </button>
      ) : null}
    </div>
  );
}

export function ArticlePage(props: { viewer: Viewer; host: string; article: ArticleView; claims: ClaimWithRatings[]; filter: ClaimFilter; names: Map<string, string>; team?: Person[] }) {
  const { article, claims, filter } = props;
  const visible = (c: ClaimWithRatings) => {
    const status = displayStatus(c);
    const assigned = filter.assignee === 'me' ? c.assigneeId === props.viewer.id : filter.assignee === 'none' ? !c.assigneeId : true;
    return (!filter.status || filter.status === status) && (!filter.kind || filter.kind === c.kind) && assigned;
  };
  const suggested = claims.filter((c) => displayStatus(c) === 'suggested').length;
  const paragraphs = highlightedParagraphs(article.text, claims);
  const renderSegment = (s: Segment): Child => {
    if (!s.claims.length) return s.text;
    const top = s.claims[0];
    return (
      <mark class={highlightClasses(top)} data-claims={s.claims.map((c) => c.id).join(' ')} title={`${labelOf(KIND_LABELS, top.kind)}: ${formatValue(top.kind, top.value, { approximate: top.approximate, bound: top.bound })}`}>
        {s.text}
      </mark>
    );
  };
  return (
    <AppPage title={article.title} viewer={props.viewer} current="articles" script="article" wide>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/app/articles">Articles</a> <span aria-hidden="true">›</span> <span aria-current="page">{article.title}</span>
      </nav>
      <div id="article-view" class="article-layout" data-article-id={article.id} data-published-at={article.publishedAt} data-viewer-id={props.viewer.id}>
        <article class="article" aria-labelledby="article-title">
          <header class="article-head">
            <h1 id="article-title">{article.title}</h1>
            <p class="muted small">
              {article.publisher}
              {article.author ? ` · ${article.author}` : ''} · {article.publishedAt} ·{' '}
              <a href={article.url} rel="noopener noreferrer nofollow" target="_blank">
                original
              </a>
            </p>
            <FollowedPage article={article} canRefresh={viewerCan(props.viewer, 'article.refresh')} />
            {viewerCan(props.viewer, 'article.update') ? <EditArticle article={article} /> : null}
            {viewerCan(props.viewer, 'article.update') ? <EmbedSnippet host={props.host} slug={article.slug} publicCount={claims.filter((c) => c.publishedRating).length} /> : null}
            <p class="to-claims">
              <a href="#claims-title">Jump to the claims list ({claims.length})</a>
            </p>
            <p class="small">
              <ExportLinks label="Export the claims" path="/api/v1/claims/export" query={{ article: article.id, order: 'position' }} /> ·{' '}
              <ExportLinks label="the audit trail" path={`/api/v1/articles/${encodeURIComponent(article.id)}/history/export`} />
            </p>
            <p class="hint">
              Select a number or date in the text to make it a claim (or press <kbd>n</kbd>). <Legend />
            </p>
          </header>
          <div id="article-text" class="article-text">
            {paragraphs.map((p) => (
              <p data-start={String(p.start)}>{p.segments.map(renderSegment)}</p>
            ))}
          </div>
        </article>
        <aside class="sidebar" aria-label="Claims">
          <button type="button" id="selection-claim" class="btn primary floating" hidden>
            Make a claim of “<span id="selection-text"></span>”
          </button>
          <NewClaimForm article={article} />
          <section class="card claims-panel" aria-labelledby="claims-title">
            <div class="panel-head">
              <h2 id="claims-title">
                Claims <span class="muted" id="claims-count">({claims.length})</span>
              </h2>
              <button type="button" class="btn small" id="new-claim-button" aria-keyshortcuts="n">
                New claim
              </button>
            </div>
            <p class="small muted" id="suggested-count" hidden={!suggested}>
              {suggestionsLine(suggested)}
            </p>
            <form class="filters" method="get" id="claim-filters">
              <FilterSelect name="status" label="Status" values={STATUS_FILTERS} labels={STATUS_LABELS} selected={filter.status} />
              <FilterSelect name="kind" label="Kind" values={CLAIM_KINDS} labels={KIND_LABELS} selected={filter.kind} />
              <label for="filter-assignee">Assigned</label>
              <select id="filter-assignee" name="assignee">
                <option value="">to anyone</option>
                <option value="me" selected={filter.assignee === 'me'}>
                  to me
                </option>
                <option value="none" selected={filter.assignee === 'none'}>
                  to nobody
                </option>
              </select>
              <button type="submit" class="btn small js-hide">
                Filter
              </button>
            </form>
            <p id="filter-status-line" class="small muted" role="status" aria-live="polite"></p>
            <form id="bulk-form" method="post" action="/app/bulk" novalidate>
              <input type="hidden" name="back" value={`/app/articles/${article.id}`} />
              {claims.length && viewerCan(props.viewer, 'claim.bulk') ? <BulkBar viewer={props.viewer} team={props.team ?? []} /> : null}
              <p id="bulk-status" class="bulk-status small" role="status" aria-live="polite"></p>
              <ol class="claim-list" id="claim-list">
                {claims.map((c) => (
                  <ClaimItem
                    c={c}
                    viewer={props.viewer}
                    hidden={!visible(c)}
                    selectable={viewerCan(props.viewer, 'claim.bulk')}
                    assignee={c.assigneeId ? (c.assigneeId === props.viewer.id ? 'you' : (props.names.get(c.assigneeId) ?? 'someone')) : null}
                  />
                ))}
              </ol>
            </form>
            {claims.length === 0 ? <p class="empty">No claims yet. Select text in the article to add one.</p> : null}
          </section>
        </aside>
      </div>
    </AppPage>
  );
}
