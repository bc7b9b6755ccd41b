import { api, isStale } from './_api';
import { $, $$, busy, clearErrors, showProblem, text, toast } from './_forms';
import { copySecretButton, showSecretOnce } from './_secret';
import { initShell, reloadWith, showFlash } from './_shell';

initShell();

showFlash();
const done = (message: string, to?: string) => reloadWith(message, to);

// The signing secret is shown once, in the page's box; the server never shows it again.
copySecretButton('webhook-secret');

const createForm = $<HTMLFormElement>('#webhook-create');
createForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(createForm);
  const body = {
    url: text(createForm, 'url') ?? '',
    kind: (createForm.elements.namedItem('kind') as HTMLSelectElement).value,
    description: text(createForm, 'description'),
    events: $$<HTMLInputElement>('input[name="events"]:checked', createForm).map((i) => i.value),
  };
  const res = await busy(createForm, () => api<{ secret?: string; url: string }>('POST', '/webhooks', body));
  if (!res.ok) {
    showProblem(createForm, res.problem, { 'events.0': 'events' });
    return;
  }
  createForm.reset();
  if (res.data.secret) {
    showSecretOnce('webhook-secret', res.data.secret);
    toast(`Endpoint added. Copy its secret now; reload the page to see it in the list.`);
  } else {
    done('Slack endpoint added.');
  }
});

const endpoint = $<HTMLElement>('#endpoint');
for (const button of $$<HTMLButtonElement>('button[data-endpoint-action]')) {
  button.addEventListener('click', async () => {
    if (!endpoint) return;
    const id = encodeURIComponent(endpoint.dataset.webhookId ?? '');
    const version = Number(endpoint.dataset.version);
    const action = button.dataset.endpointAction;
    if (action === 'remove' && !confirm('Remove this endpoint and its delivery log? Nothing more is sent to it.')) return;
    if (action === 'rotate' && !confirm('Make a new signing secret? The receiver must switch to it: the old one stops at once.')) return;
    button.disabled = true;
    const res =
      action === 'remove'
        ? await api('DELETE', `/webhooks/${id}`)
        : await api<{ secret?: string; version: number }>('PATCH', `/webhooks/${id}`, action === 'rotate' ? { rotateSecret: true, version } : { active: action === 'enable', version });
    button.disabled = false;
    if (!res.ok) {
      toast(isStale(res.problem) ? 'Someone else changed this endpoint since the page loaded; reload and try again.' : res.problem.detail);
      return;
    }
    if (action === 'remove') return done('Endpoint removed.', '/app/webhooks');
    if (action === 'rotate') {
      const data = res.data as { secret?: string; version: number };
      endpoint.dataset.version = String(data.version);
      if (data.secret) showSecretOnce('webhook-secret', data.secret);
      toast('New secret made. Copy it now.');
      return;
    }
    done(action === 'enable' ? 'Endpoint enabled.' : 'Endpoint disabled.');
  });
}

for (const button of $$<HTMLButtonElement>('button[data-redeliver]')) {
  button.addEventListener('click', async () => {
    if (!endpoint) return;
    button.disabled = true;
    const res = await api('POST', `/webhooks/${encodeURIComponent(endpoint.dataset.webhookId ?? '')}/deliveries/${encodeURIComponent(button.dataset.redeliver ?? '')}/redeliver`);
    if (!res.ok) {
      button.disabled = false;
      toast(res.problem.detail);
      return;
    }
    toast('Queued again with the same webhook-id.');
    setTimeout(() => done('Redelivered; the new attempt is listed.'), 1500);
  });
}
