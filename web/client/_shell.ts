import { api } from './_api';
import { watchUnread } from './_notify';
import { toast } from './_forms';
import { initSearchBox } from './_search-box';

/** What every signed-in page does: sign-out, and `?` for the keyboard shortcuts. */
export function initShell() {
  // The unread count in the top bar follows new notifications without a reload.
  watchUnread();
  initSearchBox();
  document.getElementById('sign-out')?.addEventListener('click', async () => {
    const res = await api('POST', '/auth/logout');
    if (res.ok || res.status === 401) location.href = '/app/login?signed-out';
    else toast(`Could not sign out: ${res.problem.detail}`);
  });
  // Dirty forms warn before the tab closes or navigates away.
  window.addEventListener('beforeunload', (e) => {
    if (document.querySelector('form[data-dirty="1"]') && !document.body.dataset.leaving) {
      e.preventDefault();
    }
  });
}

/** True when a key press is typing into a field (shortcuts must not fire then). */
export function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) || e.ctrlKey || e.metaKey || e.altKey;
}

const FLASH = 'factmark:flash';

/** Reloads (or goes to `to`) and shows `message` as a toast on the page that loads next. */
export function reloadWith(message: string, to?: string) {
  sessionStorage.setItem(FLASH, message);
  reload(to);
}

/** Shows the message the previous page left with `reloadWith`, once. */
export function showFlash() {
  const message = sessionStorage.getItem(FLASH);
  if (!message) return;
  sessionStorage.removeItem(FLASH);
  toast(message);
}

/** Reload without the "unsaved changes" prompt (drafts are stashed first by the caller). */
export function reload(to?: string) {
  document.body.dataset.leaving = '1';
  if (to) location.href = to;
  else location.reload();
}
