import type { Child } from 'hono/jsx';
import type { MatchItem } from '../../../src/services/matching';
import { CheckedBefore } from './checked-before';
import { CLAIM_KINDS, SOURCE_TYPES } from '../../../src/domain/vocabulary';
import { RATING_CODES, ratingFor } from '../../../src/domain/ratings';
import { KIND_LABELS, SOURCE_TYPE_LABELS, labelOf } from '../../../src/domain/labels';
import { allowedActions, displayStatus } from '../../../src/domain/policy';
import type { ClaimFieldsView } from '../../../src/domain/shapes';
import { AppPage, DecisionButtons, Field, FormError, RatingBadge, StatusBadge, Time, viewerCan, type Viewer } from './shell';
import { describeEvent } from '../../../src/domain/history';
import { STATEMENT_MAX } from '../../../src/domain/statement';
import { VALUE_EXPECTATIONS, formatBareValue, formatCorrection, formatValue, valuePreview } from '../../../src/domain/value-format';
import type { Person } from '../../../src/services/ui-queries';
import type { CommentView } from '../../../src/services/comments';
import { CommentThread } from './comments';

export interface SourceView {
  id: string;
  url: string;
  title: string;
  publisher: string | null;
  type: string;
  excerpt: string | null;
  accessedAt: string | null;
  archivedUrl: string | null;
  createdAt: string;
}

export interface VerdictView {
  id: string;
  rating: string;
  summary: string;
  explanation: string | null;
  correctValue?: unknown;
  correctApproximate?: boolean;
  correctBound?: string | null;
  authorName: string | null;
  /** The editor who amended the wording at publication, if one did. */
  editedByName?: string | null;
  createdAt: string;
}

export interface FlagView {
  id: string;
  reason: string;
  note: string | null;
  createdAt: string;
  createdByName?: string | null;
  editorName?: string | null;
  resolvedByName?: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  resolutionNote: string | null;
}

export interface ClaimDetailView extends ClaimFieldsView {
  id: string;
  quote: string;
  prefix: string;
  suffix: string;
  suggested: boolean;
  public: boolean;
  publishedVerdictId: string | null;
  article: { id: string; slug: string; title: string; publishedAt?: string | null } | null;
  /** From the article: the quote's whole sentence, and the statement suggested from it (src/domain/statement.ts). */
  suggestion: { sentence: string; statement: string };
  sources: SourceView[];
  verdicts: VerdictView[];
  latestVerdict: VerdictView | null;
  publishedVerdict: VerdictView | null;
  pendingRevision: boolean;
  flags: FlagView[];
  openFlag: FlagView | null;
  returned?: boolean;
  /** While returned: the editor's note, who wrote it and when. */
  returnedBy?: { note: string | null; byName: string | null; at: string } | null;
}

export interface HistoryEvent {
  id: number;
  at: string;
  actor: { name: string };
  action: string;
  entityType?: string;
  entityId?: string;
  before: unknown;
  after: unknown;
}

/** One event of the history, told in words; ids, offsets and stored values only under "details". */
function HistoryItem(props: { e: HistoryEvent; kind: string; names: Map<string, string> }) {
  const d = describeEvent(props.e, { kind: props.kind, names: props.names });
  return (
    <li>
      <p>
        <strong>{props.e.actor.name}</strong> {d.text}{' '}
        <span class="muted small">
          <Time at={props.e.at} />
        </span>
      </p>
      {d.lines.length ? (
        <ul class="changes">
          {d.lines.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
      ) : null}
      {d.details.length ? (
        <details class="event-details">
          <summary>details</summary>
          <dl>
            {d.details.map((x) => (
              <div>
                <dt>{x.label}</dt>
                <dd>
                  <code>{x.value}</code>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </li>
  );
}

/**
 * A value field that takes what people type ("12 to 15 years", "about 80,000 somoni"), with
 * the live preview beside it: the server reads the text with the extractor's parsers
 * (`POST /api/v1/values/read`, web/client/_value-preview.ts) and the output says what it
 * will store, or what it expected.
 */
export function ValueField(props: { id: string; name: string; label: string; kind: string; value?: unknown; approximate?: boolean; bound?: string | null; kindFrom?: string; publishedAt?: string | null; required?: boolean; hint?: string }) {
  const has = props.value !== undefined && props.value !== null;
  return (
    <Field id={props.id} name={props.name} label={props.label} hint={props.hint ?? `Type ${VALUE_EXPECTATIONS[props.kind as keyof typeof VALUE_EXPECTATIONS] ?? 'the value'}.`}>
      <input
        id={props.id}
        name={props.name}
        value={has ? formatBareValue(props.kind, props.value) : ''}
        required={props.required}
        autocomplete="off"
        data-value-preview={`${props.id}-preview`}
        data-kind={props.kindFrom ? undefined : props.kind}
        data-kind-from={props.kindFrom}
        data-published-at={props.publishedAt ?? undefined}
      />
      <output id={`${props.id}-preview`} for={props.id} class="value-preview" aria-live="polite">
        {has ? valuePreview(props.kind, props.value, { approximate: props.approximate, bound: props.bound }) : ''}
      </output>
    </Field>
  );
}

function SourceFields(props: { prefix: string; s?: SourceView }) {
  const p = props.prefix;
  const s = props.s;
  return (
    <div class="grid-2">
      <Field id={`${p}-url`} name="url" label="URL" hint="http:// or https:// only">
        <input id={`${p}-url`} name="url" type="url" required value={s?.url ?? ''} data-http-url="" />
      </Field>
      <Field id={`${p}-title`} name="title" label="Title">
        <input id={`${p}-title`} name="title" required maxlength={300} value={s?.title ?? ''} />
      </Field>
      <Field id={`${p}-publisher`} name="publisher" label="Publisher (optional)">
        <input id={`${p}-publisher`} name="publisher" maxlength={200} value={s?.publisher ?? ''} />
      </Field>
      <Field id={`${p}-type`} name="type" label="Type">
        <select id={`${p}-type`} name="type">
          {SOURCE_TYPES.map((t) => (
            <option value={t} selected={(s?.type ?? 'other') === t}>
              {SOURCE_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${p}-accessed`} name="accessedAt" label="Accessed (optional)" hint="YYYY-MM-DD">
        <input id={`${p}-accessed`} name="accessedAt" value={s?.accessedAt ?? ''} placeholder="2017-08-28" />
      </Field>
      <Field id={`${p}-archived`} name="archivedUrl" label="Archived copy (optional)">
        <input id={`${p}-archived`} name="archivedUrl" type="url" value={s?.archivedUrl ?? ''} data-http-url="" />
      </Field>
      <Field id={`${p}-excerpt`} name="excerpt" label="Excerpt (optional)" class="span-2">
        <textarea id={`${p}-excerpt`} name="excerpt" rows={2} maxlength={5000}>
          {s?.excerpt ?? ''}
        </textarea>
      </Field>
    </div>
  );
}

function Verdict(props: { v: VerdictView; label?: string; claim: ClaimDetailView }) {
  const v = props.v;
  const c = props.claim;
  const correct = v.correctValue === undefined || v.correctValue === null ? null : formatValue(c.kind, v.correctValue, { approximate: v.correctApproximate, bound: v.correctBound });
  return (
    <div class="verdict">
      <div class="verdict-head">
        <RatingBadge rating={props.v.rating} />
        {props.label ? <span class="small muted">{props.label}</span> : null}
      </div>
      {correct ? <p class="verdict-figures">{formatCorrection(formatValue(c.kind, c.value, { approximate: c.approximate, bound: c.bound }), correct)}</p> : null}
      <p class="verdict-summary">{props.v.summary}</p>
      {props.v.explanation ? <p class="verdict-explanation">{props.v.explanation}</p> : null}
      <p class="small muted verdict-credit">
        {props.v.editedByName ? `proposed by ${props.v.authorName ?? 'someone'}, edited by ${props.v.editedByName}` : (props.v.authorName ?? 'someone')} · <Time at={props.v.createdAt} />
      </p>
    </div>
  );
}

function Section(props: { id: string; title: string; children: Child }) {
  return (
    <section class="card" aria-labelledby={`${props.id}-title`} id={props.id}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** The claim panel: its fields, sources, verdicts, flag, and history. */
type Neighbour = { id: string; quote: string } | null;

/** Previous / next claim of the article, in text order (with [ and ] as shortcuts). */
function Pager(props: { prev: Neighbour; next: Neighbour }) {
  if (!props.prev && !props.next) return null;
  return (
    <nav class="pager" aria-label="Other claims in this article">
      {props.prev ? (
        <a href={`/app/claims/${props.prev.id}`} rel="prev" aria-keyshortcuts="[">
          ← “{props.prev.quote}”
        </a>
      ) : (
        <span></span>
      )}
      {props.next ? (
        <a href={`/app/claims/${props.next.id}`} rel="next" aria-keyshortcuts="]">
          “{props.next.quote}” →
        </a>
      ) : null}
    </nav>
  );
}

/** Who the claim is with: anyone active, plus a disabled person it still sits with. */
function AssigneeField(props: { claim: ClaimDetailView; people: Person[]; viewer: Viewer }) {
  const current = props.claim.assigneeId;
  const options = props.people.filter((p) => p.active || p.id === current);
  return (
    <Field id="cf-assignee" name="assigneeId" label="Assigned to">
      <select id="cf-assignee" name="assigneeId">
        <option value="" selected={!current}>
          nobody
        </option>
        {options.map((p) => (
          <option value={p.id} selected={p.id === current}>
            {p.name}
            {p.id === props.viewer.id ? ' (you)' : ` (${p.role})`}
            {p.active ? '' : ', disabled'}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Where every form of the panel posts without scripts (the submit button's `_do` says what to do). */
const act = (id: string) => `/app/claims/${encodeURIComponent(id)}/act`;

/** The claim's version, sent with every write from the panel (a stale one is refused, 409). */
function VersionField(props: { v: number }) {
  return <input type="hidden" name="version" value={String(props.v)} />;
}

/** Flag to any editor, or to one by name (they are told, and find it under "Flagged to me"). */
function FlagToField(props: { editors: Person[]; viewer: Viewer }) {
  return (
    <Field id="ff-editor" name="editorId" label="To">
      <select id="ff-editor" name="editorId">
        <option value="">any editor</option>
        {props.editors.map((p) => (
          <option value={p.id}>
            {p.name}
            {p.id === props.viewer.id ? ' (you)' : ''}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function ClaimPage(props: { viewer: Viewer; claim: ClaimDetailView; history: HistoryEvent[]; people: Person[]; neighbours?: { prev: Neighbour; next: Neighbour }; comments?: CommentView[]; matches?: MatchItem[] }) {
  const c = props.claim;
  const names = new Map(props.people.map((p) => [p.id, p.name]));
  const assignee = c.assigneeId ? (c.assigneeId === props.viewer.id ? 'you' : (names.get(c.assigneeId) ?? 'someone')) : null;
  const qualifier = c.approximate ? 'approximate' : (c.bound ?? '');
  // The buttons are the actions the policy allows this viewer now, each in its section.
  const acts = allowedActions(c, props.viewer.role);
  const decides = acts.some((a) => a === 'publish' || a === 'return' || a === 'unpublish');
  return (
    <AppPage title={`Claim “${c.quote}”`} viewer={props.viewer} current="none" script="claim" wide>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/app/articles">Articles</a> <span aria-hidden="true">›</span>{' '}
        {c.article ? <a href={`/app/articles/${c.article.id}#item-${c.id}`}>{c.article.title}</a> : null} <span aria-hidden="true">›</span> <span aria-current="page">Claim</span>
      </nav>
      <div id="claim-view" data-claim-id={c.id} data-version={String(c.version)} data-status={c.status}>
        <header class="claim-head">
          <h1 class="claim-quote">
            <span class="visually-hidden">Claim: </span>
            <span class="context">…{c.prefix}</span>
            <mark class="hl hl-focus">{c.quote}</mark>
            <span class="context">{c.suffix}…</span>
          </h1>
          <p class="claim-facts" id="claim-facts" tabindex={-1}>
            <StatusBadge status={c.status} suggested={c.suggested} returned={c.returned} />
            <span>{labelOf(KIND_LABELS, c.kind)}</span>
            <strong>{formatValue(c.kind, c.value, { approximate: c.approximate, bound: c.bound })}</strong>
            {c.subject ? <span>· {c.subject}</span> : null}
            {c.speaker ? <span>· said by {c.speaker}</span> : null}
            <span class="assignee">· {assignee ? `assigned to ${assignee}` : 'not assigned'}</span>
            <span class="muted small" id="claim-version">
              version {c.version}
            </span>
            {c.public ? (
              <a href={`/claims/${c.id}`} class="small">
                public page
              </a>
            ) : null}
          </p>
          {c.status === 'flagged' && c.openFlag ? (
            <p class="notice">
              With {c.openFlag.editorName ? `${c.openFlag.editorName} (flagged to them by name)` : 'the editors'}: “{c.openFlag.reason}” {viewerCan(props.viewer, 'queue.read') ? <a href="/app/queue">Open the queue</a> : null}
            </p>
          ) : null}
          {c.returnedBy ? (
            <p class="returned-note" role="note">
              <strong>Returned</strong> by {c.returnedBy.byName ?? 'an editor'}, <Time at={c.returnedBy.at} />
              {c.returnedBy.note ? <>: “{c.returnedBy.note}”</> : null}. Fix it and flag it again when it is ready.
            </p>
          ) : null}
          {c.pendingRevision ? <p class="notice">A revised verdict is waiting for the editors; readers still see the published one.</p> : null}
        </header>
        <div id="conflict" class="conflict" role="alert" tabindex={-1} hidden>
          <h2>Someone else changed this claim</h2>
          <p id="conflict-text"></p>
          <dl id="conflict-fresh" class="fresh"></dl>
          <div class="actions">
            <button type="button" class="btn primary" id="conflict-retry">
              Save my change on top of theirs
            </button>
            <button type="button" class="btn" id="conflict-reload">
              Reload the claim, keep my unsaved input
            </button>
          </div>
        </div>
        <Pager prev={props.neighbours?.prev ?? null} next={props.neighbours?.next ?? null} />
        <div class="claim-layout">
          <div class="col">
            <Section id="details" title="Claim">
              <form id="claim-form" class="stack" novalidate data-dirty-track="" method="post" action={act(c.id)}>
                <VersionField v={c.version} />
                <div class="grid-2">
                  <Field id="cf-kind" name="kind" label="Kind">
                    <select id="cf-kind" name="kind">
                      {CLAIM_KINDS.map((k) => (
                        <option value={k} selected={c.kind === k}>
                          {KIND_LABELS[k]}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <ValueField id="cf-value" name="value" label="Value" kind={c.kind} value={c.value} approximate={c.approximate} bound={c.bound} kindFrom="cf-kind" publishedAt={c.article?.publishedAt} required />
                  <Field id="cf-bound" name="bound" label="Qualifier">
                    <select id="cf-bound" name="bound">
                      {[
                        ['', 'exact'],
                        ['approximate', 'approximate (about)'],
                        ['at_least', 'at least'],
                        ['at_most', 'at most'],
                      ].map(([v, l]) => (
                        <option value={v} selected={qualifier === v}>
                          {l}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field id="cf-subject" name="subject" label="Subject">
                    <input id="cf-subject" name="subject" value={c.subject ?? ''} maxlength={200} />
                  </Field>
                  <Field id="cf-speaker" name="speaker" label="Speaker">
                    <input id="cf-speaker" name="speaker" value={c.speaker ?? ''} maxlength={200} />
                  </Field>
                  <AssigneeField claim={c} people={props.people} viewer={props.viewer} />
                  <Field
                    id="cf-statement"
                    name="statement"
                    label="The claim as a sentence"
                    class="span-2"
                    hint={`The public page's headline and the ClaimReview's claimReviewed: one complete sentence, at most ${STATEMENT_MAX} characters.`}
                  >
                    <textarea id="cf-statement" name="statement" rows={2} data-max-chars={String(STATEMENT_MAX)} data-suggested={c.statement ? undefined : c.suggestion.statement}>
                      {c.statement ?? c.suggestion.statement}
                    </textarea>
                    <p class="small muted counter" id="cf-statement-count" aria-live="polite">
                      {[...(c.statement ?? c.suggestion.statement)].length} / {STATEMENT_MAX}
                    </p>
                    {c.statement === null ? <input type="hidden" name="suggestedStatement" value={c.suggestion.statement} /> : null}
                    {c.statement === null ? (
                      <p class="small muted" id="cf-statement-source">
                        Suggested from the article; edit it into the claim as one sentence. The sentence in the article: “{c.suggestion.sentence}”
                      </p>
                    ) : null}
                  </Field>
                </div>
                <FormError />
                <div class="actions">
                  <button type="submit" class="btn primary" aria-keyshortcuts="Control+S" name="_do" value="save">
                    Save claim
                  </button>
                  {acts.includes('accept') && displayStatus(c) === 'suggested' ? (
                    <button type="submit" class="btn" data-workflow="accept" name="_do" value="accept" formnovalidate>
                      Accept suggestion
                    </button>
                  ) : null}
                  {/* A flagged claim is the editors' to settle, in their section or the queue. */}
                  {acts.includes('dismiss') && c.status !== 'flagged' ? (
                    <button type="submit" class="btn ghost" data-workflow="dismiss" name="_do" value="dismiss" formnovalidate>
                      Dismiss claim
                    </button>
                  ) : null}
                  {acts.includes('reopen') ? (
                    <button type="submit" class="btn" data-workflow="reopen" name="_do" value="reopen" formnovalidate>
                      Reopen claim
                    </button>
                  ) : null}
                </div>
              </form>
            </Section>

            <Section id="sources" title={`Sources (${c.sources.length})`}>
              {c.sources.length === 0 ? <p class="empty">No sources yet.</p> : null}
              <ol class="source-list">
                {c.sources.map((s) => (
                  <li class="source" data-source-id={s.id}>
                    <div>
                      <SourceCite source={s} class="strong" />
                    </div>
                    <div class="small muted url">{s.url}</div>
                    {s.excerpt ? <blockquote class="excerpt">{s.excerpt}</blockquote> : null}
                    {s.archivedUrl ? (
                      <a class="small" href={s.archivedUrl} rel="noopener noreferrer nofollow ugc" target="_blank">
                        archived copy
                      </a>
                    ) : null}
                    <details class="source-edit">
                      <summary>Edit or remove</summary>
                      <form class="stack source-form" data-source-id={s.id} novalidate data-dirty-track="" method="post" action={act(c.id)}>
                        <VersionField v={c.version} />
                        <input type="hidden" name="sourceId" value={s.id} />
                        <SourceFields prefix={`src-${s.id}`} s={s} />
                        <FormError />
                        <div class="actions">
                          <button type="submit" class="btn" name="_do" value="source-save">
                            Save source
                          </button>
                          <button type="submit" class="btn danger" data-remove-source={s.id} name="_do" value="source-remove" formnovalidate>
                            Remove source
                          </button>
                        </div>
                      </form>
                    </details>
                  </li>
                ))}
              </ol>
              <details class="add-source" open={c.sources.length === 0}>
                <summary>Add a source</summary>
                <form id="source-add" class="stack" novalidate data-dirty-track="" method="post" action={act(c.id)}>
                  <VersionField v={c.version} />
                  <SourceFields prefix="new-src" />
                  <FormError />
                  <button type="submit" class="btn primary" name="_do" value="source-add">
                    Add source
                  </button>
                </form>
              </details>
            </Section>

            <Section id="verdict" title="Verdict">
              {c.publishedVerdict ? <Verdict v={c.publishedVerdict} claim={c} label="published — what readers see" /> : null}
              {c.latestVerdict && c.latestVerdict.id !== c.publishedVerdict?.id ? <Verdict v={c.latestVerdict} claim={c} label="proposed" /> : null}
              <form id="verdict-form" class="stack" novalidate data-dirty-track="" method="post" action={act(c.id)}>
                <VersionField v={c.version} />
                <fieldset class="field ratings" data-field="rating">
                  <legend>{c.latestVerdict ? 'Propose a new verdict' : 'Propose a verdict'}</legend>
                  <div class="rating-choices">
                    {RATING_CODES.map((r) => (
                      <label class={`rating-choice r-${r}`}>
                        <input type="radio" name="rating" value={r} required /> {ratingFor(r).label}
                      </label>
                    ))}
                  </div>
                  <p class="field-error" id="vf-rating-error" hidden></p>
                </fieldset>
                <Field id="vf-summary" name="summary" label="Summary" hint="One or two sentences readers see first">
                  <input id="vf-summary" name="summary" required maxlength={500} />
                </Field>
                <ValueField
                  id="vf-correct"
                  name="correctValue"
                  label="The correct figure (optional)"
                  kind={c.kind}
                  publishedAt={c.article?.publishedAt}
                  hint={`What is right, when the claim is wrong: ${VALUE_EXPECTATIONS[c.kind as keyof typeof VALUE_EXPECTATIONS] ?? 'a value of the claim’s kind'}. Readers see “Claimed: … · Actually: …”.`}
                />
                <Field id="vf-explanation" name="explanation" label="Explanation (optional)">
                  <textarea id="vf-explanation" name="explanation" rows={4} maxlength={20000}></textarea>
                </Field>
                <FormError />
                <button type="submit" class="btn primary" name="_do" value="verdict">
                  Propose verdict
                </button>
              </form>
            </Section>

            {decides ? (
              <Section id="decide" title="Editor’s decision">
                <form id="decide-form" class="stack" novalidate data-dirty-track="" method="post" action={act(c.id)}>
                  <VersionField v={c.version} />
                  {acts.includes('publish') ? (
                    <p class="small muted">
                      Publishing makes the latest proposed verdict{c.latestVerdict ? ` (${ratingFor(c.latestVerdict.rating).label})` : ''} what readers see.
                    </p>
                  ) : null}
                  <Field id="df-note" name="note" label={acts.includes('return') ? 'Note to the fact-checkers (needed to return)' : 'Note (optional)'}>
                    <textarea id="df-note" name="note" rows={2} maxlength={2000}></textarea>
                  </Field>
                  {acts.includes('publish') && c.latestVerdict ? (
                    <details class="edit-wording">
                      <summary>Edit the wording before publishing</summary>
                      <p class="small muted">Readers see your wording; the verdict credits {c.latestVerdict.authorName ?? 'its author'} as proposer and you as editor, and the history keeps both.</p>
                      <Field id="df-summary" name="summary" label="Summary">
                        <input id="df-summary" name="summary" value={c.latestVerdict.summary} maxlength={500} data-proposed={c.latestVerdict.summary} />
                      </Field>
                      <Field id="df-explanation" name="explanation" label="Explanation">
                        <textarea id="df-explanation" name="explanation" rows={4} maxlength={20000} data-proposed={c.latestVerdict.explanation ?? ''}>
                          {c.latestVerdict.explanation ?? ''}
                        </textarea>
                      </Field>
                    </details>
                  ) : null}
                  <FormError />
                  <DecisionButtons allowed={acts} offer={['publish', 'return', 'unpublish']} hasVerdict={Boolean(c.latestVerdict)} />
                </form>
              </Section>
            ) : null}

            {acts.includes('flag') ? (
              <Section id="flag" title="Send to the editors">
                <form id="flag-form" class="stack" novalidate data-dirty-track="" method="post" action={act(c.id)}>
                  <VersionField v={c.version} />
                  <Field id="ff-reason" name="reason" label="Reason" hint="What the editors should decide">
                    <input id="ff-reason" name="reason" required maxlength={500} list="flag-reasons" />
                  </Field>
                  <datalist id="flag-reasons">
                    <option value="Ready to publish"></option>
                    <option value="Needs a second opinion"></option>
                    <option value="Revised verdict"></option>
                    <option value="Sources conflict"></option>
                  </datalist>
                  <Field id="ff-note" name="note" label="Note (optional)">
                    <textarea id="ff-note" name="note" rows={2} maxlength={2000}></textarea>
                  </Field>
                  <FlagToField editors={props.people.filter((p) => p.active && p.role !== 'checker')} viewer={props.viewer} />
                  <FormError />
                  <button type="submit" class="btn primary" name="_do" value="flag">
                    Flag to editors
                  </button>
                </form>
              </Section>
            ) : null}
          </div>

          <div class="col">
            {props.matches ? <CheckedBefore viewer={props.viewer} claimId={c.id} version={c.version} published={c.status === 'published'} matches={props.matches} /> : null}
            {props.comments ? (
              <CommentThread claimId={c.id} comments={props.comments} viewer={props.viewer} people={props.people.filter((p) => p.active && p.id !== props.viewer.id).map((p) => ({ id: p.id, name: p.name }))} />
            ) : null}
            <Section id="verdicts" title="Verdict history">
              {c.verdicts.length === 0 ? <p class="empty">No verdict proposed yet.</p> : null}
              <ol class="plain">
                {c.verdicts.map((v) => (
                  <li>
                    <Verdict v={v} claim={c} label={v.id === c.publishedVerdict?.id ? 'published' : undefined} />
                  </li>
                ))}
              </ol>
            </Section>
            {c.flags.length ? (
              <Section id="flags" title="Flags">
                <ol class="plain">
                  {c.flags.map((f) => (
                    <li class="flag">
                      <strong>{f.reason}</strong> <span class="small muted">{f.createdByName ? `by ${f.createdByName}` : ''}{f.editorName ? ` to ${f.editorName}` : ''}</span> <Time at={f.createdAt} />
                      {f.note ? <p>{f.note}</p> : null}
                      <p class="small muted">
                        {f.resolvedAt ? (
                          <>
                            {f.resolution}
                            {f.resolvedByName ? ` by ${f.resolvedByName}` : ''} <Time at={f.resolvedAt} />
                            {f.resolutionNote ? ` — “${f.resolutionNote}”` : ''}
                          </>
                        ) : (
                          'open'
                        )}
                      </p>
                    </li>
                  ))}
                </ol>
              </Section>
            ) : null}
            <Section id="history" title="History">
              <ol class="timeline">
                {props.history.map((e) => (
                  <HistoryItem e={e} kind={c.kind} names={names} />
                ))}
              </ol>
            </Section>
          </div>
        </div>
      </div>
    </AppPage>
  );
}

/** A source as the desk cites it: its title as a link out (no referrer, no follow), then its type, publisher and access date. */
export function SourceCite(props: { source: SourceView; class?: string }) {
  const s = props.source;
  return (
    <>
      <a href={s.url} rel="noopener noreferrer nofollow ugc" target="_blank" class={props.class}>
        {s.title}
      </a>
      <span class="muted small">
        {' '}
        · {labelOf(SOURCE_TYPE_LABELS, s.type)}
        {s.publisher ? ` · ${s.publisher}` : ''}
        {s.accessedAt ? ` · accessed ${s.accessedAt}` : ''}
      </span>
    </>
  );
}
