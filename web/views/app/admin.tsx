import { ROLES } from '../../../src/domain/vocabulary';
import { AppPage, Field, FormError, Time, type Viewer } from './shell';
import { TableHead } from './table';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  version: number;
  createdAt: string;
}

export interface TokenRow {
  id: string;
  name: string;
  role: string;
  actsAs: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface SettingsView {
  name: string;
  url: string | null;
  logoUrl: string | null;
  correctionsContact: string | null;
  version: number;
}

/** The newsroom's identity: what every public output names as the fact-checker. */
function SettingsSection(props: { settings: SettingsView }) {
  const s = props.settings;
  return (
    <section class="card" aria-labelledby="settings-title" id="settings">
      <h2 id="settings-title">The newsroom’s identity</h2>
      <p class="small muted">Public pages, the embed (“Checked by …”), ClaimReview and the feeds name your newsroom so.</p>
      <form id="settings-form" class="stack" novalidate data-version={String(s.version)} data-dirty-track="">
        <div class="grid-2">
          <Field id="st-name" name="name" label="Name">
            <input id="st-name" name="name" required maxlength={120} value={s.name} />
          </Field>
          <Field id="st-url" name="url" label="Site (optional)" hint="https://…">
            <input id="st-url" name="url" type="url" value={s.url ?? ''} data-http-url="" />
          </Field>
          <Field id="st-logo" name="logoUrl" label="Logo image URL (optional)" hint="Shown 28 px high in the public pages’ header">
            <input id="st-logo" name="logoUrl" type="url" value={s.logoUrl ?? ''} data-http-url="" />
          </Field>
          <Field id="st-contact" name="correctionsContact" label="Corrections contact (optional)" hint="An e-mail address or a URL readers can write to">
            <input id="st-contact" name="correctionsContact" value={s.correctionsContact ?? ''} maxlength={320} />
          </Field>
        </div>
        <FormError />
        <button type="submit" class="btn primary">
          Save identity
        </button>
      </form>
    </section>
  );
}

/** The newsroom's identity, accounts and API tokens (admins only). */
export function AdminPage(props: { viewer: Viewer & { id: string }; users: UserRow[]; tokens: TokenRow[]; settings: SettingsView }) {
  return (
    <AppPage title="Admin" viewer={props.viewer} current="admin" script="admin">
      <h1>Admin</h1>
      <SettingsSection settings={props.settings} />
      <section class="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        <table class="table" id="users">
          <TableHead caption="Accounts" columns={['Name', 'E-mail', 'Role', 'State']} />
          <tbody>
            {props.users.map((u) => (
              <tr data-user-id={u.id} data-version={String(u.version)}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <form class="inline-form role-form" novalidate>
                    <label class="visually-hidden" for={`role-${u.id}`}>
                      Role of {u.name}
                    </label>
                    <select id={`role-${u.id}`} name="role" disabled={u.id === props.viewer.id}>
                      {ROLES.map((r) => (
                        <option value={r} selected={u.role === r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="btn small" disabled={u.id === props.viewer.id}>
                      Change role
                    </button>
                    <FormError />
                  </form>
                </td>
                <td>
                  {u.disabled ? <span class="badge st-dismissed">disabled</span> : <span class="badge st-published-plain">active</span>}{' '}
                  {u.id === props.viewer.id ? (
                    <span class="small muted">(you)</span>
                  ) : (
                    <button type="button" class="btn small ghost" data-toggle-user={u.disabled ? 'enable' : 'disable'} aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.name}`}>
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>New account</h3>
        <form id="user-create" class="stack" novalidate>
          <div class="grid-2">
            <Field id="nu-name" name="name" label="Name">
              <input id="nu-name" name="name" required maxlength={200} autocomplete="off" />
            </Field>
            <Field id="nu-email" name="email" label="E-mail">
              <input id="nu-email" name="email" type="email" required autocomplete="off" />
            </Field>
            <Field id="nu-role" name="role" label="Role">
              <select id="nu-role" name="role">
                {ROLES.map((r) => (
                  <option value={r}>{r}</option>
                ))}
              </select>
            </Field>
            <Field id="nu-password" name="password" label="Initial password" hint="At least 12 characters; share it privately">
              <input id="nu-password" name="password" type="password" required autocomplete="new-password" />
            </Field>
          </div>
          <FormError />
          <button type="submit" class="btn primary">
            Create account
          </button>
        </form>
      </section>

      <section class="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        {props.tokens.length === 0 ? <p class="empty">No API tokens.</p> : null}
        <table class="table" id="tokens">
          <TableHead caption="API tokens" columns={['Name', 'Role', 'Starts with', 'Created', 'Last used', 'State']} />
          <tbody>
            {props.tokens.map((t) => (
              <tr data-token-id={t.id}>
                <td>{t.name}</td>
                <td>
                  {t.role}
                  {t.actsAs !== t.role ? <span class="small muted"> (acts as {t.actsAs} while its creator is one)</span> : null}
                </td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>
                  <Time at={t.createdAt} />
                </td>
                <td>{t.lastUsedAt ? <Time at={t.lastUsedAt} /> : 'never'}</td>
                <td>
                  {t.revokedAt ? (
                    <span class="badge st-dismissed">revoked</span>
                  ) : (
                    <button type="button" class="btn small danger" data-revoke={t.id} aria-label={`Revoke token ${t.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>New token</h3>
        <form id="token-create" class="stack" novalidate>
          <div class="grid-2">
            <Field id="nt-name" name="name" label="Name" hint="What uses it, e.g. “CMS import”">
              <input id="nt-name" name="name" required maxlength={100} autocomplete="off" />
            </Field>
            <Field id="nt-role" name="role" label="Role">
              <select id="nt-role" name="role">
                {ROLES.map((r) => (
                  <option value={r}>{r}</option>
                ))}
              </select>
            </Field>
          </div>
          <FormError />
          <button type="submit" class="btn primary">
            Create token
          </button>
        </form>
        <div id="token-secret" class="secret" hidden tabindex={-1}>
          <p>
            <strong>Copy this token now.</strong> It is shown once; Factmark keeps only a hash.
          </p>
          <label for="token-secret-value">New token</label>
          <input id="token-secret-value" readonly />
          <button type="button" class="btn small" id="token-secret-copy">
            Copy
          </button>
        </div>
      </section>
      <section class="card" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">Webhooks</h2>
        <p>
          Tell a CMS, Slack or any system when a claim is flagged, returned, published or withdrawn, or an article is loaded. <a href="/app/webhooks">Manage webhooks</a>
        </p>
      </section>
    </AppPage>
  );
}
