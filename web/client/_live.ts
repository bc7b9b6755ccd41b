/**
 * In-place updates without a page load: after a write, the page asks the server for itself
 * again (same URL, same session) and swaps the regions that changed, so the server's views
 * stay the one place that renders. What the person was doing survives the swap: the focus
 * (same element, found again by id or by its form and name), unsaved input in other forms,
 * and open <details>. Handlers must be delegated (on document), since regions are replaced.
 */

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A stable name for a form across renders: its id, else its class and the record it edits. */
export function formKey(form: HTMLFormElement): string {
  return form.id || `${form.className}:${form.dataset.sourceId ?? form.dataset.claimId ?? form.dataset.commentId ?? ''}`;
}

/** A stable name for the focused element, so its twin can be found in the new region. */
function focusKey(el: Element | null): string | null {
  if (!el || el === document.body) return null;
  if (el.id) return `#${el.id}`;
  const form = el.closest('form');
  const name = el.getAttribute('name') ?? el.getAttribute('data-action') ?? el.getAttribute('data-decide') ?? el.getAttribute('data-workflow') ?? '';
  const owner = el.closest('[data-id], [data-claim-id], [data-comment-id], [data-source-id]') as HTMLElement | null;
  const ownerKey = owner ? `${owner.dataset.id ?? owner.dataset.claimId ?? owner.dataset.commentId ?? owner.dataset.sourceId}` : '';
  return `${form ? formKey(form) : ''}|${ownerKey}|${el.tagName}|${name}|${(el.textContent ?? '').trim().slice(0, 40)}`;
}

function findByKey(root: ParentNode, key: string): HTMLElement | null {
  if (key.startsWith('#')) return root.querySelector<HTMLElement>(`#${CSS.escape(key.slice(1))}`);
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('a, button, input, select, textarea, summary, [tabindex]'))) {
    if (focusKey(el) === key) return el;
  }
  return null;
}

function values(form: HTMLFormElement) {
  return Array.from(form.elements).filter((e): e is Control => e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement);
}

/** Copies the input of dirty forms (but `skip`) from the old region into their twins in the new one. */
function carryDrafts(from: Element, to: Element, skip: HTMLFormElement | null) {
  for (const old of Array.from(from.querySelectorAll<HTMLFormElement>('form[data-dirty="1"]'))) {
    if (old === skip) continue;
    const twin = Array.from(to.querySelectorAll<HTMLFormElement>('form')).find((f) => formKey(f) === formKey(old));
    if (!twin) continue;
    const fresh = values(twin);
    for (const el of values(old)) {
      // Hidden fields (the version a write is based on) come fresh from the server.
      if (!el.name || (el instanceof HTMLInputElement && el.type === 'hidden')) continue;
      const match = fresh.find((f) => f.name === el.name && (!(f instanceof HTMLInputElement) || (f.type !== 'radio' && f.type !== 'checkbox') || f.value === el.value));
      if (!match) continue;
      if (match instanceof HTMLInputElement && (match.type === 'radio' || match.type === 'checkbox')) match.checked = (el as HTMLInputElement).checked;
      else match.value = el.value;
    }
    twin.dataset.dirty = '1';
  }
}

/** Keeps <details> open that were open (matched by id, else by their summary's text). */
function carryOpen(from: Element, to: Element) {
  const key = (d: HTMLDetailsElement) => d.id || `${d.className}|${d.closest('[data-source-id], [data-comment-id]')?.getAttribute('data-source-id') ?? d.closest('[data-comment-id]')?.getAttribute('data-comment-id') ?? ''}|${d.querySelector('summary')?.textContent?.trim() ?? ''}`;
  const open = new Set(Array.from(from.querySelectorAll<HTMLDetailsElement>('details[open]')).map(key));
  for (const d of Array.from(to.querySelectorAll<HTMLDetailsElement>('details'))) if (open.has(key(d))) d.open = true;
}

/** The page as the server renders it now. */
export async function fetchPage(url = location.href): Promise<Document | null> {
  try {
    const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } });
    if (!res.ok) return null;
    return new DOMParser().parseFromString(await res.text(), 'text/html');
  } catch {
    return null;
  }
}

export interface SwapOptions {
  /** The form whose write this follows: its input is not carried over (it was saved). */
  submitted?: HTMLFormElement | null;
  /** Where the focus goes if its element is gone (a selector). */
  fallbackFocus?: string;
  /** The page to render, if already fetched. */
  doc?: Document | null;
  /**
   * The element that had the focus when the action began (a button disabled while its request
   * ran has lost it to the body since); default: the focused element now.
   */
  focusFrom?: Element | null;
}

/**
 * Replaces each region matched by `selectors` with its fresh rendering. A region that is
 * gone from the fresh page is removed; one that is new is not added (callers list regions
 * present on both, or a container). Returns the fresh document, or null when it could not be
 * fetched (the caller then falls back to a reload).
 */
export async function refreshRegions(selectors: string[], opts: SwapOptions = {}): Promise<Document | null> {
  const doc = opts.doc ?? (await fetchPage());
  if (!doc) return null;
  const active = opts.focusFrom && opts.focusFrom !== document.body ? opts.focusFrom : document.activeElement;
  const key = focusKey(active);
  const caret = active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && active.type === 'text') ? [active.selectionStart, active.selectionEnd] : null;
  let moved = false;
  for (const sel of selectors) {
    const current = Array.from(document.querySelectorAll(sel));
    const fresh = Array.from(doc.querySelectorAll(sel));
    current.forEach((el, i) => {
      const next = fresh[i];
      if (!next) {
        el.remove();
        return;
      }
      const imported = document.importNode(next, true) as Element;
      carryDrafts(el, imported, opts.submitted ?? null);
      carryOpen(el, imported);
      if (active && el.contains(active)) moved = true;
      el.replaceWith(imported);
    });
  }
  if (moved || (active && !document.contains(active)) || (active !== document.activeElement && document.activeElement === document.body)) {
    let target = key ? findByKey(document, key) : null;
    if (!target && opts.fallbackFocus) target = document.querySelector<HTMLElement>(opts.fallbackFocus);
    if (target) {
      // A twin inside a closed <details> would not take the focus.
      const details = target.closest('details');
      if (details) details.open = true;
      target.focus({ preventScroll: true });
      if (caret && (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) && caret[0] !== null) {
        try {
          target.setSelectionRange(caret[0], caret[1] ?? caret[0]);
        } catch {
          // not a text field in the new rendering
        }
      }
    }
  }
  document.title = doc.title;
  return doc;
}
