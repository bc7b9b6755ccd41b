import { $, toast } from './_forms';

/**
 * A secret shown once (an API token, a webhook's signing secret): `#<id>` is the box,
 * `#<id>-value` the read-only input, `#<id>-copy` the copy button.
 */
export function showSecretOnce(id: string, secret: string) {
  const box = $(`#${id}`)!;
  const out = $<HTMLInputElement>(`#${id}-value`)!;
  out.value = secret;
  box.hidden = false;
  box.focus();
  out.select();
}

/** Wires the box's copy button (the clipboard, else a selection to copy by hand). */
export function copySecretButton(id: string) {
  $(`#${id}-copy`)?.addEventListener('click', async () => {
    const out = $<HTMLInputElement>(`#${id}-value`)!;
    try {
      await navigator.clipboard.writeText(out.value);
      toast('Copied.');
    } catch {
      out.select();
      toast('Press Ctrl+C to copy.');
    }
  });
}
