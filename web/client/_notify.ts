/**
 * The unread count in the top bar, kept current without reloading: a small conditional GET
 * every 15 seconds while the tab is visible (and at once when it becomes visible again).
 * The server answers 304 with no body while nothing changed (ETag of the count and the newest
 * id), so an idle inbox costs one indexed count per poll and a few hundred bytes.
 *
 * `localStorage['factmark:poll-ms']` shortens the interval (at least 1 s), for debugging and
 * the end-to-end tests.
 */

const DEFAULT_MS = 15_000;

function interval(): number {
  const wanted = Number(localStorage.getItem('factmark:poll-ms'));
  return Number.isFinite(wanted) && wanted >= 1000 ? wanted : DEFAULT_MS;
}

export interface UnreadState {
  unread: number;
  latest: number;
}

/** Shows a count in the badge and the tab title; says so politely when new ones arrive. */
function show(state: UnreadState, previous: UnreadState | null) {
  const badge = document.getElementById('unread-count');
  const link = document.getElementById('inbox-link');
  if (badge) {
    badge.textContent = String(state.unread);
    badge.hidden = state.unread === 0;
  }
  link?.setAttribute('aria-label', `Notifications, ${state.unread} unread`);
  document.title = `${state.unread ? `(${state.unread}) ` : ''}${document.title.replace(/^\(\d+\) /, '')}`;
  if (previous && state.latest > previous.latest && state.unread > previous.unread) {
    const live = document.getElementById('unread-live');
    const n = state.unread - previous.unread;
    if (live) live.textContent = `${n} new notification${n === 1 ? '' : 's'}.`;
    document.dispatchEvent(new CustomEvent('factmark:notifications', { detail: state }));
  }
}

/** Starts polling; the first state comes from the page (rendered with the count). */
export function watchUnread() {
  const badge = document.getElementById('unread-count');
  if (!badge) return;
  let state: UnreadState = { unread: Number(badge.textContent) || 0, latest: Number(badge.dataset.latest) || 0 };
  let etag = `"${state.unread}-${state.latest}"`;
  let timer = 0;
  let running = false;

  const poll = async () => {
    if (running || document.hidden) return;
    running = true;
    try {
      const res = await fetch('/api/v1/notifications/unread', { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json', 'If-None-Match': etag } });
      if (res.status === 200) {
        const next = (await res.json()) as UnreadState;
        etag = res.headers.get('ETag') ?? etag;
        show(next, state);
        state = next;
      } else if (res.status === 401) {
        window.clearInterval(timer); // signed out elsewhere: stop asking
      }
    } catch {
      // offline for a moment: the next poll tries again
    } finally {
      running = false;
    }
  };
  show(state, null);
  timer = window.setInterval(poll, interval());
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) void poll();
  });
  window.addEventListener('focus', () => void poll());
  // Other scripts (marking read) tell the badge the new state at once.
  document.addEventListener('factmark:unread', (e) => {
    const next = (e as CustomEvent<UnreadState>).detail;
    show(next, null);
    state = next;
    etag = `"${next.unread}-${next.latest}"`;
  });
}
