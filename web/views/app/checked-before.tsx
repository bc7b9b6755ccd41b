import type { MatchItem } from '../../../src/services/matching';
import { RatingBadge, StatusBadge, Time, viewerCan, type Viewer } from './shell';

/** What agreed, in words (the matcher's reasons, without the obvious first one). */
const reasonsLine = (reasons: readonly string[]) => reasons.filter((r) => r !== 'same kind').join(' · ');

/**
 * "Checked before": the claims elsewhere that state the same thing. Those with a published
 * check show it (rating, date, article, sources) with "Reuse this check"; the others are
 * listed as the same claim still being worked on. Once this claim is published, the open
 * ones can be given this check in one action ("Clear the open matches").
 */
export function CheckedBefore(props: { viewer: Viewer; claimId: string; version: number; published: boolean; matches: MatchItem[] }) {
  const checked = props.matches.filter((m) => m.verdict);
  const pending = props.matches.filter((m) => !m.verdict && m.claim.status !== 'dismissed');
  const open = pending.filter((m) => m.claim.status === 'open' || m.claim.status === 'flagged');
  const mayPropose = viewerCan(props.viewer, 'verdict.propose');
  return (
    <section class="card" aria-labelledby="checked-before-title" id="checked-before">
      <h2 id="checked-before-title">Checked before</h2>
      {checked.length === 0 ? <p class="empty">No published check of the same claim elsewhere.</p> : null}
      <ol class="plain matches">
        {checked.map((m) => (
          <li class="match" data-match={m.claim.id}>
            <div class="verdict-head">
              <RatingBadge rating={m.verdict!.rating} />
              <span class="small muted">
                published <Time at={m.verdict!.publishedAt} />
              </span>
            </div>
            <p>
              <a href={`/app/claims/${m.claim.id}`}>“{m.claim.quote}”</a>
              {m.article ? (
                <span class="muted">
                  {' '}
                  in {m.article.title}, {m.article.publisher}
                </span>
              ) : null}
            </p>
            <p class="verdict-summary">{m.verdict!.summary}</p>
            {m.verdict!.sources.length ? (
              <ul class="small sources-brief">
                {m.verdict!.sources.map((s) => (
                  <li>
                    <a href={s.url} rel="noopener noreferrer" target="_blank">
                      {s.title}
                    </a>
                    {s.publisher ? <span class="muted"> — {s.publisher}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            <p class="small muted">Why: {reasonsLine(m.reasons)}</p>
            {mayPropose && !props.published ? (
              // Posts without scripts too (the panel's /act route, `_do=reuse`).
              <form class="reuse-form" method="post" action={`/app/claims/${encodeURIComponent(props.claimId)}/act`} data-from={m.claim.id}>
                <input type="hidden" name="version" value={String(props.version)} />
                <input type="hidden" name="from" value={m.claim.id} />
                <button type="submit" name="_do" value="reuse" class="btn" data-reuse={m.claim.id}>
                  Reuse this check
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ol>
      {pending.length && !props.published ? (
        <>
          <h3 class="small">The same claim elsewhere, not checked yet</h3>
          <ul class="plain small">
            {pending.map((m) => (
              <li>
                <StatusBadge status={m.claim.status} suggested={m.claim.suggested} /> <a href={`/app/claims/${m.claim.id}`}>“{m.claim.quote}”</a>
                {m.article ? <span class="muted"> in {m.article.title}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.published && open.length ? (
        <form id="clear-matches" class="stack" method="post" action={`/app/claims/${encodeURIComponent(props.claimId)}/act`} data-from={props.claimId}>
          <input type="hidden" name="version" value={String(props.version)} />
          <h3>Open elsewhere: the same claim, not checked yet</h3>
          <p class="small muted">Give them this check: each gets this claim’s published rating, summary and sources as its proposed verdict{viewerCan(props.viewer, 'claim.publish') ? ', ready for an editor to publish' : ''}.</p>
          <ul class="plain">
            {open.map((m) => (
              <li>
                <label>
                  {/* Each claim with the version this page saw: a claim changed since is refused, not overwritten. */}
                  <input type="checkbox" name="claim" value={`${m.claim.id}:${m.claim.version}`} data-claim-id={m.claim.id} data-status={m.claim.status} checked /> “{m.claim.quote}”
                  {m.article ? <span class="muted"> in {m.article.title}</span> : null} <StatusBadge status={m.claim.status} suggested={m.claim.suggested} />
                </label>
              </li>
            ))}
          </ul>
          {viewerCan(props.viewer, 'claim.publish') ? (
            <label class="block-label">
              <input type="checkbox" name="publish" value="1" /> and publish them now (each open one is flagged, then all are published at once)
            </label>
          ) : null}
          <div class="form-error" role="alert" hidden></div>
          {mayPropose ? (
            <button type="submit" name="_do" value="clear-matches" class="btn primary">
              Clear the selected: propose this check on them
            </button>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
