import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type DeliveryStatus } from '../../../src/domain/webhooks';
import { AppPage, Field, FormError, Time, type Viewer } from './shell';
import { TableHead } from './table';

export interface EndpointView {
  id: string;
  url: string;
  kind: 'standard' | 'slack';
  events: string[];
  description: string | null;
  active: boolean;
  disabledReason: string | null;
  secretPrefix: string | null;
  version: number;
  createdAt: string;
  deliveries: Partial<Record<DeliveryStatus, number>>;
}

export interface DeliveryView {
  id: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  attemptLog: { attempt: number; trigger: string; at: string; durationMs: number; statusCode: number | null; ok: boolean; error: string | null; responseExcerpt: string | null }[];
}

const STATUS_TEXT: Record<DeliveryStatus, string> = { pending: 'queued', retrying: 'retrying', delivered: 'delivered', failed: 'failed' };
const STATUS_CLASS: Record<DeliveryStatus, string> = { pending: 'st-open', retrying: 'st-flagged', delivered: 'st-published-plain', failed: 'st-dismissed' };

function Counts(props: { counts: EndpointView['deliveries'] }) {
  const parts = (['delivered', 'retrying', 'pending', 'failed'] as const).filter((s) => props.counts[s]).map((s) => `${props.counts[s]} ${STATUS_TEXT[s]}`);
  return <span class="small">{parts.length ? parts.join(' · ') : 'none yet'}</span>;
}

function State(props: { endpoint: EndpointView }) {
  return props.endpoint.active ? (
    <span class="badge st-published-plain">active</span>
  ) : (
    <span class="badge st-dismissed" title={props.endpoint.disabledReason ?? undefined}>
      disabled
    </span>
  );
}

/** Webhook endpoints: what is registered, how deliveries went, and a form to add one (admins only). */
export function WebhooksPage(props: { viewer: Viewer; endpoints: EndpointView[] }) {
  return (
    <AppPage title="Webhooks" viewer={props.viewer} current="admin" script="webhooks">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/app/admin">Admin</a> <span aria-hidden="true">›</span> <span aria-current="page">Webhooks</span>
      </nav>
      <h1>Webhooks</h1>
      <p class="muted">
        Factmark posts each event to these URLs through a queue: signed JSON (Standard Webhooks) or a Slack message. Failed deliveries are retried for about a day.
      </p>
      <section class="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        {props.endpoints.length === 0 ? <p class="empty">No webhook endpoints yet.</p> : null}
        <table class="table" id="endpoints" hidden={props.endpoints.length === 0}>
          <TableHead caption="Webhook endpoints" columns={['URL', 'Kind', 'Events', 'Deliveries', 'State']} />
          <tbody>
            {props.endpoints.map((e) => (
              <tr data-webhook-id={e.id} data-version={String(e.version)}>
                <td>
                  <a href={`/app/webhooks/${encodeURIComponent(e.id)}`} class="url">
                    {e.url}
                  </a>
                  {e.description ? <div class="small muted">{e.description}</div> : null}
                </td>
                <td>{e.kind === 'slack' ? 'Slack' : 'Signed JSON'}</td>
                <td class="small">{e.events.join(', ')}</td>
                <td>
                  <Counts counts={e.deliveries} />
                </td>
                <td>
                  <State endpoint={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="card" aria-labelledby="new-webhook-title">
        <h2 id="new-webhook-title">New endpoint</h2>
        <form id="webhook-create" class="stack" novalidate>
          <div class="grid-2">
            <Field id="wh-url" name="url" label="URL" hint="https:// (a Slack incoming-webhook URL for Slack)">
              <input id="wh-url" name="url" type="url" required maxlength={2048} autocomplete="off" placeholder="https://cms.example/hooks/factmark" />
            </Field>
            <Field id="wh-kind" name="kind" label="Kind">
              <select id="wh-kind" name="kind">
                <option value="standard">Signed JSON (Standard Webhooks)</option>
                <option value="slack">Slack message</option>
              </select>
            </Field>
            <Field id="wh-description" name="description" label="Description" hint="Optional: what receives it">
              <input id="wh-description" name="description" maxlength={200} autocomplete="off" />
            </Field>
          </div>
          <fieldset class="checks" id="wh-events" data-field="events">
            <legend>Events</legend>
            {WEBHOOK_EVENTS.map((name) => (
              <label>
                <input type="checkbox" name="events" value={name} checked={name === 'claim.published' || name === 'claim.unpublished'} /> <code>{name}</code>{' '}
                <span class="small muted">{WEBHOOK_EVENT_LABELS[name]}</span>
              </label>
            ))}
          </fieldset>
          <FormError />
          <button type="submit" class="btn primary">
            Add endpoint
          </button>
        </form>
        <SecretBox />
      </section>
    </AppPage>
  );
}

/** Where a new or rotated signing secret is shown, once. */
function SecretBox() {
  return (
    <div id="webhook-secret" class="secret" hidden tabindex={-1} role="status">
      <p>
        <strong>The signing secret, shown this once.</strong> Give it to the receiver now; Factmark keeps it encrypted and will not show it again.
      </p>
      <label for="webhook-secret-value" class="visually-hidden">
        Signing secret
      </label>
      <input id="webhook-secret-value" readonly />{' '}
      <button type="button" class="btn small" id="webhook-secret-copy">
        Copy
      </button>
    </div>
  );
}

/** One endpoint: its settings and its deliveries with every attempt (what the receiver said, as text). */
export function WebhookPage(props: { viewer: Viewer; endpoint: EndpointView; deliveries: DeliveryView[]; nextCursor: string | null }) {
  const e = props.endpoint;
  return (
    <AppPage title="Webhook" viewer={props.viewer} current="admin" script="webhooks">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/app/admin">Admin</a> <span aria-hidden="true">›</span> <a href="/app/webhooks">Webhooks</a> <span aria-hidden="true">›</span> <span aria-current="page">Endpoint</span>
      </nav>
      <h1 class="url">{e.url}</h1>
      <section class="card" id="endpoint" data-webhook-id={e.id} data-version={String(e.version)} aria-labelledby="endpoint-title">
        <h2 id="endpoint-title">Endpoint</h2>
        <dl class="facts">
          <dt>Kind</dt>
          <dd>{e.kind === 'slack' ? 'Slack message (not signed)' : 'Signed JSON (Standard Webhooks)'}</dd>
          <dt>Events</dt>
          <dd>{e.events.join(', ')}</dd>
          {e.secretPrefix ? (
            <>
              <dt>Secret</dt>
              <dd class="mono">{e.secretPrefix}…</dd>
            </>
          ) : null}
          <dt>State</dt>
          <dd>
            <State endpoint={e} /> {e.disabledReason ? <span class="small muted">{e.disabledReason}</span> : null}
          </dd>
          <dt>Added</dt>
          <dd>
            <Time at={e.createdAt} />
          </dd>
        </dl>
        <div class="actions">
          <button type="button" class="btn small" data-endpoint-action={e.active ? 'disable' : 'enable'}>
            {e.active ? 'Disable' : 'Enable'}
          </button>
          {e.kind === 'standard' ? (
            <button type="button" class="btn small" data-endpoint-action="rotate">
              New secret
            </button>
          ) : null}
          <button type="button" class="btn small danger" data-endpoint-action="remove">
            Remove
          </button>
        </div>
        <SecretBox />
      </section>

      <section class="card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Deliveries</h2>
        {props.deliveries.length === 0 ? <p class="empty">Nothing sent yet.</p> : null}
        <ol class="deliveries" id="deliveries">
          {props.deliveries.map((d) => (
            <li class="delivery" data-delivery-id={d.id}>
              <div class="delivery-head">
                <span class={`badge ${STATUS_CLASS[d.status]}`}>{STATUS_TEXT[d.status]}</span> <code>{d.eventType}</code> <span class="mono small">{d.id}</span> <Time at={d.createdAt} />
                {d.status === 'retrying' && d.nextAttemptAt ? (
                  <span class="small muted">
                    {' '}
                    · next try <Time at={d.nextAttemptAt} />
                  </span>
                ) : null}{' '}
                <button type="button" class="btn small ghost" data-redeliver={d.id} disabled={!e.active}>
                  Redeliver
                </button>
              </div>
              <table class="table attempts">
                <TableHead caption={<>Attempts of {d.id}</>} columns={['#', 'When', 'Answer', 'Time', 'Response (excerpt)']} />
                <tbody>
                  {d.attemptLog.map((a) => (
                    <tr class={a.ok ? 'ok' : 'failed'}>
                      <td>
                        {a.attempt}
                        {a.trigger === 'redeliver' ? <span class="small muted"> (redelivered)</span> : null}
                      </td>
                      <td>
                        <Time at={a.at} />
                      </td>
                      <td>{a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? 'no answer')}</td>
                      <td class="small">{a.durationMs} ms</td>
                      <td>
                        <pre class="excerpt">{a.responseExcerpt ?? ''}</pre>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ol>
        {props.nextCursor ? (
          <p>
            <a href={`/app/webhooks/${encodeURIComponent(e.id)}?cursor=${encodeURIComponent(props.nextCursor)}`}>Older deliveries</a>
          </p>
        ) : null}
      </section>
    </AppPage>
  );
}
