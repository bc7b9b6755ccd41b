/**
 * Both readers of a publisher's page, for the tests that compare them: the importer's
 * (`src/services/page-reader.ts`, HTMLRewriter) bundled into a tiny Worker run in workerd by
 * Miniflare, and the embed's (`web/embed/dom-text.ts`) bundled into a script for Chromium.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import type { Page } from 'playwright-core';

const WORKER_ENTRY = `
import { readPage } from './src/services/page-reader';
export default {
  async fetch(request) {
    const u = new URL(request.url);
    const body = new Uint8Array(await request.arrayBuffer());
    return Response.json(await readPage(body, u.searchParams.get('url'), u.searchParams.get('charset')));
  },
};`;

const EMBED_ENTRY = `
import { readText } from './web/embed/dom-text';
window.__factmarkRead = () => {
  const page = readText(document.body, true);
  return { text: page.text, root: page.root === document.body ? 'page' : 'element' };
};`;

async function bundle(contents: string, platform: 'neutral' | 'browser') {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    format: platform === 'browser' ? 'iife' : 'esm',
    platform,
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

export interface ImporterReading {
  text: string;
  root: 'element' | 'page';
  metadata: { title: string | null; publisher: string | null; author: string | null; publishedAt: string | null; canonicalUrl: string };
  hasPasswordField: boolean;
}

/** The importer's reader in workerd. */
export async function startImporterReader() {
  const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))?.[1];
  const mf = new Miniflare(convertV4MiniflareOptions({ modules: true, script: await bundle(WORKER_ENTRY, 'neutral'), compatibilityDate }));
  await mf.ready;
  return {
    async read(body: Uint8Array, url: string, charset: string | null): Promise<ImporterReading> {
      const q = new URLSearchParams({ url, ...(charset ? { charset } : {}) });
      const res = await mf.dispatchFetch(`http://reader.local/?${q}`, { method: 'POST', body });
      if (res.status !== 200) throw new Error(`importer reader: ${res.status} ${await res.text()}`);
      return (await res.json()) as ImporterReading;
    },
    close: () => mf.dispose(),
  };
}

let embedReader: Promise<string> | null = null;

/** The embed's reader on a page open in Chromium: the folded text of the root it chooses. */
export async function readWithEmbed(page: Page): Promise<{ text: string; root: 'element' | 'page' }> {
  embedReader ??= bundle(EMBED_ENTRY, 'browser');
  await page.addScriptTag({ content: await embedReader });
  return page.evaluate(() => (window as unknown as { __factmarkRead: () => { text: string; root: 'element' | 'page' } }).__factmarkRead());
}
