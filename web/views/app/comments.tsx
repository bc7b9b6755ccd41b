import { commentRights } from '../../../src/domain/discussion';
import { MAX_COMMENT_LENGTH } from '../../../src/domain/discussion';
import { splitMentions, type Mentionable } from '../../../src/domain/mentions';
import type { CommentView } from '../../../src/services/comments';
import { Time, type Viewer } from './shell';

/** A comment's words, with the people it mentions shown as names (all of it escaped text). */
function Body(props: { c: CommentView }) {
  return (
    <p class="comment-body">
      {splitMentions(props.c.body, props.c.mentions).map((s) =>
        s.mention ? (
          <strong class="mention" data-user-id={s.mention}>
            {s.text}
          </strong>
        ) : (
          s.text
        ),
      )}
    </p>
  );
}

function Comment(props: { c: CommentView; viewer: Viewer; claimId: string }) {
  const c = props.c;
  const rights = commentRights(c, props.viewer);
  return (
    <li class={`comment${c.deletedAt ? ' deleted' : ''}`} id={`comment-${c.id}`} data-comment-id={c.id} data-version={String(c.version)} data-editable-until={c.editableUntil ?? ''}>
      <p class="comment-head small">
        <strong>{c.authorName ?? 'someone'}</strong> · <Time at={c.createdAt} />
        {c.editedAt && !c.deletedAt ? <span class="muted"> · edited</span> : null}
      </p>
      {c.deletedAt ? (
        <p class="muted small comment-body">
          Comment deleted{c.deletedByName ? ` by ${c.deletedByName}` : ''} · <Time at={c.deletedAt} />
        </p>
      ) : (
        <Body c={c} />
      )}
      {rights.edit || rights.remove ? (
        <div class="comment-actions">
          {rights.edit ? (
            <details class="comment-edit">
              <summary>Edit</summary>
              <form method="post" action={`/app/comments/${encodeURIComponent(c.id)}/edit`} class="stack comment-form" data-comment-id={c.id} novalidate>
                <input type="hidden" name="version" value={String(c.version)} />
                <input type="hidden" name="claimId" value={props.claimId} />
                <div class="field" data-field="body">
                  <label for={`ce-${c.id}`}>Edit comment</label>
                  <textarea id={`ce-${c.id}`} name="body" rows={2} maxlength={MAX_COMMENT_LENGTH} required data-mentions="">
                    {c.body}
                  </textarea>
                  <p class="field-error" id={`ce-${c.id}-error`} hidden></p>
                </div>
                <div class="form-error" role="alert" hidden></div>
                <button type="submit" class="btn small">
                  Save comment
                </button>
              </form>
            </details>
          ) : null}
          {rights.remove ? (
            <form method="post" action={`/app/comments/${encodeURIComponent(c.id)}/delete`} class="comment-delete" data-comment-id={c.id}>
              <input type="hidden" name="claimId" value={props.claimId} />
              <button type="submit" class="btn-text danger small" aria-label={`Delete comment by ${c.authorName ?? 'someone'}`}>
                Delete
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/**
 * The discussion of a claim: the thread (oldest first) and a box to add to it, with `@`
 * mentions (autocomplete in the browser; without scripts, `@Name` of a colleague mentions them).
 * Comments are for the desk only; readers never see them.
 */
export function CommentThread(props: { claimId: string; comments: CommentView[]; viewer: Viewer; people: Mentionable[]; compact?: boolean; headingLevel?: 2 | 3 }) {
  const id = (s: string) => `${s}-${props.claimId}`;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const live = props.comments.filter((c) => !c.deletedAt).length;
  const box = (
        <form method="post" action={`/app/claims/${encodeURIComponent(props.claimId)}/comments`} class="stack comment-form new-comment" data-claim-id={props.claimId} novalidate data-dirty-track="">
          <div class="field" data-field="body">
            <label for={id('cm-body')}>Add a comment</label>
            <textarea
              id={id('cm-body')}
              name="body"
              rows={props.compact ? 2 : 3}
              maxlength={MAX_COMMENT_LENGTH}
              required
              data-mentions=""
              aria-describedby={id('cm-body-hint')}
              aria-autocomplete="list"
              aria-controls={id('cm-suggest')}
            ></textarea>
            <ul class="mention-suggest" id={id('cm-suggest')} role="listbox" aria-label="People to mention" hidden></ul>
            <p class="hint" id={id('cm-body-hint')}>
              Type @ and a name to mention a colleague; they are told.
            </p>
            <p class="field-error" id={id('cm-body-error')} hidden></p>
          </div>
          <div class="form-error" role="alert" hidden></div>
          <button type="submit" class="btn">
            Comment
          </button>
        </form>
  );
  return (
    <section class={`comments${props.compact ? ' compact' : ' card'}`} id={props.compact ? undefined : 'discussion'} aria-labelledby={id('comments-title')} data-claim-id={props.claimId} data-people={JSON.stringify(props.people)}>
      <H id={id('comments-title')}>
        Discussion <span class="muted comment-count">({live})</span>
      </H>
      {props.compact ? null : <p class="small muted">For the desk only: readers never see this.</p>}
      {props.comments.length === 0 ? <p class="empty no-comments">No comments yet.</p> : null}
      <ol class="plain comment-list">
        {props.comments.map((c) => (
          <Comment c={c} viewer={props.viewer} claimId={props.claimId} />
        ))}
      </ol>
      {props.compact ? (
        <details class="add-comment">
          <summary>Add a comment</summary>
          {box}
        </details>
      ) : (
        box
      )}
    </section>
  );
}
