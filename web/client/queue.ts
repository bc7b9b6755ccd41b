import { api } from './_api';
import { $$, busy, clearErrors, fieldError, formError, showProblem, text, toast } from './_forms';
import { initShell } from './_shell';

initShell();

const DONE: Record<string, string> = { publish: 'Published: readers see it now.', return: 'Returned to the fact-checkers.', dismiss: 'Dismissed.' };

/**
 * Publish / return / dismiss a flagged claim. On success the item leaves the queue; on a
 * stale version the item says so and offers the fresh page (nothing was changed).
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
      if (action === 'return' && !note) {
        fieldError(form, 'note', 'Write a note saying what to change before returning it.');
        formError(form, 'Not returned: the note is needed.');
        form.querySelector<HTMLElement>('textarea')?.focus();
        return;
      }
      if (action === 'dismiss' && !confirm('Dismiss this claim? It leaves the queue and is not published.')) return;
      const version = Number(item.dataset.version);
      const body = action === 'publish' ? { version } : { version, note };
      const res = await busy(form, () => api<{ version: number }>('POST', `/claims/${encodeURIComponent(id)}/${action}`, body));
      if (res.ok) {
        const done = document.createElement('p');
        done.className = 'notice';
        done.setAttribute('role', 'status');
        done.textContent = DONE[action];
        form.replaceWith(done);
        item.classList.add('decided');
        toast(DONE[action]);
        return;
      }
      if (res.problem.status === 409) {
        formError(form, `Not ${action === 'return' ? 'returned' : `${action}ed`}: ${res.problem.code === 'stale-version' ? 'someone changed this claim since the queue was loaded' : res.problem.detail}. Your note is kept; reload the queue to see the current state.`);
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
