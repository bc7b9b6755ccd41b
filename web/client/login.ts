import { api } from './_api';
import { $, busy, clearErrors, fieldError, formError, showProblem, text } from './_forms';

const form = $<HTMLFormElement>('#login-form');
form?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(form);
  const email = text(form, 'email');
  const password = (form.elements.namedItem('password') as HTMLInputElement).value;
  let missing = false;
  if (!email) missing = fieldError(form, 'email', 'Enter your e-mail address.') || true;
  if (!password) missing = fieldError(form, 'password', 'Enter your password.') || true;
  if (missing) {
    formError(form, 'Fill in both fields.');
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  const res = await busy(form, () => api('POST', '/auth/login', { email, password }));
  if (res.ok) {
    location.href = form.dataset.next || '/app/articles';
    return;
  }
  if (res.status === 401 || res.status === 429) {
    formError(form, res.problem.detail);
    (form.elements.namedItem('password') as HTMLInputElement).select();
  } else showProblem(form, res.problem);
});
