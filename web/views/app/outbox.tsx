import { AppPage, Time, type Viewer } from './shell';

export interface OutboxMail {
  id: number;
  toAddress: string;
  subject: string;
  body: string;
  createdAt: string;
}

/**
 * The local outbox (development and tests only): the notification e-mails production would
 * have sent through the send_email binding. Admins see every one, others their own.
 */
export function OutboxPage(props: { viewer: Viewer; mails: OutboxMail[]; everyone: boolean }) {
  return (
    <AppPage title="Outbox" viewer={props.viewer} current="none">
      <div class="page-head">
        <h1>Outbox</h1>
      </div>
      <p class="notice">
        This server does not send e-mail. These are the notification e-mails it would have sent {props.everyone ? 'to everyone' : 'to you'}, newest first. In production they go through
        Cloudflare’s send_email binding (see the README, “Deploy”).
      </p>
      {props.mails.length === 0 ? <p class="empty">No e-mail yet.</p> : null}
      <ol class="plain outbox">
        {props.mails.map((m) => (
          <li class="card mail" id={`mail-${m.id}`}>
            <dl class="fresh">
              <div>
                <dt>To</dt>
                <dd>{m.toAddress}</dd>
              </div>
              <div>
                <dt>Subject</dt>
                <dd>{m.subject}</dd>
              </div>
              <div>
                <dt>Written</dt>
                <dd>
                  <Time at={m.createdAt} />
                </dd>
              </div>
            </dl>
            <pre class="mail-body">{m.body}</pre>
          </li>
        ))}
      </ol>
    </AppPage>
  );
}
