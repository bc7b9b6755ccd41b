import { api } from './_api';
import { $$, busy, clearErrors, fillDefinitions, formError, returnWithoutNote, showProblem, text, toast } from './_forms';
import { initShell } from './_shell';
import { initComments } from './_comments';
import type { FreshClaim } from './_claim-form';
import { formatValue } from '../../src/domain/value-format';
import { ACTION_DONE, KIND_LABELS, labelOf } from '../../src/domain/labels';
import type { ClaimAction } from '../../src/domain/policy';

initShell();
// Each item's discussion: comments added, edited and deleted in place.
initComments();


/**
 * Someone changed the claim after the queue loaded, so nothing was done. Show the claim as it
 * is now inside the item; while it is still flagged, the next decision applies to that version
 * (the editor has now seen it), like "save on top" on the claim panel.
 */
async function showFresh(item: HTMLElement, form: HTMLFormElement, id: string, verb: string) {
  const fresh = await api<FreshClaim>('GET', `/claims/${encodeURIComponent(id)}`);
  const still = fresh.ok && fresh.data.status === 'flagged';
  formError(
    form,
    `Not ${verb}: someone changed this claim since the queue was loaded. ${
      !fresh.ok ? fresh.problem.detail : still ? 'Here it is as it is now; your note is kept, and deciding again acts on this version.' : `It is no longer waiting for a decision (now ${fresh.data.status}).`
    }`,
  );
  if (!fresh.ok) return;
  let dl = item.querySelector<HTMLElement>('dl.fresh');
  if (!dl) {
    dl = document.createElement('dl');
    dl.className = 'fresh';
    form.querySelector('.form-error')?.after(dl);
  }
  fillDefinitions(dl, [
    ['Status', fresh.data.status],
    // The value may be what changed: the editor must see it before deciding on this version.
    ['Value', `${labelOf(KIND_LABELS, fresh.data.kind)}: ${formatValue(fresh.data.kind, fresh.data.value, fresh.data)}`],
    ['Subject', fresh.data.subject ?? '—'],
    ['Speaker', fresh.data.speaker ?? '—'],
    ['Sources', fresh.data.sources.map((s) => s.title).join('; ') || 'none'],
    ['Latest verdict', fresh.data.latestVerdict ? `${fresh.data.latestVerdict.rating}: ${fresh.data.latestVerdict.summary}` : 'none'],
  ]);
  if (still) item.dataset.version = String(fresh.data.version);
}

/**
 * Publish / return / dismiss a flagged claim. On success the item leaves the queue; on a
 * stale version the item shows the claim as it is now (nothing was changed).
 */
for (const form of $$<HTMLFormElement>('form.queue-actions')) {
  const item = form.closest<HTMLElement>('.queue-item')!;
  const id = form.dataset.claimId ?? '';
  form.addEventListener('submit', (e) => e.preventDefault());
  for (const button of $$<HTMLButtonElement>('button[data-decide]', form)) {
    button.addEventListener('click', async () => {
      const action = button.dataset.decide!;
      clearErrors(form);
      const note = text(form, 'note');
      if (returnWithoutNote(form, action, note)) return;
      if (action === 'dismiss' && !confirm('Dismiss this claim? It leaves the queue and is not published.')) return;
      const version = Number(item.dataset.version);
      const body = action === 'publish' ? { version } : { version, note };
      const res = await busy(form, () => api<{ version: number }>('POST', `/claims/${encodeURIComponent(id)}/${action}`, body));
      if (res.ok) {
        const done = document.createElement('p');
        done.className = 'notice';
        done.setAttribute('role', 'status');
        done.textContent = ACTION_DONE[action as ClaimAction];
        form.replaceWith(done);
        item.classList.add('decided');
        toast(ACTION_DONE[action as ClaimAction]);
        return;
      }
      const verb = action === 'return' ? 'returned' : `${action}ed`;
      if (res.problem.status === 409 && res.problem.code === 'stale-version') {
        await showFresh(item, form, id, verb);
        return;
      }
      if (res.problem.status === 409) {
        formError(form, `Not ${verb}: ${res.problem.detail} Your note is kept; reload the queue to see the current state.`);
        const a = document.createElement('a');
        a.href = `/app/claims/${encodeURIComponent(id)}`;
        a.textContent = ' Open the claim';
        form.querySelector('.form-error')?.append(a);
        return;
      }
      showProblem(form, res.problem);
    });
  }
}

// ---- publishing several at once ----------------------------------------------------------------

interface BulkAnswer {
  done: number;
  results: ({ id: string; ok: true } | { id: string; ok: false; problem: { detail: string } })[];
}

const bulkForm = document.getElementById('queue-bulk') as HTMLFormElement | null;
const picked = () => $$<HTMLInputElement>('input.pick[form="queue-bulk"]').filter((b) => b.checked && b.isConnected);

function countPicked() {
  const count = document.getElementById('bulk-count');
  if (count) count.textContent = `${picked().length} selected`;
}
document.addEventListener('change', (e) => {
  if ((e.target as Element).matches?.('input.pick[form="queue-bulk"]')) countPicked();
});

bulkForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const submitter = e.submitter as HTMLButtonElement | null;
  const status = document.getElementById('bulk-status');
  const boxes = picked();
  if (!boxes.length) {
    if (status) status.textContent = 'Tick the claims to publish first.';
    return;
  }
  const items = boxes.map((b) => b.closest<HTMLElement>('.queue-item')!).map((li) => ({ id: li.dataset.claimId!, version: Number(li.dataset.version) }));
  const res = await busy(bulkForm, () => api<BulkAnswer>('POST', '/claims/bulk', { action: 'publish', items }));
  if (!res.ok) {
    if (status) status.textContent = `Nothing published: ${res.problem.detail}`;
    submitter?.focus();
    return;
  }
  for (const r of res.data.results) {
    const item = document.getElementById(`q-${r.id}`);
    if (!item) continue;
    if (r.ok) {
      const done = document.createElement('p');
      done.className = 'notice';
      done.textContent = ACTION_DONE.publish;
      item.querySelector('form.queue-actions')?.replaceWith(done);
      item.querySelector('.pick-label')?.remove();
      item.classList.add('decided');
    } else {
      const note = document.createElement('p');
      note.className = 'item-error';
      note.textContent = `Not published: ${r.problem.detail}`;
      item.querySelector('form.queue-actions')?.before(note);
    }
  }
  const failed = res.data.results.length - res.data.done;
  const said = `${res.data.done} published${failed ? `; ${failed} not (see each)` : ''}.`;
  if (status) status.textContent = said;
  toast(said);
  countPicked();
  submitter?.focus();
});
