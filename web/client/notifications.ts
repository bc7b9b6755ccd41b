import { api } from './_api';
import { $, busy, formError, toast } from './_forms';
import { refreshRegions } from './_live';
import { initShell } from './_shell';
import type { UnreadState } from './_notify';

initShell();

/** Redraws the inbox and tells the top bar the new count. */
async function redraw(state?: UnreadState) {
  if (state) document.dispatchEvent(new CustomEvent('factmark:unread', { detail: state }));
  await refreshRegions(['#inbox-unread', '#inbox', '#mark-all-form']);
}

const markAll = $<HTMLFormElement>('#mark-all-form');
markAll?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const res = await busy(markAll, () => api<UnreadState>('POST', '/notifications/read', { all: true }));
  if (!res.ok) {
    toast(res.problem.detail);
    return;
  }
  await redraw(res.data);
  toast('All notifications marked as read.');
});

const prefs = $<HTMLFormElement>('#prefs-form');
prefs?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const email = Object.fromEntries(Array.from(prefs.querySelectorAll<HTMLInputElement>('input[name="email"]')).map((box) => [box.value, box.checked]));
  const res = await busy(prefs, () => api('PATCH', '/notifications/preferences', { email }));
  if (!res.ok) {
    formError(prefs, `Not saved: ${res.problem.detail}`);
    return;
  }
  toast('E-mail choices saved.');
});

// New notifications show up in the list as they arrive.
document.addEventListener('factmark:notifications', () => void redraw());
