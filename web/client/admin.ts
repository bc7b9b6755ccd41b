import { api } from './_api';
import { $, $$, busy, clearErrors, showProblem, text, toast } from './_forms';
import { copySecretButton, showSecretOnce } from './_secret';
import { initShell, reloadWith, showFlash } from './_shell';

initShell();

showFlash();
const done = (message: string) => reloadWith(message);

// The newsroom's identity.
const settingsForm = $<HTMLFormElement>('#settings-form');
settingsForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(settingsForm);
  const body = {
    name: text(settingsForm, 'name') ?? '',
    url: text(settingsForm, 'url'),
    logoUrl: text(settingsForm, 'logoUrl'),
    correctionsContact: text(settingsForm, 'correctionsContact'),
    version: Number(settingsForm.dataset.version),
  };
  const res = await busy(settingsForm, () => api('PATCH', '/settings', body));
  if (res.ok) done('Identity saved: public pages, the embed and new feeds show it now.');
  else showProblem(settingsForm, res.problem.status === 409 && res.problem.code === 'stale-version' ? { ...res.problem, detail: 'someone else changed the settings since the page loaded; reload to see them.' } : res.problem);
});

// Change role.
for (const form of $$<HTMLFormElement>('form.role-form')) {
  const row = form.closest<HTMLElement>('tr')!;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const role = (form.elements.namedItem('role') as HTMLSelectElement).value;
    const res = await busy(form, () => api('PATCH', `/users/${encodeURIComponent(row.dataset.userId ?? '')}`, { role, version: Number(row.dataset.version) }));
    if (res.ok) done('Role changed.');
    else showProblem(form, res.problem.status === 409 && res.problem.code === 'stale-version' ? { ...res.problem, detail: 'someone else changed this account since the page loaded; reload to see it.' } : res.problem);
  });
}

// Disable / enable.
for (const button of $$<HTMLButtonElement>('button[data-toggle-user]')) {
  const row = button.closest<HTMLElement>('tr')!;
  button.addEventListener('click', async () => {
    const disable = button.dataset.toggleUser === 'disable';
    if (disable && !confirm('Disable this account? Its sessions end now.')) return;
    button.disabled = true;
    const res = await api('PATCH', `/users/${encodeURIComponent(row.dataset.userId ?? '')}`, { disabled: disable, version: Number(row.dataset.version) });
    button.disabled = false;
    if (res.ok) done(disable ? 'Account disabled.' : 'Account enabled.');
    else toast(res.problem.status === 409 && res.problem.code === 'stale-version' ? 'Someone else changed this account since the page loaded; reload and try again.' : res.problem.detail);
  });
}

const userForm = $<HTMLFormElement>('#user-create');
userForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(userForm);
  const body = {
    name: text(userForm, 'name') ?? '',
    email: text(userForm, 'email') ?? '',
    role: (userForm.elements.namedItem('role') as HTMLSelectElement).value,
    password: (userForm.elements.namedItem('password') as HTMLInputElement).value,
  };
  const res = await busy(userForm, () => api('POST', '/users', body));
  if (res.ok) done(`Account created for ${body.email}.`);
  else showProblem(userForm, res.problem);
});

// Tokens: the secret is shown once, here, and never again.
const tokenForm = $<HTMLFormElement>('#token-create');
tokenForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(tokenForm);
  const body = { name: text(tokenForm, 'name') ?? '', role: (tokenForm.elements.namedItem('role') as HTMLSelectElement).value };
  const res = await busy(tokenForm, () => api<{ token: string; name: string }>('POST', '/tokens', body));
  if (!res.ok) {
    showProblem(tokenForm, res.problem);
    return;
  }
  tokenForm.reset();
  showSecretOnce('token-secret', res.data.token);
  toast(`Token “${res.data.name}” created. Copy it now; reload the page to see it in the list.`);
});
copySecretButton('token-secret');

for (const button of $$<HTMLButtonElement>('button[data-revoke]')) {
  button.addEventListener('click', async () => {
    if (!confirm('Revoke this token? Anything using it stops working at once.')) return;
    button.disabled = true;
    const res = await api('DELETE', `/tokens/${encodeURIComponent(button.dataset.revoke ?? '')}`);
    button.disabled = false;
    if (res.ok) done('Token revoked.');
    else toast(res.problem.detail);
  });
}
