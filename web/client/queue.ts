import { api } from './_api';
import { $$, busy, clearErrors, fillDefinitions, formError, returnWithoutNote, showProblem, text, toast } from './_forms';
import { initShell } from './_shell';
import type { FreshClaim } from './_claim-form';
import { formatValue } from '../../src/domain/value-format';
import { ACTION_DONE, KIND_LABELS, labelOf } from '../../src/domain/labels';
import type { ClaimAction } from '../../src/domain/policy';

initShell();


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
