import { api } from './_api';
import { $, $$, submitsTo, text, toast } from './_forms';
import { copySecretButton, showSecretOnce } from './_secret';
import { initShell, reloadWith, showFlash } from './_shell';

initShell();

showFlash();
const done = (message: string) => reloadWith(message);

// The newsroom's identity.
submitsTo(
  $<HTMLFormElement>('#settings-form'),
  (form) =>
    api('PATCH', '/settings', {
      name: text(form, 'name') ?? '',
      url: text(form, 'url'),
      logoUrl: text(form, 'logoUrl'),
      correctionsContact: text(form, 'correctionsContact'),
      version: Number(form.dataset.version),
    }),
  () => done('Identity saved: public pages, the embed and new feeds show it now.'),
  'someone else changed the settings since the page loaded; reload to see them.',
);

// Change role.
for (const form of $$<HTMLFormElement>('form.role-form')) {
  const row = form.closest<HTMLElement>('tr')!;
  submitsTo(
    form,
    () => api('PATCH', `/users/${encodeURIComponent(row.dataset.userId ?? '')}`, { role: (form.elements.namedItem('role') as HTMLSelectElement).value, version: Number(row.dataset.version) }),
    () => done('Role changed.'),
    'someone else changed this account since the page loaded; reload to see it.',
  );
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

submitsTo(
  $<HTMLFormElement>('#user-create'),
  (form) =>
    api('POST', '/users', {
      name: text(form, 'name') ?? '',
      email: text(form, 'email') ?? '',
      role: (form.elements.namedItem('role') as HTMLSelectElement).value,
      password: (form.elements.namedItem('password') as HTMLInputElement).value,
    }),
  (_, form) => done(`Account created for ${text(form, 'email') ?? ''}.`),
);

// Tokens: the secret is shown once, here, and never again.
submitsTo(
  $<HTMLFormElement>('#token-create'),
  (form) => api<{ token: string; name: string }>('POST', '/tokens', { name: text(form, 'name') ?? '', role: (form.elements.namedItem('role') as HTMLSelectElement).value }),
  (data, form) => {
    form.reset();
    showSecretOnce('token-secret', data.token);
    toast(`Token “${data.name}” created. Copy it now; reload the page to see it in the list.`);
  },
);
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
