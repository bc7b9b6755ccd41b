import type { BrowserContext, Page } from 'playwright-core';
import { baseURL, newPage, signIn } from '../browser';

/** A signed-in browser page for one of the demo accounts (or any account). */
export async function pageAs(email: string, options: Parameters<typeof newPage>[0] = {}, password?: string): Promise<{ context: BrowserContext; page: Page }> {
  const session = await newPage(options);
  await signIn(session.page, email, password);
  return session;
}

/** A JSON API call with the page's session (and the Origin header a browser would send). */
export async function apiCall<T = any>(page: Page, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<{ status: number; body: T }> {
  const res = await page.request.fetch(`/api/v1${path}`, { method, data, headers: { Origin: baseURL() } });
  const text = await res.text();
  return { status: res.status(), body: text ? JSON.parse(text) : null };
}

let counter = 0;
/** A unique suffix for this test run (titles, e-mails). */
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const ARTICLE_TEXT = [
  'A court in Khujand sentenced the journalist to 12 years in prison on August 22.',
  'He was also fined 80,000 somoni, about a fifth of the regional budget for the press.',
  '',
  'Rights groups say that between 100 and 250 political prisoners are held in the country.',
].join('\n');

/** Creates an article through the API as `page`'s editor; each test file owns its articles. */
export async function createArticle(page: Page, opts: { extract?: boolean; text?: string; title?: string } = {}) {
  const res = await apiCall<{ id: string; slug: string }>(page, 'POST', '/articles', {
    title: opts.title ?? `Test article ${unique()}`,
    url: `https://news.example/${unique()}`,
    publisher: 'The Example',
    publishedAt: '2017-08',
    text: opts.text ?? ARTICLE_TEXT,
    extract: opts.extract ?? false,
  });
  if (res.status !== 201) throw new Error(`article not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates a claim on a quote through the API. */
export async function createClaim(page: Page, articleId: string, quote: string, kind: string, value: unknown) {
  const res = await apiCall<{ id: string; version: number }>(page, 'POST', `/articles/${articleId}/claims`, { quote, kind, value });
  if (res.status !== 201) throw new Error(`claim not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Selects `text` (its first occurrence) inside the element matched by `selector`. */
export async function selectText(page: Page, selector: string, text: string) {
  await page.evaluate(
    ([sel, wanted]) => {
      const root = document.querySelector(sel)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n.textContent ?? '').indexOf(wanted);
        if (i >= 0) {
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + wanted.length);
          const sel = window.getSelection()!;
          sel.removeAllRanges();
          sel.addRange(range);
          return;
        }
      }
      throw new Error(`text not found: ${wanted}`);
    },
    [selector, text] as const,
  );
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical axe-core violations on the page as it stands (inject axe: needs bypassCSP). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const violations = (await page.evaluate(async () => (await (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe.run()).violations)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
