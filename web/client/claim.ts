import { api, isStale, type ApiResult } from './_api';
import { $, busy, clearErrors, fieldError, fillDefinitions, formError, isHttpUrl, restoreDrafts, returnWithoutNote, showProblem, stashDrafts, text, toast, trackDirty } from './_forms';
import { CLAIM_FIELD_ALIAS, bindClaimValue, bindStatementCounter, readClaimFields, type FreshClaim } from './_claim-form';
import { bindValuePreview } from './_value-preview';
import { initShell, reload, reloadWith, showFlash, typing } from './_shell';
import { initComments } from './_comments';
import { refreshRegions } from './_live';
import { formatValue } from '../../src/domain/value-format';
import { ACTION_DONE } from '../../src/domain/labels';
import { clearedMessage } from '../../src/domain/library-labels';
import type { ClaimAction } from '../../src/domain/policy';

/*
 * The claim panel. Every form also posts without scripts (to /app/claims/{id}/act); with
 * them, each write goes to /api/v1 and the panel is redrawn in place from the server's own
 * rendering: no page load, the focus stays where it was, input typed in other forms stays.
 * Handlers are delegated from `document`, since redrawn regions are new elements.
 */

initShell();
// The discussion: comments added, edited and deleted in place (the history follows).
initComments(['#history']);

const view = $('#claim-view');
const claimId = view?.dataset.claimId ?? '';
let version = Number(view?.dataset.version ?? '0');
const scope = `claim:${claimId}`;
const path = `/claims/${encodeURIComponent(claimId)}`;
const claimForm = () => $<HTMLFormElement>('#claim-form');

trackDirty();
const restored = restoreDrafts(scope);
if (restored) toast(`Restored unsaved input in ${restored} form${restored === 1 ? '' : 's'}.`);
/** The panel's fields that work as you type (value preview, kind hint, statement count); again after each redraw, whose elements are new. */
const bindFields = () => {
  const f = claimForm();
  if (f) {
    bindClaimValue(f);
    bindStatementCounter(f);
  }
  const correct = $<HTMLFormElement>('#verdict-form')?.elements.namedItem('correctValue');
  if (correct instanceof HTMLInputElement) bindValuePreview(correct);
};
bindFields();

/**
 * After a successful write: the panel redrawn in place (the form just sent comes back
 * empty or with its saved values; other forms keep their input), the version the next write
 * is based on taken from the new rendering, the focus kept (or on the claim's status line
 * when the element that had it is gone, e.g. the button of an action now done).
 */
async function savedInPlace(form: HTMLFormElement | null, message: string, focusFrom: Element | null) {
  if (form) form.dataset.dirty = '';
  const doc = await refreshRegions(['.claim-head', '.pager', '.claim-layout'], { submitted: form, fallbackFocus: '#claim-facts', focusFrom });
  if (!doc) {
    // The page could not be fetched again: the old way, a reload keeping the other forms' input.
    stashDrafts(scope, form ?? undefined);
    reloadWith(message);
    return;
  }
  const fresh = doc.querySelector<HTMLElement>('#claim-view');
  version = Number(fresh?.dataset.version ?? version);
  if (view && fresh) {
    view.dataset.version = String(version);
    view.dataset.status = fresh.dataset.status ?? '';
  }
  bindFields();
  toast(message);
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
 * Sends a write based on the page's version; success redraws the panel in place, a conflict
 * shows the fresh claim, other problems go beside the fields.
 */
async function write(form: HTMLFormElement | null, request: (v: number) => Promise<ApiResult<unknown>>, done: string, alias?: Record<string, string>) {
  const run = async (): Promise<void> => {
    const sent = version;
    // Where the focus is now: the button pressed is disabled while the request runs.
    const focusFrom = document.activeElement;
    const res = form ? await busy(form, () => request(sent)) : await request(sent);
    if (res.ok) {
      await savedInPlace(form, done, focusFrom);
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

// ---- the claim's own fields and its workflow buttons ------------------------------------------

async function saveClaim(form: HTMLFormElement) {
  clearErrors(form);
  const fields = readClaimFields(form);
  // Send only what this person changed, so saving on top of someone else's newer
  // version never writes back the old values of fields they did not touch.
  const changed = (name: string) => {
    const el = form.elements.namedItem(name);
    if (el instanceof HTMLSelectElement) return Array.from(el.options).some((o) => o.selected !== o.defaultSelected);
    return (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.value !== el.defaultValue;
  };
  const patch: Record<string, unknown> = {};
  if (changed('kind') || changed('value')) Object.assign(patch, { kind: fields.kind, value: fields.value });
  if (changed('bound')) Object.assign(patch, { approximate: fields.approximate, bound: fields.bound });
  for (const name of ['subject', 'speaker']) if (changed(name)) patch[name] = fields[name];
  if (changed('statement') && 'statement' in fields) patch.statement = fields.statement;
  if (changed('assigneeId')) patch.assigneeId = (form.elements.namedItem('assigneeId') as HTMLSelectElement).value || null;
  if (!Object.keys(patch).length) {
    formError(form, 'Nothing to save: no field was changed.');
    return;
  }
  await write(form, (v) => api('PATCH', path, { ...patch, version: v }), 'Claim saved.', CLAIM_FIELD_ALIAS);
}

async function workflow(form: HTMLFormElement, action: string) {
  if (action === 'dismiss' && !confirm('Dismiss this claim as not worth checking?')) return;
  await write(form, (v) => api('POST', `${path}/${action}`, { version: v }), ACTION_DONE[action as ClaimAction] ?? 'Done.');
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
document.addEventListener('change', (e) => {
  const input = e.target;
  if (!(input instanceof HTMLInputElement) || !input.hasAttribute('data-http-url') || !input.form) return;
  const slot = input.closest('.field')?.querySelector<HTMLElement>('.field-error');
  if (slot) {
    slot.hidden = true;
    slot.textContent = '';
    input.removeAttribute('aria-invalid');
  }
  if (input.value.trim() && !isHttpUrl(input.value.trim())) fieldError(input.form, input.name, 'Only http:// and https:// links can be sources.');
});

async function sourceWrite(form: HTMLFormElement, doing: string) {
  clearErrors(form);
  if (doing === 'source-add') {
    const body = readSource(form, false);
    if (body) await write(form, (v) => api('POST', `${path}/sources`, { ...body, version: v }), 'Source added.');
    return;
  }
  const sourceId = form.dataset.sourceId ?? '';
  if (doing === 'source-remove') {
    if (!confirm('Remove this source from the claim?')) return;
    await write(form, (v) => api('DELETE', `/sources/${encodeURIComponent(sourceId)}?version=${v}`), 'Source removed.');
    return;
  }
  const body = readSource(form, true);
  if (body) await write(form, (v) => api('PATCH', `/sources/${encodeURIComponent(sourceId)}`, { ...body, version: v }), 'Source saved.');
}

// ---- verdict and flag ---------------------------------------------------------------------

async function proposeVerdict(form: HTMLFormElement) {
  clearErrors(form);
  const rating = form.querySelector<HTMLInputElement>('input[name="rating"]:checked')?.value;
  const summary = text(form, 'summary');
  if (!rating) fieldError(form, 'rating', 'Choose a rating.');
  if (!summary) fieldError(form, 'summary', 'Write a short summary for readers.');
  if (!rating || !summary) {
    formError(form, 'Not saved: fill in the rating and the summary.');
    return;
  }
  const explanation = text(form, 'explanation');
  // The correct figure goes as typed; the API reads it in the claim's kind.
  const correctValue = text(form, 'correctValue');
  await write(form, (v) => api('POST', `${path}/verdicts`, { rating, summary, ...(explanation ? { explanation } : {}), ...(correctValue ? { correctValue } : {}), version: v }), 'Verdict proposed.');
}

async function flag(form: HTMLFormElement) {
  clearErrors(form);
  const reason = text(form, 'reason');
  if (!reason) {
    fieldError(form, 'reason', 'Say what the editors should decide.');
    formError(form, 'Not sent: one field needs attention.');
    return;
  }
  const editorId = text(form, 'editorId');
  const to = editorId ? (form.querySelector<HTMLSelectElement>('select[name="editorId"]')?.selectedOptions[0]?.text ?? 'the editor') : 'the editors';
  await write(form, (v) => api('POST', `${path}/flag`, { reason, note: text(form, 'note'), ...(editorId ? { editorId } : {}), version: v }), `Flagged to ${to}.`);
}

// ---- editors: publish (perhaps with their wording) / return / unpublish ----------------------

async function decide(form: HTMLFormElement, action: string) {
  clearErrors(form);
  const note = text(form, 'note');
  if (returnWithoutNote(form, action, note)) return;
  if (action === 'unpublish' && !confirm('Unpublish this claim? Readers stop seeing its verdict at once.')) return;
  // The editor's wording, when they changed the proposed one.
  const edit: Record<string, string> = {};
  for (const name of ['summary', 'explanation']) {
    const el = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;
    if (el && el.value.trim() !== (el.dataset.proposed ?? '').trim()) edit[name] = el.value.trim();
  }
  if (action === 'publish' && edit.summary === '') {
    fieldError(form, 'summary', 'The summary readers see cannot be empty.');
    formError(form, 'Not published: one field needs attention.');
    return;
  }
  const body = action === 'publish' ? { ...(Object.keys(edit).length ? { verdict: edit } : {}) } : { note };
  await write(form, (v) => api('POST', `${path}/${action}`, { ...body, version: v }), ACTION_DONE[action as ClaimAction] + (action === 'publish' && Object.keys(edit).length ? ' With your wording.' : ''));
}

// ---- the claim library: reuse a check, clear the open matches -------------------------------

/** "Reuse this check": the other claim's published check becomes this claim's proposed verdict. */
async function reuse(form: HTMLFormElement) {
  const from = (form.elements.namedItem('from') as HTMLInputElement | null)?.value ?? '';
  await write(form, (v) => api('POST', `${path}/reuse`, { from, version: v }), 'Proposed the same rating, summary and sources as a new verdict. An editor still has to publish it.');
}

/**
 * After publication: give the open claims elsewhere that match this one this claim's check;
 * an editor may publish them too (each open one flagged, then one bulk publish). The same
 * steps as the panel's no-script route (src/services/clear-matches.ts), through the API.
 */
async function clearMatches(form: HTMLFormElement) {
  clearErrors(form);
  const picked = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="claim"]:checked'));
  if (!picked.length) return formError(form, 'Select at least one claim.');
  const publish = form.querySelector<HTMLInputElement>('input[name="publish"]')?.checked ?? false;
  const ready: { id: string; version: number }[] = [];
  const failed: string[] = [];
  let published = 0;
  const focusFrom = document.activeElement;
  await busy(form, async () => {
    for (const box of picked) {
      const [id, sent] = box.value.split(':');
      const step = `/claims/${encodeURIComponent(id)}`;
      const reused = await api<{ claimVersion: number }>('POST', `${step}/reuse`, { from: claimId, version: Number(sent) });
      if (!reused.ok) {
        failed.push(reused.problem.detail);
        continue;
      }
      let version = reused.data.claimVersion;
      if (publish && box.dataset.status === 'open') {
        const flagged = await api<{ version: number }>('POST', `${step}/flag`, { reason: `The same claim as ${claimId}, checked and published: its check reused.`, version });
        if (!flagged.ok) {
          failed.push(flagged.problem.detail);
          continue;
        }
        version = flagged.data.version;
      }
      ready.push({ id, version });
    }
    if (publish && ready.length) {
      const done = await api<{ results: { ok: boolean; problem?: { detail: string } }[] }>('POST', '/claims/bulk', { action: 'publish', items: ready });
      if (!done.ok) failed.push(done.problem.detail);
      else {
        for (const r of done.data.results) {
          if (r.ok) published++;
          else failed.push(r.problem?.detail ?? 'not published');
        }
      }
    }
  });
  const message = clearedMessage({ proposed: ready.length, published, failed });
  if (failed.length) return formError(form, message);
  await savedInPlace(form, message, focusFrom);
}

// ---- one submit handler for every form of the panel ------------------------------------------

document.addEventListener('submit', (e) => {
  const form = e.target as HTMLFormElement;
  if (!form.closest('#claim-view') || form.matches('form.comment-form, form.comment-delete')) return;
  e.preventDefault();
  const doing = (e.submitter as HTMLButtonElement | null)?.value || (form.id === 'source-add' ? 'source-add' : form.classList.contains('source-form') ? 'source-save' : '');
  if (form.id === 'claim-form') void (doing && doing !== 'save' ? workflow(form, doing) : saveClaim(form));
  else if (form.id === 'source-add' || form.classList.contains('source-form')) void sourceWrite(form, doing);
  else if (form.id === 'verdict-form') void proposeVerdict(form);
  else if (form.id === 'flag-form') void flag(form);
  else if (form.id === 'decide-form' && doing) void decide(form, doing);
  else if (form.classList.contains('reuse-form')) void reuse(form);
  else if (form.id === 'clear-matches') void clearMatches(form);
});

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
    const form = (document.activeElement as HTMLElement | null)?.closest('form') ?? claimForm();
    form?.requestSubmit();
  }
});
