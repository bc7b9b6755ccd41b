import { ROLES } from '../../../src/domain/vocabulary';
import { AppPage, Field, FormError, Time, type Viewer } from './shell';

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

/** Accounts and API tokens (admins only). */
export function AdminPage(props: { viewer: Viewer & { id: string }; users: UserRow[]; tokens: TokenRow[] }) {
  return (
    <AppPage title="Admin" viewer={props.viewer} current="admin" script="admin">
      <h1>Admin</h1>
      <section class="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        <table class="table" id="users">
          <caption class="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
            </tr>
          </thead>
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
          <caption class="visually-hidden">API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
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
