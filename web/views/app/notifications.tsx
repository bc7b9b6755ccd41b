import { KIND_INFO, NOTIFICATION_KINDS, type NotificationKind } from '../../../src/domain/notifications';
import type { NotificationItem } from '../../../src/services/notifications';
import { AppPage, Time, type Viewer } from './shell';


/** One line of the inbox: who did what to which claim, when; unread ones stand out. */
function Entry(props: { n: NotificationItem }) {
  const n = props.n;
  const href = n.claimId ? `/app/claims/${encodeURIComponent(n.claimId)}${n.commentId ? `#comment-${encodeURIComponent(n.commentId)}` : ''}` : '/app/work';
  return (
    <li class={`note-item${n.readAt ? '' : ' unread'}`} data-notification-id={String(n.id)} data-kind={n.kind}>
      <p>
        {n.readAt ? null : <span class="visually-hidden">Unread: </span>}
        <strong>{n.actorName}</strong> {KIND_INFO[n.kind]?.verb ?? n.kind}{' '}
        <a href={href} class="note-link">
          “{n.claimQuote ?? 'a claim'}”
        </a>
        {n.articleTitle ? <span class="muted small"> in {n.articleTitle}</span> : null}
      </p>
      {n.excerpt ? <p class="note-excerpt small">“{n.excerpt}”</p> : null}
      <p class="small muted">
        <span class={`badge kind-${n.kind}`}>{KIND_INFO[n.kind]?.label ?? n.kind}</span> <Time at={n.createdAt} />
      </p>
    </li>
  );
}

/**
 * The inbox (newest first) and the e-mail choices. Without scripts both forms post and come
 * back here; with them, the page marks and saves in place.
 */
export function NotificationsPage(props: {
  viewer: Viewer;
  items: NotificationItem[];
  unread: number;
  nextCursor: string | null;
  unreadOnly: boolean;
  email: Record<NotificationKind, boolean>;
  emailMode: 'binding' | 'outbox' | 'none';
  flash?: string | null;
}) {
  return (
    <AppPage title="Notifications" viewer={props.viewer} current="notifications" script="notifications">
      <div class="page-head">
        <h1>
          Notifications <span class="muted" id="inbox-unread">({props.unread} unread)</span>
        </h1>
        <form method="post" action="/app/notifications/read" id="mark-all-form" class="inline-form">
          <input type="hidden" name="all" value="1" />
          <button type="submit" class="btn" disabled={props.unread === 0}>
            Mark all as read
          </button>
        </form>
      </div>
      {props.flash ? (
        <p class="notice" role="status">
          {props.flash}
        </p>
      ) : null}
      <p class="small">
        {props.unreadOnly ? <a href="/app/notifications">Show all</a> : <a href="/app/notifications?unread=1">Show unread only</a>}
        {' · '}
        Opening a claim marks what you were told about it as read.
      </p>
      {props.items.length === 0 ? <p class="empty">{props.unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}</p> : null}
      <ol class="plain inbox" id="inbox">
        {props.items.map((n) => (
          <Entry n={n} />
        ))}
      </ol>
      {props.nextCursor ? (
        <p>
          <a href={`/app/notifications?before=${encodeURIComponent(props.nextCursor)}${props.unreadOnly ? '&unread=1' : ''}`}>Older notifications →</a>
        </p>
      ) : null}

      <section class="card" aria-labelledby="prefs-title" id="preferences">
        <h2 id="prefs-title">E-mail me when…</h2>
        <p class="small muted">
          Everything shows here and in the top bar; choose what also comes by e-mail.
          {props.emailMode === 'outbox' ? ' On this development server e-mails are not sent: they are kept on the Outbox page.' : props.emailMode === 'none' ? ' E-mail is not set up on this server yet (see the README), so nothing is sent for now.' : ''}
        </p>
        <form method="post" action="/app/notifications/preferences" id="prefs-form" class="stack">
          <fieldset class="field">
            <legend class="visually-hidden">Kinds sent by e-mail</legend>
            {NOTIFICATION_KINDS.map((k) => (
              <label class="inline block-label">
                <input type="checkbox" name="email" value={k} checked={props.email[k]} /> {KIND_INFO[k].label}
              </label>
            ))}
          </fieldset>
          <div class="form-error" role="alert" hidden></div>
          <button type="submit" class="btn primary">
            Save e-mail choices
          </button>
        </form>
      </section>
    </AppPage>
  );
}
