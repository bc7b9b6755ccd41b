import { insertMention, matchPeople, mentionQueryAt, mentionedIn, type Mentionable, type MentionQuery } from '../../src/domain/mentions';
import { api } from './_api';
import { busy, clearErrors, fieldError, formError, showProblem, toast } from './_forms';
import { refreshRegions } from './_live';

/**
 * Comment threads (claim panel, editors' queue): `@` autocomplete in the comment boxes, and
 * adding, editing and deleting comments through the API, the thread then redrawn in place
 * with the focus kept. Everything is delegated from `document`, so redrawn threads work too.
 */

const threadOf = (el: Element) => el.closest<HTMLElement>('section.comments');
const peopleOf = (thread: HTMLElement | null): Mentionable[] => {
  try {
    return JSON.parse(thread?.dataset.people ?? '[]') as Mentionable[];
  } catch {
    return [];
  }
};
const threadSelector = (claimId: string) => `section.comments[data-claim-id="${CSS.escape(claimId)}"]`;

// ---- @ autocomplete -----------------------------------------------------------------------

let open: { box: HTMLTextAreaElement; list: HTMLUListElement; q: MentionQuery; matches: Mentionable[]; active: number } | null = null;

function close() {
  if (!open) return;
  open.list.hidden = true;
  open.list.replaceChildren();
  open.box.removeAttribute('aria-activedescendant');
  open = null;
}

function render() {
  if (!open) return;
  const { list, matches, active, box } = open;
  list.replaceChildren(
    ...matches.map((p, i) => {
      const li = document.createElement('li');
      li.id = `${list.id}-opt-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      li.dataset.index = String(i);
      li.textContent = p.name;
      return li;
    }),
  );
  list.hidden = matches.length === 0;
  if (matches.length) box.setAttribute('aria-activedescendant', `${list.id}-opt-${active}`);
  else box.removeAttribute('aria-activedescendant');
}

function pick(i: number) {
  if (!open) return;
  const person = open.matches[i];
  if (!person) return;
  const { box, q } = open;
  const next = insertMention(box.value, q, box.selectionStart ?? box.value.length, person.name);
  box.value = next.text;
  box.setSelectionRange(next.caret, next.caret);
  box.form?.setAttribute('data-dirty', '1');
  close();
  box.focus();
}

document.addEventListener('input', (e) => {
  const box = e.target;
  if (!(box instanceof HTMLTextAreaElement) || !box.hasAttribute('data-mentions')) return;
  const q = mentionQueryAt(box.value, box.selectionStart ?? box.value.length);
  const list = box.closest('.field')?.querySelector<HTMLUListElement>('.mention-suggest');
  if (!q || !list) return close();
  const matches = matchPeople(q.query, peopleOf(threadOf(box)));
  open = { box, list, q, matches, active: 0 };
  render();
});

document.addEventListener('keydown', (e) => {
  if (!open || e.target !== open.box) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const n = open.matches.length;
    open.active = (open.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
    render();
  } else if ((e.key === 'Enter' || e.key === 'Tab') && open.matches.length) {
    e.preventDefault();
    pick(open.active);
  } else if (e.key === 'Escape') {
    e.preventDefault();
    close();
  }
});

document.addEventListener('mousedown', (e) => {
  const li = (e.target as Element).closest?.('.mention-suggest li[role="option"]');
  if (li && open) {
    e.preventDefault(); // keep the focus (and caret) in the box
    pick(Number((li as HTMLElement).dataset.index));
  }
});
document.addEventListener('focusout', (e) => {
  if (open && e.target === open.box) setTimeout(() => document.activeElement !== open?.box && close(), 0);
});

// ---- writing -----------------------------------------------------------------------------

/** Regions redrawn after a comment changes, besides the thread: the claim panel's history. */
let extraRegions: string[] = [];

async function redraw(claimId: string, form: HTMLFormElement | null, message: string, focus?: string, focusFrom?: Element | null) {
  const ok = await refreshRegions([threadSelector(claimId), ...extraRegions], { submitted: form, fallbackFocus: focus ?? `${threadSelector(claimId)} textarea[name="body"]`, focusFrom });
  if (!ok) {
    location.reload();
    return;
  }
  toast(message);
}

async function submitComment(form: HTMLFormElement) {
  const thread = threadOf(form);
  const claimId = thread?.dataset.claimId ?? '';
  const box = form.querySelector<HTMLTextAreaElement>('textarea[name="body"]')!;
  clearErrors(form);
  const body = box.value.trim();
  if (!body) {
    fieldError(form, 'body', 'Write something first.');
    formError(form, 'Not sent: the comment is empty.');
    box.focus();
    return;
  }
  const mentions = mentionedIn(body, peopleOf(thread));
  const commentId = form.dataset.commentId;
  const focusFrom = document.activeElement;
  const res = await busy(form, () =>
    commentId
      ? api('PATCH', `/comments/${encodeURIComponent(commentId)}`, { body, mentions, version: Number(form.querySelector<HTMLInputElement>('input[name="version"]')?.value) || undefined })
      : api('POST', `/claims/${encodeURIComponent(claimId)}/comments`, { body, mentions }),
  );
  if (!res.ok) {
    showProblem(form, res.problem);
    return;
  }
  form.dataset.dirty = '';
  if (!commentId) box.value = '';
  const who = mentions.length ? ` ${mentions.length === 1 ? 'The person you mentioned is' : `The ${mentions.length} people you mentioned are`} told.` : '';
  await redraw(claimId, form, commentId ? 'Comment saved.' : `Comment added.${who}`, commentId ? `#comment-${CSS.escape(commentId)} .comment-body` : undefined, focusFrom);
}

document.addEventListener('submit', (e) => {
  const form = e.target as HTMLFormElement;
  if (form.matches('form.comment-form')) {
    e.preventDefault();
    void submitComment(form);
  } else if (form.matches('form.comment-delete')) {
    e.preventDefault();
    if (!confirm('Delete this comment? The thread will say that it was deleted, and by whom.')) return;
    const id = form.dataset.commentId ?? '';
    const claimId = threadOf(form)?.dataset.claimId ?? '';
    void api('DELETE', `/comments/${encodeURIComponent(id)}`).then(async (res) => {
      if (!res.ok) {
        toast(`Not deleted: ${res.problem.detail}`);
        return;
      }
      await redraw(claimId, form, 'Comment deleted.');
    });
  }
});

/** Turns the threads of the page on; `regions` are redrawn with them (e.g. the history). */
export function initComments(regions: string[] = []) {
  extraRegions = regions;
  // Ctrl/⌘+Enter sends the comment being written.
  document.addEventListener('keydown', (e) => {
    const box = e.target;
    if (box instanceof HTMLTextAreaElement && box.hasAttribute('data-mentions') && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      box.form?.requestSubmit();
    }
  });
}
