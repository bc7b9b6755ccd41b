import type { WorkItem, WorkSection } from '../../../src/services/my-work';
import { KIND_LABELS, labelOf } from '../../../src/domain/labels';
import { formatValue } from '../../../src/domain/value-format';
import { AppPage, StatusBadge, Time, type Viewer } from './shell';

/** One claim waiting for the viewer: what it is, where, who put it here and what they said. */
function Item(props: { item: WorkItem; section: string }) {
  const i = props.item;
  return (
    <li class="work-item" data-claim-id={i.claimId}>
      <a class="claim-link" href={`/app/claims/${encodeURIComponent(i.claimId)}`}>
        <span class="quote">“{i.quote}”</span>
      </a>
      <div class="claim-meta">
        <StatusBadge status={i.status} suggested={i.suggested} returned={i.returnedAt !== null} />
        <span class="kind">{labelOf(KIND_LABELS, i.kind)}</span>
        <span class="value">{formatValue(i.kind, i.value, { approximate: i.approximate, bound: i.bound })}</span>
        <span class="muted">
          in <a href={`/app/articles/${encodeURIComponent(i.articleId)}#item-${encodeURIComponent(i.claimId)}`}>{i.articleTitle}</a>
        </span>
      </div>
      {i.note || i.by ? (
        <p class="work-note small">
          {i.by ? <strong>{i.by}</strong> : null}
          {i.by ? ' · ' : null}
          <Time at={i.at} />
          {i.note ? <span class="note-text"> — “{i.note}”</span> : null}
        </p>
      ) : (
        <p class="small muted">
          since <Time at={i.at} />
        </p>
      )}
    </li>
  );
}

/**
 * My work: everything waiting for the viewer across all articles, by section, newest first,
 * with counts (and, for editors, how many claims wait in the queue for anyone).
 */
export function WorkPage(props: { viewer: Viewer; sections: WorkSection[]; queueCount: number | null }) {
  const total = props.sections.reduce((n, s) => n + s.count, 0);
  return (
    <AppPage title="My work" viewer={props.viewer} current="work" script="work">
      <div class="page-head">
        <h1>
          My work <span class="muted">({total})</span>
        </h1>
        {props.queueCount !== null ? (
          <p class="small">
            <a href="/app/queue">Editors’ queue: {props.queueCount} waiting</a> · <a href="/app/queue?to=me">flagged to me</a>
          </p>
        ) : null}
      </div>
      <nav class="work-toc" aria-label="Sections of My work">
        <ul class="counts">
          {props.sections.map((s) => (
            <li>
              <a href={`#work-${s.key}`} class={`badge${s.count ? ' has-work' : ''}`}>
                {s.title}: {s.count}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.sections.map((s) => (
        <section class="card work-section" id={`work-${s.key}`} aria-labelledby={`work-${s.key}-title`} data-section={s.key}>
          <h2 id={`work-${s.key}-title`}>
            {s.title} <span class="muted">({s.count})</span>
          </h2>
          {s.items.length ? (
            <ol class="plain work-list">
              {s.items.map((i) => (
                <Item item={i} section={s.key} />
              ))}
            </ol>
          ) : (
            <p class="empty">{s.empty}</p>
          )}
          {s.count > s.items.length ? <p class="small muted">Showing the newest {s.items.length} of {s.count}.</p> : null}
        </section>
      ))}
    </AppPage>
  );
}
