import { ratingFor } from '../../../src/domain/ratings';
import { KIND_LABELS, labelOf } from '../../../src/domain/labels';
import { allowedActions } from '../../../src/domain/policy';
import { AppPage, DecisionButtons, Field, FormError, RatingBadge, TextChangedBadge, Time, type Viewer } from './shell';
import { formatValue } from '../../../src/domain/value-format';
import { SourceCite, type SourceView, type VerdictView } from './claim';
import type { CommentView } from '../../../src/services/comments';
import type { Mentionable } from '../../../src/domain/mentions';
import { CommentThread } from './comments';

export interface QueueItem {
  claim: { id: string; quote: string; kind: string; value: unknown; approximate: boolean; bound: string | null; subject: string | null; version: number; status: string; suggested: boolean; publishedVerdictId: string | null; textChange?: { before: string; after: string | null } | null };
  article: { id: string; slug: string; title: string };
  flag: { reason: string; note: string | null; createdAt: string; createdBy: string | null; editorId?: string | null; editorName?: string | null };
  flaggedBy?: string | null;
  /** The claim's discussion (shown in the item, with a box to add to it). */
  comments?: CommentView[];
  proposedVerdict: Omit<VerdictView, 'authorName'> | null;
  publishedVerdict: Omit<VerdictView, 'authorName'> | null;
  sources: SourceView[];
}

function Diff(props: { label: string; before: string | null | undefined; after: string | null | undefined }) {
  if ((props.before ?? '') === (props.after ?? '')) return null;
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>
        <del>{props.before || '—'}</del> <span aria-label="becomes">→</span> <ins>{props.after || '—'}</ins>
      </dd>
    </div>
  );
}

function Item(props: { item: QueueItem; n: number; viewer: Viewer; people: Mentionable[]; back: string }) {
  const { claim, article, flag, flaggedBy, proposedVerdict: v, publishedVerdict: pub, sources } = props.item;
  const id = claim.id;
  const acts = allowedActions(claim, props.viewer.role);
  return (
    <li class="card queue-item" id={`q-${id}`} data-claim-id={id} data-version={String(claim.version)}>
      {acts.includes('publish') && v ? (
        <label class="inline small pick-label">
          <input type="checkbox" class="pick" form="queue-bulk" name="ids" value={`${id}:${claim.version}`} /> Select for publishing together
        </label>
      ) : null}
      <p class="small muted">
        <a href={`/app/articles/${article.id}#item-${id}`}>{article.title}</a>
      </p>
      <h2 class="queue-quote">
        <a href={`/app/claims/${id}`}>“{claim.quote}”</a>
      </h2>
      <p class="claim-facts">
        <span>{labelOf(KIND_LABELS, claim.kind)}</span>
        <strong>{formatValue(claim.kind, claim.value, { approximate: claim.approximate, bound: claim.bound })}</strong>
        {claim.subject ? <span>· {claim.subject}</span> : null}
        <TextChangedBadge change={claim.textChange} />
      </p>
      <p class="flag-reason">
        <span class="badge st-flagged">Flagged</span> <strong>{flag.reason}</strong> <span class="small muted">
          {flaggedBy ? `by ${flaggedBy}, ` : ''}
          {flag.editorName ? `to ${flag.editorId === props.viewer.id ? 'you' : flag.editorName}, ` : ''}
          <Time at={flag.createdAt} />
        </span>
      </p>
      {flag.note ? <p class="small">{flag.note}</p> : null}
      <div class="grid-2 queue-body">
        <div>
          <h3>Proposed verdict</h3>
          {v ? (
            <div class="verdict">
              <RatingBadge rating={v.rating} />
              <p class="verdict-summary">{v.summary}</p>
              {v.explanation ? <p class="verdict-explanation">{v.explanation}</p> : null}
            </div>
          ) : (
            <p class="warn">No verdict proposed: it cannot be published yet.</p>
          )}
          <h3>Compared with what readers see now</h3>
          {pub ? (
            v && v.id === pub.id ? (
              <p class="small muted">Same as the published verdict.</p>
            ) : (
              <dl class="changes">
                <Diff label="rating" before={ratingFor(pub.rating).label} after={v ? ratingFor(v.rating).label : null} />
                <Diff label="summary" before={pub.summary} after={v?.summary} />
                <Diff label="explanation" before={pub.explanation} after={v?.explanation} />
              </dl>
            )
          ) : (
            <p class="small muted">Not published yet: this would be its first public verdict.</p>
          )}
        </div>
        <div>
          <h3>Sources ({sources.length})</h3>
          {sources.length ? (
            <ol class="plain source-list">
              {sources.map((s) => (
                <li>
                  <SourceCite source={s} />
                  {s.excerpt ? <blockquote class="excerpt">{s.excerpt}</blockquote> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p class="warn">No sources.</p>
          )}
        </div>
      </div>
      {props.item.comments ? <CommentThread claimId={id} comments={props.item.comments} viewer={props.viewer} people={props.people} compact headingLevel={3} /> : null}
      <form class="queue-actions stack" data-claim-id={id} novalidate method="post" action={`/app/claims/${encodeURIComponent(id)}/act`}>
        <input type="hidden" name="version" value={String(claim.version)} />
        <input type="hidden" name="back" value={props.back} />
        <Field id={`ret-${id}`} name="note" label="Note to the fact-checkers (needed to return)">
          <textarea id={`ret-${id}`} name="note" rows={2} maxlength={2000}></textarea>
        </Field>
        <FormError />
        <DecisionButtons allowed={acts} offer={['publish', 'return', 'dismiss']} hasVerdict={Boolean(v)} />
      </form>
    </li>
  );
}

/** The editors' queue: flagged claims, oldest flag first. */
export function QueuePage(props: { viewer: Viewer; items: QueueItem[]; toMe?: boolean; people?: Mentionable[] }) {
  const back = props.toMe ? '/app/queue?to=me' : '/app/queue';
  const publishable = props.items.some((i) => i.proposedVerdict && allowedActions(i.claim, props.viewer.role).includes('publish'));
  return (
    <AppPage title="Editors’ queue" viewer={props.viewer} current="queue" script="queue">
      <div class="page-head">
        <h1>
          Editors’ queue <span class="muted">({props.items.length})</span>
        </h1>
        <nav class="small" aria-label="Which claims">
          {props.toMe ? <a href="/app/queue">All flagged claims</a> : <strong aria-current="page">All flagged claims</strong>} ·{' '}
          {props.toMe ? <strong aria-current="page">Flagged to me</strong> : <a href="/app/queue?to=me">Flagged to me</a>}
        </nav>
      </div>
      {publishable ? (
        <form id="queue-bulk" class="bulk-bar" method="post" action="/app/bulk" novalidate>
          <input type="hidden" name="back" value={back} />
          <span class="bulk-count" id="bulk-count">
            Tick claims below, then:
          </span>
          <button type="submit" name="action" value="publish" class="btn small primary">
            Publish the selected claims
          </button>
          <span id="bulk-status" class="bulk-status small" role="status" aria-live="polite"></span>
        </form>
      ) : null}
      {props.items.length === 0 ? <p class="empty">{props.toMe ? 'Nothing is flagged to you by name.' : 'Nothing is waiting for the editors.'}</p> : null}
      <ol class="plain queue" id="queue">
        {props.items.map((item, n) => (
          <Item item={item} n={n} viewer={props.viewer} people={props.people ?? []} back={back} />
        ))}
      </ol>
    </AppPage>
  );
}
