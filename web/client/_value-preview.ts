import { api } from './_api';

/**
 * The live preview beside every value field: what the server's reading of the typed text
 * will store ("P12Y · 12 years", "TJS 80,000 · approximate"), or what it expected. The text
 * is read by the extractor's parsers on the server (`POST /api/v1/values/read`), the same
 * code that reads it when the form is saved, so the preview cannot disagree with the save.
 *
 * Inputs opt in with `data-value-preview="<output id>"` and either `data-kind` or
 * `data-kind-from="<select id>"`; `data-published-at` resolves relative dates.
 */

export interface ValueReading {
  ok: boolean;
  message?: string;
  value?: unknown;
  approximate?: boolean;
  bound?: 'at_least' | 'at_most';
  subject?: string;
  form?: 'machine' | 'words';
  preview?: string;
}

type Listener = (reading: ValueReading, input: HTMLInputElement) => void;

const DELAY_MS = 150;

/** Wires one value input to its preview; `onRead` hears each reading that is still current. */
export function bindValuePreview(input: HTMLInputElement, onRead?: Listener) {
  const out = document.getElementById(input.dataset.valuePreview ?? '');
  if (!out) return;
  const kindSelect = input.dataset.kindFrom ? (document.getElementById(input.dataset.kindFrom) as HTMLSelectElement | null) : null;
  const kind = () => kindSelect?.value ?? input.dataset.kind ?? '';
  let timer = 0;
  let asked = 0;
  const read = async () => {
    const text = input.value.trim();
    const ticket = ++asked;
    if (!text) {
      out.textContent = '';
      out.classList.remove('bad');
      return;
    }
    const res = await api<ValueReading>('POST', '/values/read', { kind: kind(), text, ...(input.dataset.publishedAt ? { publishedAt: input.dataset.publishedAt } : {}) });
    if (ticket !== asked) return; // a newer keystroke asked since
    if (!res.ok) {
      out.textContent = '';
      return;
    }
    const r = res.data;
    out.textContent = r.ok ? (r.preview ?? '') : (r.message ?? '');
    out.classList.toggle('bad', !r.ok);
    onRead?.(r, input);
  };
  const later = () => {
    clearTimeout(timer);
    timer = window.setTimeout(read, DELAY_MS);
  };
  input.addEventListener('input', later);
  kindSelect?.addEventListener('change', () => void read());
}

/** Every value field inside `root`. */
export function bindValuePreviews(root: ParentNode = document, onRead?: Listener) {
  for (const input of Array.from(root.querySelectorAll<HTMLInputElement>('input[data-value-preview]'))) bindValuePreview(input, onRead);
}
