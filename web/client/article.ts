import { api } from './_api';
import { $, $$, busy, clearErrors, fieldError, formError, showProblem, toast, trackDirty } from './_forms';
import { CLAIM_FIELD_ALIAS, bindClaimValue, readClaimFields } from './_claim-form';
import { initShell, reload, typing } from './_shell';
import { formatBareValue } from '../../src/domain/value-format';
import { refreshRegions } from './_live';
import { STATUS_LABELS, suggestionsLine } from '../../src/domain/labels';
import { displayStatus } from '../../src/domain/status';

initShell();

const view = $('#article-view');
const articleId = view?.dataset.articleId ?? '';
const publishedAt = view?.dataset.publishedAt ?? '';
let textRoot = $('#article-text');
/** The list of claims (redrawn in place after a bulk action: always look it up). */
const listEl = () => $('#claim-list');

// ---- filters ---------------------------------------------------------------------------

const statusSel = $<HTMLSelectElement>('#filter-status');
const kindSel = $<HTMLSelectElement>('#filter-kind');
const assigneeSel = $<HTMLSelectElement>('#filter-assignee');
const viewerId = view?.dataset.viewerId ?? '';
const items = () => $$<HTMLLIElement>('.claim-item', listEl() ?? document);

function applyFilter() {
  const status = statusSel?.value ?? '';
  const kind = kindSel?.value ?? '';
  const assignee = assigneeSel?.value ?? '';
  const wanted = assignee === 'me' ? viewerId : assignee === 'none' ? '' : null;
  let shown = 0;
  const hiddenIds = new Set<string>();
  for (const li of items()) {
    const visible = (!status || li.dataset.status === status) && (!kind || li.dataset.kind === kind) && (wanted === null || li.dataset.assignee === wanted);
    li.hidden = !visible;
    // A claim the filter hides is not acted on by a bulk action.
    const pick = li.querySelector<HTMLInputElement>('input.pick');
    if (!visible && pick) pick.checked = false;
    if (visible) shown++;
    else hiddenIds.add(li.dataset.id ?? '');
  }
  for (const mark of $$('mark[data-claims]', textRoot ?? document)) {
    const ids = (mark.dataset.claims ?? '').split(' ');
    mark.classList.toggle('dim', ids.every((id) => hiddenIds.has(id)));
  }
  const line = $('#filter-status-line');
  if (line) line.textContent = status || kind || assignee ? `Showing ${shown} of ${items().length} claims.` : '';
  const url = new URL(location.href);
  for (const [name, value] of [['status', status], ['kind', kind], ['assignee', assignee]]) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  history.replaceState(null, '', url);
  countSelected();
}
statusSel?.addEventListener('change', applyFilter);
kindSel?.addEventListener('change', applyFilter);
assigneeSel?.addEventListener('change', applyFilter);
$('#claim-filters')?.addEventListener('submit', (e) => {
  e.preventDefault();
  applyFilter();
});
document.documentElement.classList.add('js');
applyFilter();

// ---- highlight ↔ list ------------------------------------------------------------------

document.addEventListener('click', (e) => {
  if (!window.getSelection()?.isCollapsed) return;
  const mark = (e.target as HTMLElement).closest<HTMLElement>('#article-text mark[data-claims]');
  if (!mark) return;
  const id = (mark.dataset.claims ?? '').split(' ')[0];
  const li = document.getElementById(`item-${id}`);
  if (!li) return;
  if (li.hidden) {
    if (statusSel) statusSel.value = '';
    if (kindSel) kindSel.value = '';
    applyFilter();
  }
  li.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  li.classList.add('pulse');
  setTimeout(() => li.classList.remove('pulse'), 1200);
  li.querySelector<HTMLElement>('a')?.focus({ preventScroll: true });
});

// Focusing a list item lights up its highlight in the text.
document.addEventListener('focusin', (e) => {
  if (!(e.target as HTMLElement).closest('#claim-list')) return;
  const li = (e.target as HTMLElement).closest<HTMLElement>('.claim-item');
  $$('mark.active', textRoot ?? document).forEach((m) => m.classList.remove('active'));
  if (!li) return;
  $$('mark[data-claims]', textRoot ?? document)
    .filter((m) => (m.dataset.claims ?? '').split(' ').includes(li.dataset.id ?? ''))
    .forEach((m) => m.classList.add('active'));
});

// ---- accept / dismiss suggestions --------------------------------------------------------

document.addEventListener('click', async (e) => {
  const button = (e.target as HTMLElement).closest<HTMLButtonElement>('#claim-list button[data-action]');
  if (!button) return;
  // A submit button of the list's form (for pages without scripts): handled here instead.
  e.preventDefault();
  const li = button.closest<HTMLLIElement>('.claim-item');
  if (!li) return;
  const action = button.dataset.action as 'accept' | 'dismiss';
  const version = Number(li.dataset.version);
  button.disabled = true;
  const res = await api<{ version: number; status: string; suggested: boolean; assigneeId: string | null }>('POST', `/claims/${encodeURIComponent(li.dataset.id ?? '')}/${action}`, { version });
  button.disabled = false;
  if (res.ok) {
    li.dataset.version = String(res.data.version);
    li.dataset.assignee = res.data.assigneeId ?? '';
    const pick = li.querySelector<HTMLInputElement>('input.pick');
    if (pick) pick.value = `${li.dataset.id}:${res.data.version}`;
    // The claim as the API answered it, named and coloured as the server's views do.
    const status = displayStatus(res.data);
    li.dataset.status = status;
    const badge = li.querySelector('.badge');
    if (badge) {
      badge.className = `badge st-${status}`;
      badge.textContent = STATUS_LABELS[status];
    }
    li.querySelector('.row-actions')?.remove();
    if (res.data.assigneeId === viewerId && !li.querySelector('.assignee')) {
      const who = document.createElement('span');
      who.className = 'assignee small';
      who.textContent = '→ you';
      li.querySelector('.claim-meta')?.append(who);
    }
    for (const m of $$('mark[data-claims]', textRoot ?? document)) {
      if ((m.dataset.claims ?? '').split(' ')[0] === li.dataset.id) {
        m.classList.remove('hl-suggested');
        m.classList.add(`hl-${status}`);
      }
    }
    const left = $$('.claim-item[data-status="suggested"]', listEl() ?? document).length;
    const line = $('#suggested-count');
    if (line) {
      line.textContent = suggestionsLine(left);
      line.hidden = left === 0;
    }
    toast(action === 'accept' ? 'Suggestion accepted: it is now an open claim assigned to you.' : 'Suggestion dismissed.');
    li.querySelector<HTMLElement>('a')?.focus();
    applyFilter();
    return;
  }
  const p = res.problem;
  let message = p.detail;
  if (p.status === 409) {
    const fresh = await api<{ version: number; status: string; suggested: boolean }>('GET', `/claims/${encodeURIComponent(li.dataset.id ?? '')}`);
    if (fresh.ok) {
      li.dataset.version = String(fresh.data.version);
      message = fresh.data.suggested
        ? `Someone else changed this suggestion since you loaded the page (it is now at version ${fresh.data.version}). Check it and press ${action === 'accept' ? 'Accept' : 'Dismiss'} again if you still mean it.`
        : `Someone else already handled this suggestion: it is now ${fresh.data.status}. Reload the page to see it.`;
    }
  }
  let note = li.querySelector<HTMLElement>('.item-error');
  if (!note) {
    note = document.createElement('p');
    note.className = 'item-error';
    note.setAttribute('role', 'alert');
    li.append(note);
  }
  note.textContent = message;
});

// ---- bulk actions: many claims at once ---------------------------------------------------

/** The boxes of the claims shown (a function declaration: the filter, run at load, counts them). */
function picks(): HTMLInputElement[] {
  return items().filter((li) => !li.hidden).map((li) => li.querySelector<HTMLInputElement>('input.pick')).filter((x): x is HTMLInputElement => !!x);
}
let lastPicked: number | null = null;

/** "20 selected", the select-all box in step, and the picked rows marked. */
function countSelected() {
  const boxes = picks();
  const n = boxes.filter((b) => b.checked).length;
  const count = $('#bulk-count');
  if (count) count.textContent = `${n} selected`;
  const all = $<HTMLInputElement>('#bulk-all');
  if (all) {
    all.checked = n > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
  }
  for (const li of items()) li.classList.toggle('picked', !!li.querySelector<HTMLInputElement>('input.pick')?.checked);
}

document.addEventListener('click', (e) => {
  const box = e.target;
  if (!(box instanceof HTMLInputElement) || !box.matches('#claim-list input.pick')) return;
  const boxes = picks();
  const at = boxes.indexOf(box);
  // Shift-click: everything between the last box clicked and this one takes this one's state.
  if (e.shiftKey && lastPicked !== null && at >= 0) {
    const [from, to] = [Math.min(lastPicked, at), Math.max(lastPicked, at)];
    for (let i = from; i <= to; i++) boxes[i].checked = box.checked;
  }
  lastPicked = at;
  countSelected();
});
document.addEventListener('change', (e) => {
  if ((e.target as Element).matches?.('#bulk-all')) {
    const on = (e.target as HTMLInputElement).checked;
    for (const b of picks()) b.checked = on;
    countSelected();
  } else if ((e.target as Element).matches?.('#claim-list input.pick')) countSelected();
});

interface BulkAnswer {
  done: number;
  failed: number;
  results: ({ id: string; ok: true } | { id: string; ok: false; problem: { detail: string } })[];
}

const BULK_DONE: Record<string, string> = { accept: 'accepted', dismiss: 'dismissed', assign: 'assigned', publish: 'published' };

/** Sends the checked claims to /api/v1/claims/bulk, then redraws the list and the text in place. */
async function bulk(form: HTMLFormElement, submitter: HTMLButtonElement) {
  const action = submitter.value;
  const chosen = items().filter((li) => !li.hidden && li.querySelector<HTMLInputElement>('input.pick')?.checked);
  const status = $('#bulk-status');
  if (!chosen.length) {
    if (status) status.textContent = 'Select claims first (the boxes beside them; shift-click for a range).';
    return;
  }
  if (action === 'dismiss' && !confirm(`Dismiss ${chosen.length} claim${chosen.length === 1 ? '' : 's'}?`)) return;
  const body: Record<string, unknown> = { action, items: chosen.map((li) => ({ id: li.dataset.id, version: Number(li.dataset.version) })) };
  if (action === 'assign') body.assigneeId = $<HTMLSelectElement>('#bulk-assignee')?.value || null;
  if (status) status.textContent = `Working on ${chosen.length} claim${chosen.length === 1 ? '' : 's'}…`;
  const res = await busy(form, () => api<BulkAnswer>('POST', '/claims/bulk', body));
  if (!res.ok) {
    if (status) status.textContent = `Nothing done: ${res.problem.detail}`;
    submitter.focus();
    return;
  }
  // The list, the highlights and the counts as the server renders them now; the focus stays on the button.
  const doc = await refreshRegions(['#claim-list', '#article-text', '#suggested-count', '#claims-count'], { focusFrom: submitter });
  textRoot = $('#article-text');
  applyFilter();
  const failed = res.data.results.filter((r): r is { id: string; ok: false; problem: { detail: string } } => !r.ok);
  for (const f of failed) {
    const li = document.getElementById(`item-${f.id}`);
    if (!li) continue;
    const box = li.querySelector<HTMLInputElement>('input.pick');
    if (box && !li.hidden) box.checked = true;
    const note = document.createElement('p');
    note.className = 'item-error';
    note.textContent = f.problem.detail;
    li.append(note);
  }
  countSelected();
  const said = `${res.data.done} ${BULK_DONE[action] ?? 'done'}${failed.length ? `; ${failed.length} not (${failed.length === 1 ? 'it stays selected, with the reason' : 'they stay selected, with the reasons'}).` : '.'}`;
  if (status) status.textContent = said;
  toast(said);
  if (!doc) location.reload();
  submitter.focus();
}

document.addEventListener('submit', (e) => {
  const form = e.target as HTMLFormElement;
  if (form.id !== 'bulk-form') return;
  e.preventDefault();
  const submitter = e.submitter as HTMLButtonElement | null;
  if (submitter?.name === 'action') void bulk(form, submitter);
});

// `x` selects or unselects the claim that has the focus in the list.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'x' || typing(e)) return;
  const box = (document.activeElement as HTMLElement | null)?.closest('.claim-item')?.querySelector<HTMLInputElement>('input.pick');
  if (!box) return;
  e.preventDefault();
  box.checked = !box.checked;
  countSelected();
});

// ---- new claim from a selection -----------------------------------------------------------

const panel = $('#new-claim');
const form = $<HTMLFormElement>('#new-claim-form');
const floating = $<HTMLButtonElement>('#selection-claim');
const quoteField = form?.elements.namedItem('quote') as HTMLTextAreaElement | undefined;
const startField = form?.elements.namedItem('start') as HTMLInputElement | undefined;
const extractorNote = $('#nc-extractor');
if (form) {
  bindClaimValue(form);
  trackDirty();
}

interface Picked {
  quote: string;
  start: number;
  end: number;
  paragraph: HTMLElement;
}

const cpLen = (s: string) => Array.from(s).length;

/** Code-point offset in the article of a DOM point inside a paragraph. */
function offsetIn(paragraph: HTMLElement, node: Node, offset: number): number {
  let count = Number(paragraph.dataset.start);
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t === node) return count + cpLen((t.textContent ?? '').slice(0, offset));
    count += cpLen(t.textContent ?? '');
  }
  // The point is an element boundary: count the text of the children before it.
  const range = document.createRange();
  range.setStart(paragraph, 0);
  range.setEnd(node, offset);
  return Number(paragraph.dataset.start) + cpLen(range.toString());
}

/** The current selection as a quote with article offsets, trimmed; null if it is not inside one paragraph. */
function pickSelection(): Picked | null {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !textRoot) return null;
  const range = sel.getRangeAt(0);
  const para = (n: Node) => (n instanceof Element ? n : n.parentElement)?.closest<HTMLElement>('#article-text p[data-start]') ?? null;
  const p = para(range.startContainer);
  if (!p || p !== para(range.endContainer)) return null;
  const raw = range.toString();
  const lead = cpLen(raw) - cpLen(raw.trimStart());
  const quote = raw.trim();
  if (!quote) return null;
  const start = offsetIn(p, range.startContainer, range.startOffset) + lead;
  return { quote, start, end: start + cpLen(quote), paragraph: p };
}

let picked: Picked | null = null;

document.addEventListener('selectionchange', () => {
  if (!floating) return;
  const sel = pickSelection();
  floating.hidden = !sel;
  if (sel) {
    const span = $('#selection-text');
    if (span) span.textContent = sel.quote.length > 40 ? `${sel.quote.slice(0, 40)}…` : sel.quote;
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    // CSSOM positioning is allowed under the CSP (no style attribute in the markup).
    floating.style.top = `${window.scrollY + rect.bottom + 6}px`;
    floating.style.left = `${Math.max(8, Math.min(window.scrollX + rect.left, document.documentElement.clientWidth - 260))}px`;
  }
});

// The button floats over the text, so it lives at the top of the body.
if (floating) document.body.append(floating);

// Keep the selection when the floating button is pressed with the mouse.
floating?.addEventListener('mousedown', (e) => e.preventDefault());
floating?.addEventListener('click', () => openForm(pickSelection()));

interface Candidate {
  kind: string;
  quote: string;
  start: number;
  end: number;
  value: unknown;
  approximate?: boolean;
  bound?: string;
  subject?: string;
}

async function prefillFromExtractor(sel: Picked) {
  if (!form || !extractorNote) return;
  extractorNote.textContent = 'Asking the extractor about this span…';
  const base = Number(sel.paragraph.dataset.start);
  const res = await api<{ candidates: Candidate[] }>('POST', '/extract', { text: sel.paragraph.textContent ?? '', publishedAt });
  if (picked !== sel) return; // another selection since
  if (!res.ok) {
    extractorNote.textContent = 'The extractor is not available; fill in the kind and value.';
    return;
  }
  const cands = res.data.candidates.map((c) => ({ ...c, start: c.start + base, end: c.end + base }));
  const exact = cands.find((c) => c.start === sel.start && c.end === sel.end);
  const overlap = exact ?? cands.filter((c) => c.start < sel.end && c.end > sel.start).sort((a, b) => Math.abs(a.end - a.start - (sel.end - sel.start)) - Math.abs(b.end - b.start - (sel.end - sel.start)))[0];
  if (!overlap) {
    extractorNote.textContent = 'The extractor found no number or date here; fill in the kind and value.';
    return;
  }
  if (form.dataset.dirty === '1' && form.dataset.prefilled !== '1') {
    extractorNote.textContent = `The extractor reads this as ${overlap.kind} ${formatBareValue(overlap.kind, overlap.value)}; your input was kept.`;
    return;
  }
  (form.elements.namedItem('kind') as HTMLSelectElement).value = overlap.kind;
  (form.elements.namedItem('kind') as HTMLSelectElement).dispatchEvent(new Event('change'));
  const value = form.elements.namedItem('value') as HTMLInputElement;
  value.value = formatBareValue(overlap.kind, overlap.value);
  value.dispatchEvent(new Event('input')); // the preview reads it
  (form.elements.namedItem('bound') as HTMLSelectElement).value = overlap.bound ?? (overlap.approximate ? 'approximate' : '');
  if (overlap.subject) (form.elements.namedItem('subject') as HTMLInputElement).value = overlap.subject;
  form.dataset.prefilled = '1';
  extractorNote.textContent = exact
    ? 'Kind and value prefilled by the extractor; check them.'
    : `Prefilled from the extractor’s reading of “${overlap.quote}” nearby; check them.`;
}

function openForm(sel: Picked | null) {
  if (!panel || !form || !quoteField || !startField) return;
  panel.hidden = false;
  floating && (floating.hidden = true);
  clearErrors(form);
  if (sel) {
    picked = sel;
    quoteField.value = sel.quote;
    startField.value = String(sel.start);
    form.dataset.selectedQuote = sel.quote;
    form.dataset.prefilled = '';
    void prefillFromExtractor(sel);
    (form.elements.namedItem('value') as HTMLInputElement).focus();
  } else {
    if (extractorNote) extractorNote.textContent = '';
    quoteField.focus();
  }
  panel.scrollIntoView({ block: 'nearest' });
}

function closeForm() {
  if (!panel || !form) return;
  if (form.dataset.dirty === '1' && !confirm('Discard the new claim you started?')) return;
  form.reset();
  form.dataset.dirty = '';
  panel.hidden = true;
  picked = null;
  $('#new-claim-button')?.focus();
}

$('#new-claim-button')?.addEventListener('click', () => openForm(pickSelection()));
$('#nc-cancel')?.addEventListener('click', closeForm);

form?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(form);
  const quote = quoteField?.value.trim() ?? '';
  if (!quote) {
    fieldError(form, 'quote', 'Select text in the article or type the quote.');
    formError(form, 'Not saved: one field needs attention.');
    return;
  }
  const fields = readClaimFields(form);
  // The offset only holds while the quote is the selected one.
  const start = quote === form.dataset.selectedQuote && startField?.value ? Number(startField.value) : undefined;
  const res = await busy(form, () => api<{ id: string }>('POST', `/articles/${encodeURIComponent(articleId)}/claims`, { quote, ...(start === undefined ? {} : { start }), ...fields }));
  if (res.ok) {
    form.dataset.dirty = '';
    reload(`/app/claims/${encodeURIComponent(res.data.id)}`);
    return;
  }
  if (res.problem.code === 'claim-exists' && typeof res.problem.claimId === 'string') {
    formError(form, 'A claim on exactly this span exists already. ');
    const a = document.createElement('a');
    a.href = `/app/claims/${encodeURIComponent(res.problem.claimId)}`;
    a.textContent = 'Open it';
    $('.form-error', form)?.append(a);
    return;
  }
  showProblem(form, res.problem, CLAIM_FIELD_ALIAS);
});

// ---- keyboard ----------------------------------------------------------------------------

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && panel && !panel.hidden) {
    closeForm();
    return;
  }
  if (typing(e)) return;
  if (e.key === 'n') {
    e.preventDefault();
    openForm(pickSelection());
  } else if (e.key === 'j' || e.key === 'k') {
    const links = items()
      .filter((li) => !li.hidden)
      .map((li) => li.querySelector<HTMLAnchorElement>('a.claim-link')!);
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[e.key === 'j' ? Math.min(links.length - 1, at + 1) : Math.max(0, at - 1)];
    next?.focus();
  }
});


// ---- editors: article details ------------------------------------------------------------

const articleForm = $<HTMLFormElement>('#article-form');
articleForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(articleForm);
  const value = (name: string) => (articleForm.elements.namedItem(name) as HTMLInputElement).value.trim();
  const body = { title: value('title'), url: value('url'), publisher: value('publisher'), author: value('author') || null, publishedAt: value('publishedAt'), version: Number(articleForm.dataset.version) };
  const res = await busy(articleForm, () => api('PATCH', `/articles/${encodeURIComponent(articleId)}`, body));
  if (res.ok) {
    articleForm.dataset.dirty = '';
    reload();
  } else if (res.problem.status === 409 && res.problem.code === 'stale-version') {
    formError(articleForm, 'Not saved: someone else changed these details since you opened the page. Your input is kept here; open the article again in a new tab to see theirs.');
  } else showProblem(articleForm, res.problem);
});
$('#article-delete')?.addEventListener('click', async () => {
  if (!articleForm || !confirm('Delete this article and all its claims? This cannot be undone.')) return;
  clearErrors(articleForm);
  const res = await busy(articleForm, () => api('DELETE', `/articles/${encodeURIComponent(articleId)}?version=${articleForm.dataset.version}`));
  if (res.ok) {
    articleForm.dataset.dirty = '';
    reload('/app/articles');
  } else formError(articleForm, `Not deleted: ${res.problem.detail}`);
});

// "Check the page now": POST /articles/{id}/refresh, then say what it found (and reload when the text changed).
const refreshButton = $<HTMLButtonElement>('#refresh-article');
refreshButton?.addEventListener('click', async () => {
  const id = $<HTMLElement>('#followed-page')?.dataset.articleId ?? '';
  const status = $<HTMLElement>('#refresh-status');
  refreshButton.disabled = true;
  if (status) status.textContent = ' Fetching the page…';
  const res = await api<{ changed: boolean; claims: { moved: number; changed: number; gone: number } }>('POST', `/articles/${encodeURIComponent(id)}/refresh`);
  refreshButton.disabled = false;
  if (!res.ok) {
    if (status) status.textContent = ` ${res.problem.detail}`;
    return;
  }
  if (!res.data.changed) {
    if (status) status.textContent = ' The page has not changed.';
    return;
  }
  const c = res.data.claims;
  toast(`The page changed: ${c.moved} claim${c.moved === 1 ? '' : 's'} moved, ${c.changed} changed, ${c.gone} gone.`);
  reload(location.pathname);
});
