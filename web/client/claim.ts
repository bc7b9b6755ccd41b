import { api, isStale, type ApiResult } from './_api';
import { $, $$, busy, clearErrors, fieldError, fillDefinitions, formError, isHttpUrl, restoreDrafts, returnWithoutNote, showProblem, stashDrafts, text, toast, trackDirty } from './_forms';
import { CLAIM_FIELD_ALIAS, bindClaimValue, bindStatementCounter, readClaimFields, type FreshClaim } from './_claim-form';
import { bindValuePreview } from './_value-preview';
import { initShell, reload, reloadWith, showFlash, typing } from './_shell';
import { formatValue } from '../../src/domain/value-format';
import { ACTION_DONE } from '../../src/domain/labels';
import type { ClaimAction } from '../../src/domain/policy';

initShell();

const view = $('#claim-view');
const claimId = view?.dataset.claimId ?? '';
let version = Number(view?.dataset.version ?? '0');
const scope = `claim:${claimId}`;
const path = `/claims/${encodeURIComponent(claimId)}`;

trackDirty();
const restored = restoreDrafts(scope);
if (restored) toast(`Restored unsaved input in ${restored} form${restored === 1 ? '' : 's'}.`);

/** Reload after a successful write, keeping what was typed in the other forms. */
function savedThenReload(form: HTMLFormElement | null, message: string) {
  if (form) form.dataset.dirty = '';
  stashDrafts(scope, form ?? undefined);
  reloadWith(message);
}

showFlash();

// ---- the stale-version conflict -------------------------------------------------------------

let retry: (() => Promise<void>) | null = null;
let freshVersion = 0;

/**
 * Someone else saved first. Nothing of ours was written; say so, show what the claim is now,
 * and offer to save on top of it or to reload with our input kept.
 */
async function showConflict(form: HTMLFormElement | null, sent: number, again: () => Promise<void>) {
  const box = $('#conflict');
  const fresh = await api<FreshClaim>('GET', path);
  if (!box) return;
  const msg = $('#conflict-text');
  const dl = $('#conflict-fresh');
  retry = again;
  if (fresh.ok) {
    freshVersion = fresh.data.version;
    if (msg) msg.textContent = `Your change was not saved: this claim was changed by someone else after you opened it (you had version ${sent}, it is now at version ${fresh.data.version}). Your input is still in the form. Here is the claim as it is now:`;
    if (dl) {
      // Names come from the page's own list of people (the claim carries only an id).
      const person = fresh.data.assigneeId ? $<HTMLSelectElement>('#cf-assignee')?.querySelector<HTMLOptionElement>(`option[value="${CSS.escape(fresh.data.assigneeId)}"]`) : null;
      fillDefinitions(dl, [
        ['Status', fresh.data.status],
        ['Kind', fresh.data.kind],
        ['Value', formatValue(fresh.data.kind, fresh.data.value, fresh.data)],
        ['Statement', fresh.data.statement ?? '(suggested from the article)'],
        ['Subject', fresh.data.subject ?? '—'],
        ['Speaker', fresh.data.speaker ?? '—'],
        ['Assigned to', fresh.data.assigneeId ? (person?.text ?? 'someone') : 'nobody'],
        ['Sources', fresh.data.sources.map((s) => s.title).join('; ') || 'none'],
        ['Latest verdict', fresh.data.latestVerdict ? `${fresh.data.latestVerdict.rating}: ${fresh.data.latestVerdict.summary}` : 'none'],
      ]);
    }
  } else if (msg) {
    freshVersion = 0;
    msg.textContent = `Your change was not saved: this claim was changed by someone else after you opened it. ${fresh.problem.detail}`;
  }
  const retryBtn = $<HTMLButtonElement>('#conflict-retry');
  if (retryBtn) retryBtn.hidden = !freshVersion;
  if (form) formError(form, 'Not saved: someone else changed this claim first. See the message at the top; your input is kept here.');
  box.hidden = false;
  box.scrollIntoView({ block: 'start' });
  box.focus();
}

$('#conflict-retry')?.addEventListener('click', async () => {
  if (!retry || !freshVersion) return;
  version = freshVersion;
  $('#conflict')!.hidden = true;
  await retry();
});
$('#conflict-reload')?.addEventListener('click', () => {
  stashDrafts(scope);
  reload();
});

/**
 * Sends a write based on the page's version; success reloads the page (other forms' input
 * kept), a conflict shows the fresh claim, other problems go beside the fields.
 */
async function write(form: HTMLFormElement | null, request: (v: number) => Promise<ApiResult<unknown>>, done: string, alias?: Record<string, string>) {
  const run = async (): Promise<void> => {
    const sent = version;
    const res = form ? await busy(form, () => request(sent)) : await request(sent);
    if (res.ok) {
      savedThenReload(form, done);
      return;
    }
    if (isStale(res.problem)) {
      await showConflict(form, sent, run);
      return;
    }
    if (form) showProblem(form, res.problem, alias);
    else toast(res.problem.detail);
  };
  if (form) clearErrors(form);
  await run();
}

// ---- the claim's own fields -----------------------------------------------------------------

const claimForm = $<HTMLFormElement>('#claim-form');
if (claimForm) {
  bindClaimValue(claimForm);
  bindStatementCounter(claimForm);
  claimForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(claimForm);
    const fields = readClaimFields(claimForm);
    // Send only what this person changed, so saving on top of someone else's newer
    // version never writes back the old values of fields they did not touch.
    const changed = (name: string) => {
      const el = claimForm.elements.namedItem(name);
      if (el instanceof HTMLSelectElement) return Array.from(el.options).some((o) => o.selected !== o.defaultSelected);
      return (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.value !== el.defaultValue;
    };
    const patch: Record<string, unknown> = {};
    if (changed('kind') || changed('value')) Object.assign(patch, { kind: fields.kind, value: fields.value });
    if (changed('bound')) Object.assign(patch, { approximate: fields.approximate, bound: fields.bound });
    for (const name of ['subject', 'speaker']) if (changed(name)) patch[name] = fields[name];
    if (changed('statement') && 'statement' in fields) patch.statement = fields.statement;
    if (changed('assigneeId')) patch.assigneeId = (claimForm.elements.namedItem('assigneeId') as HTMLSelectElement).value || null;
    if (!Object.keys(patch).length) {
      formError(claimForm, 'Nothing to save: no field was changed.');
      return;
    }
    // Only the changed fields: the API leaves the others as they are, so saving on top of
    // someone else's change keeps theirs.
    await write(claimForm, (v) => api('PATCH', path, { ...patch, version: v }), 'Claim saved.', CLAIM_FIELD_ALIAS);
  });
}

for (const button of $$<HTMLButtonElement>('button[data-workflow]')) {
  button.addEventListener('click', async () => {
    const action = button.dataset.workflow!;
    if (action === 'dismiss' && !confirm('Dismiss this claim as not worth checking?')) return;
    await write(claimForm, (v) => api('POST', `${path}/${action}`, { version: v }), ACTION_DONE[action as ClaimAction] ?? 'Done.');
  });
}

// ---- sources ------------------------------------------------------------------------------

/** The source fields as an API body; checks the links are http(s) before anything is sent. */
function readSource(form: HTMLFormElement, forUpdate: boolean): Record<string, unknown> | null {
  let ok = true;
  for (const name of ['url', 'archivedUrl']) {
    const v = text(form, name);
    if (v && !isHttpUrl(v)) {
      fieldError(form, name, 'Only http:// and https:// links can be sources.');
      ok = false;
    }
  }
  if (!ok) {
    formError(form, 'Not saved: a link is not an http:// or https:// address.');
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return null;
  }
  const body: Record<string, unknown> = {
    url: text(form, 'url') ?? '',
    title: text(form, 'title') ?? '',
    publisher: text(form, 'publisher'),
    type: (form.elements.namedItem('type') as HTMLSelectElement).value,
    excerpt: text(form, 'excerpt'),
    accessedAt: text(form, 'accessedAt'),
    archivedUrl: text(form, 'archivedUrl'),
  };
  if (!forUpdate) for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
  return body;
}

// Say it as soon as the field is left, not only on submit.
for (const input of $$<HTMLInputElement>('input[data-http-url]')) {
  input.addEventListener('change', () => {
    const form = input.form;
    if (!form) return;
    const slot = input.closest('.field')?.querySelector<HTMLElement>('.field-error');
    if (slot) {
      slot.hidden = true;
      slot.textContent = '';
      input.removeAttribute('aria-invalid');
    }
    if (input.value.trim() && !isHttpUrl(input.value.trim())) fieldError(form, input.name, 'Only http:// and https:// links can be sources.');
  });
}

const addSource = $<HTMLFormElement>('#source-add');
addSource?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(addSource);
  const body = readSource(addSource, false);
  if (!body) return;
  await write(addSource, (v) => api('POST', `${path}/sources`, { ...body, version: v }), 'Source added.');
});

for (const form of $$<HTMLFormElement>('form.source-form')) {
  const sourceId = form.dataset.sourceId ?? '';
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = readSource(form, true);
    if (!body) return;
    await write(form, (v) => api('PATCH', `/sources/${encodeURIComponent(sourceId)}`, { ...body, version: v }), 'Source saved.');
  });
  form.querySelector<HTMLButtonElement>('[data-remove-source]')?.addEventListener('click', async () => {
    if (!confirm('Remove this source from the claim?')) return;
    await write(form, (v) => api('DELETE', `/sources/${encodeURIComponent(sourceId)}?version=${v}`), 'Source removed.');
  });
}

// ---- verdict and flag ---------------------------------------------------------------------

const verdictForm = $<HTMLFormElement>('#verdict-form');
const correctInput = verdictForm?.elements.namedItem('correctValue') as HTMLInputElement | null;
if (correctInput) bindValuePreview(correctInput);
verdictForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(verdictForm);
  const rating = verdictForm.querySelector<HTMLInputElement>('input[name="rating"]:checked')?.value;
  const summary = text(verdictForm, 'summary');
  if (!rating) fieldError(verdictForm, 'rating', 'Choose a rating.');
  if (!summary) fieldError(verdictForm, 'summary', 'Write a short summary for readers.');
  if (!rating || !summary) {
    formError(verdictForm, 'Not saved: fill in the rating and the summary.');
    return;
  }
  const explanation = text(verdictForm, 'explanation');
  // The correct figure goes as typed; the API reads it in the claim's kind.
  const correctValue = text(verdictForm, 'correctValue');
  await write(verdictForm, (v) => api('POST', `${path}/verdicts`, { rating, summary, ...(explanation ? { explanation } : {}), ...(correctValue ? { correctValue } : {}), version: v }), 'Verdict proposed.');
});

const flagForm = $<HTMLFormElement>('#flag-form');
flagForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(flagForm);
  const reason = text(flagForm, 'reason');
  if (!reason) {
    fieldError(flagForm, 'reason', 'Say what the editors should decide.');
    formError(flagForm, 'Not sent: one field needs attention.');
    return;
  }
  await write(flagForm, (v) => api('POST', `${path}/flag`, { reason, note: text(flagForm, 'note'), version: v }), ACTION_DONE.flag);
});

// ---- editors: publish / return / unpublish --------------------------------------------------

const decideForm = $<HTMLFormElement>('#decide-form');
for (const button of $$<HTMLButtonElement>('button[data-decide]', decideForm ?? document)) {
  button.addEventListener('click', async () => {
    if (!decideForm) return;
    clearErrors(decideForm);
    const action = button.dataset.decide!;
    const note = text(decideForm, 'note');
    if (returnWithoutNote(decideForm, action, note)) return;
    if (action === 'unpublish' && !confirm('Unpublish this claim? Readers stop seeing its verdict at once.')) return;
    await write(decideForm, (v) => api('POST', `${path}/${action}`, action === 'publish' ? { version: v } : { note, version: v }), ACTION_DONE[action as ClaimAction]);
  });
}

// ---- keyboard -----------------------------------------------------------------------------

// Ctrl/Cmd+S saves the form that has the focus (the claim's fields otherwise);
// [ and ] go to the previous / next claim of the article (the page asks first if input is unsaved).
document.addEventListener('keydown', (e) => {
  if ((e.key === '[' || e.key === ']') && !typing(e)) {
    const link = $<HTMLAnchorElement>(`.pager a[rel="${e.key === '[' ? 'prev' : 'next'}"]`);
    if (link) location.href = link.href;
    return;
  }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
    e.preventDefault();
    const form = (document.activeElement as HTMLElement | null)?.closest('form') ?? claimForm;
    form?.requestSubmit();
  }
});

