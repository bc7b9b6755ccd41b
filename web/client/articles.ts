import { api } from './_api';
import { $, busy, clearErrors, fieldError, formError, showProblem, text } from './_forms';
import { initShell, reload } from './_shell';

initShell();

const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGCAPTION', 'TR', 'PRE', 'UL', 'OL', 'TABLE', 'FIGURE', 'ASIDE', 'MAIN']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG', 'NAV', 'FORM', 'BUTTON']);

/**
 * HTML → plain text in the browser: DOMParser builds an inert document (no script runs, no
 * image loads), and we keep its text with a blank line after each block element.
 */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      out.push((node.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (!(node instanceof Element) || SKIP.has(node.tagName)) return;
    if (node.tagName === 'BR') {
      out.push('\n');
      return;
    }
    node.childNodes.forEach(walk);
    if (BLOCKS.has(node.tagName)) out.push('\n\n');
  };
  walk(doc.body);
  return out.join('').replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

const form = $<HTMLFormElement>('#add-article');
// "a" opens the add-article form from anywhere on the page (not while typing).
document.addEventListener('keydown', (e) => {
  if (e.key !== 'a' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target as HTMLElement;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || t.isContentEditable) return;
  const box = $<HTMLDetailsElement>('#add-article-box');
  if (!box) return;
  e.preventDefault();
  box.open = true;
  $<HTMLInputElement>('#art-title')?.focus();
});
form?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(form);
  const raw = (form.elements.namedItem('text') as HTMLTextAreaElement).value;
  const isHtml = (form.querySelector<HTMLInputElement>('input[name="format"]:checked')?.value ?? 'text') === 'html';
  const body = {
    title: text(form, 'title') ?? '',
    url: text(form, 'url') ?? '',
    publisher: text(form, 'publisher') ?? '',
    author: text(form, 'author'),
    publishedAt: text(form, 'publishedAt') ?? '',
    text: isHtml ? htmlToText(raw) : raw,
    extract: (form.elements.namedItem('extract') as HTMLInputElement).checked,
  };
  if (isHtml && !body.text) {
    fieldError(form, 'text', 'The HTML has no text once tags are removed.');
    formError(form, 'Not saved: one field needs attention.');
    return;
  }
  const res = await busy(form, () => api<{ id: string }>('POST', '/articles', body));
  if (res.ok) reload(`/app/articles/${encodeURIComponent(res.data.id)}`);
  else showProblem(form, res.problem);
});

// "Add from URL": the Worker fetches the page; its problems say which failure it was.
const importForm = $<HTMLFormElement>('#import-article');
importForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(importForm);
  const status = $<HTMLElement>('#import-status');
  const body: Record<string, unknown> = { url: text(importForm, 'url') ?? '' };
  const date = text(importForm, 'publishedAt');
  if (date) body.publishedAt = date;
  if (status) status.textContent = 'Fetching the page…';
  const res = await busy(importForm, () => api<{ id: string; import?: { warnings: string[] } }>('POST', '/articles/import', body));
  if (status) status.textContent = '';
  if (res.ok) reload(`/app/articles/${encodeURIComponent(res.data.id)}`);
  else if (res.problem.status === 409 && typeof (res.problem as { articleId?: unknown }).articleId === 'string') {
    formError(importForm, 'This page is already loaded.');
    const link = document.createElement('a');
    link.href = `/app/articles/${encodeURIComponent((res.problem as unknown as { articleId: string }).articleId)}`;
    link.textContent = ' Open it.';
    importForm.querySelector('.form-error')?.append(link);
  } else showProblem(importForm, res.problem);
});
