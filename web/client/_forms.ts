import { isStale, type ApiResult, type Problem } from './_api';

/**
 * Form helpers: field errors beside their fields (with aria-invalid and aria-describedby),
 * a form-level message for the rest, busy state while a request runs, and drafts kept in
 * sessionStorage so that a reload never loses what someone typed.
 */

export const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => Array.from(root.querySelectorAll<T>(sel));

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export function controls(form: HTMLFormElement): Control[] {
  return Array.from(form.elements).filter((e): e is Control => e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement);
}

/** Trimmed text of a named field; null when empty. */
export function text(form: HTMLFormElement, name: string): string | null {
  const el = form.elements.namedItem(name) as Control | null;
  const v = el && 'value' in el ? el.value.trim() : '';
  return v ? v : null;
}

export function clearErrors(form: HTMLFormElement) {
  for (const slot of $$('.field-error', form)) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const el of $$('[aria-invalid]', form)) {
    el.removeAttribute('aria-invalid');
    const described = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error'));
    if (described.length) el.setAttribute('aria-describedby', described.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  const box = $('.form-error', form);
  if (box) {
    box.hidden = true;
    box.textContent = '';
  }
}

/** Puts a message beside the field named `name` (or its group); false when there is no such field. */
export function fieldError(form: HTMLFormElement, name: string, message: string): boolean {
  const wrap = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
  const slot = wrap?.querySelector<HTMLElement>('.field-error');
  if (!wrap || !slot) return false;
  slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
  slot.hidden = false;
  for (const el of $$<Control>('input, select, textarea', wrap)) {
    el.setAttribute('aria-invalid', 'true');
    const ids = new Set((el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    ids.add(slot.id);
    el.setAttribute('aria-describedby', [...ids].join(' '));
  }
  return true;
}

/** Shows the form-level message. */
export function formError(form: HTMLFormElement, message: string) {
  const box = $('.form-error', form);
  if (box) {
    box.textContent = message;
    box.hidden = false;
  } else {
    toast(message);
  }
}

const LABELS: Record<string, string> = { '(body)': 'request' };

/**
 * The API's problem shown on the form: each field error beside its field (`value.min` →
 * the value field; `alias` maps API names to the form's), the rest on top. Focuses the
 * first invalid field so keyboard and screen-reader users land on it.
 */
export function showProblem(form: HTMLFormElement, problem: Problem, alias: Record<string, string> = {}) {
  clearErrors(form);
  if (problem.status === 401) {
    // The session ended (expired, or signed out elsewhere): keep the input, offer a way back.
    formError(form, 'Not saved: you are no longer signed in. Sign in again in a new tab, then save here again; your input is kept. ');
    const a = document.createElement('a');
    a.href = '/app/login';
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = 'Sign in (new tab)';
    $('.form-error', form)?.append(a);
    return;
  }
  const unplaced: string[] = [];
  for (const e of problem.errors) {
    const head = e.field.split('.')[0];
    const name = alias[e.field] ?? alias[head] ?? head;
    const detail = e.field.includes('.') ? `${e.field.split('.').slice(1).join('.')} ${e.message}` : e.message;
    if (!fieldError(form, name, detail)) unplaced.push(`${LABELS[e.field] ?? e.field} ${e.message}`);
  }
  const placed = problem.errors.length - unplaced.length;
  const lead = placed ? `Not saved: ${placed === 1 ? 'one field needs' : `${placed} fields need`} attention.` : `Not saved: ${problem.detail}`;
  formError(form, [lead, ...unplaced].join(' '));
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  first?.focus();
}

/** Disables the submit buttons while a request runs (no double submissions). */
export async function busy<T>(form: HTMLFormElement, run: () => Promise<T>): Promise<T> {
  const buttons = $$<HTMLButtonElement>('button', form);
  const was = buttons.map((b) => b.disabled);
  buttons.forEach((b) => (b.disabled = true));
  form.setAttribute('aria-busy', 'true');
  try {
    return await run();
  } finally {
    buttons.forEach((b, i) => (b.disabled = was[i]));
    form.removeAttribute('aria-busy');
  }
}

let toastTimer = 0;
/** A short status message (announced politely). */
export function toast(message: string) {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = message;
  el.classList.add('show');
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => el.classList.remove('show'), 4000);
}

export { isHttpUrl } from '../../src/domain/urls';

// ---- drafts -------------------------------------------------------------------------

const DRAFT_KEY = (scope: string) => `factmark:drafts:${scope}`;

function formKey(form: HTMLFormElement): string {
  return form.id || `${form.className}:${form.dataset.sourceId ?? form.dataset.claimId ?? ''}`;
}

/**
 * Marks forms dirty on input so we know which hold unsaved work. Delegated from `document`,
 * so forms redrawn in place are tracked too (`root` is kept for callers; it no longer matters).
 */
let tracking = false;
export function trackDirty(_root: ParentNode = document) {
  if (tracking) return;
  tracking = true;
  const mark = (e: Event) => {
    const form = (e.target as Element | null)?.closest?.('form[data-dirty-track]') as HTMLFormElement | null;
    if (form) form.dataset.dirty = '1';
  };
  document.addEventListener('input', mark);
  document.addEventListener('change', mark);
}

export const dirtyForms = (root: ParentNode = document) => $$<HTMLFormElement>('form[data-dirty="1"]', root);

/** Saves the unsaved input of dirty forms (except `skip`) before the page reloads. */
export function stashDrafts(scope: string, skip?: HTMLFormElement) {
  const out: Record<string, Record<string, string | boolean>> = {};
  for (const form of dirtyForms()) {
    if (form === skip) continue;
    const values: Record<string, string | boolean> = {};
    for (const el of controls(form)) {
      if (!el.name) continue;
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
        if (el.checked) values[`${el.name}=${el.value}`] = true;
      } else values[el.name] = el.value;
    }
    out[formKey(form)] = values;
  }
  if (Object.keys(out).length) sessionStorage.setItem(DRAFT_KEY(scope), JSON.stringify(out));
  else sessionStorage.removeItem(DRAFT_KEY(scope));
}

/** Puts stashed drafts back after a reload and says so; returns how many forms got one. */
export function restoreDrafts(scope: string): number {
  const raw = sessionStorage.getItem(DRAFT_KEY(scope));
  sessionStorage.removeItem(DRAFT_KEY(scope));
  if (!raw) return 0;
  let drafts: Record<string, Record<string, string | boolean>>;
  try {
    drafts = JSON.parse(raw);
  } catch {
    return 0;
  }
  let n = 0;
  for (const form of $$<HTMLFormElement>('form[data-dirty-track]')) {
    const values = drafts[formKey(form)];
    if (!values) continue;
    for (const el of controls(form)) {
      if (!el.name) continue;
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) el.checked = values[`${el.name}=${el.value}`] === true;
      else if (typeof values[el.name] === 'string') el.value = values[el.name] as string;
    }
    form.dataset.dirty = '1';
    const details = form.closest('details');
    if (details) details.open = true;
    const note = document.createElement('p');
    note.className = 'notice draft-note';
    note.textContent = 'Your unsaved input from before the reload is back in this form. It is not saved yet.';
    form.prepend(note);
    n++;
  }
  return n;
}

/** Fills a `<dl>` with term / value pairs, as text (fresh data shown beside a conflict). */
export function fillDefinitions(dl: Element, pairs: [string, string][]) {
  dl.replaceChildren(
    ...pairs.map(([term, value]) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = term;
      dd.textContent = value;
      div.append(dt, dd);
      return div;
    }),
  );
}

/**
 * Returning a claim to the fact-checkers needs a note: when `action` is `return` and the note
 * is empty, says so on the form, focuses the note and answers true (the caller stops).
 */
export function returnWithoutNote(form: HTMLFormElement, action: string, note: string | null): boolean {
  if (action !== 'return' || note) return false;
  fieldError(form, 'note', 'Write a note saying what to change before returning it.');
  formError(form, 'Not returned: the note is needed.');
  form.querySelector<HTMLElement>('textarea')?.focus();
  return true;
}

/**
 * A form that writes through the API: its errors cleared, its button busy while `send` runs,
 * then `ok` with the answer, or the problem under its fields (a stale version told as `stale`).
 */
export function submitsTo<T>(form: HTMLFormElement | null, send: (form: HTMLFormElement) => Promise<ApiResult<T>>, ok: (data: T, form: HTMLFormElement) => void, stale?: string) {
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const res = await busy(form, () => send(form));
    if (res.ok) ok(res.data, form);
    else showProblem(form, stale && isStale(res.problem) ? { ...res.problem, detail: stale } : res.problem);
  });
}
