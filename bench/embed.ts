/**
 * Reader embed benchmark (`npm run bench:embed`, after `npm run build`).
 * Prints the size of dist/assets/embed.js (raw, gzip) and the time to anchor 300 claims on
 * a ~200 KB article page in headless Debian Chromium: from the moment the feed's JSON is
 * available in the page (Response.json() resolved) to `factmark:ready`, measured in-page
 * with performance.now(), median of RUNS fresh page loads. The page and the feed are served
 * from a tiny node:http server on 127.0.0.1 (this measures the script, not the API).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { findChromium } from '../scripts/chromium.ts';
import { articlePage, feed, seedClaims, seedText, selectorsFor, type FixtureClaim } from '../test/fixtures/embed/fixtures.ts';
import { LD_JSON, startServers } from '../test/fixtures/embed/serve.ts';

const RUNS = 9;
const COPIES = 16;
const CLAIMS = 300;
const EDITED = 15; // claims whose page text carries a one-letter edit (the fuzzy path)

const js = readFileSync('dist/assets/embed.js');
const gz = gzipSync(js, { level: 9 }).length;
console.log(`embed.js: ${js.length} bytes raw, ${gz} bytes gzip -9 (${gzipSync(js).length} default level), ${brotliCompressSync(js).length} brotli`);

// A ~200 KB article: the seed article 16 times over, each part under its own heading.
const seed = seedText();
const parts: string[] = [];
// Digits are rotated per part (length-preserving), so numbers differ from part to part.
for (let i = 0; i < COPIES; i++) parts.push(`Part ${i + 1} of the dossier\n\n${seed.replace(/\d/g, (d) => String((Number(d) + i) % 10))}`);
const text = parts.join('\n\n');
const seedList = seedClaims(seed);
const all: FixtureClaim[] = [];
let offset = 0;
for (let i = 0; i < COPIES; i++) {
  const partStart = text.indexOf(`Part ${i + 1} of the dossier`, offset);
  const base = partStart + `Part ${i + 1} of the dossier\n\n`.length;
  for (const c of seedList) {
    // seed claims are in code points; the seed text has no astral characters, so units = code points
    const start = base + c.start;
    all.push({ ...c, id: `p${i + 1}-${c.id}`, ...selectorsFor(text, start, start + c.quote.length) });
  }
  offset = base;
}
// 300 claims spread evenly over the parts.
const claims = Array.from({ length: CLAIMS }, (_, i) => all[Math.floor((i * all.length) / CLAIMS)]);

// The page: publisher markup splitting claims, nbsp, whitespace runs, straight quotes, en
// dashes; plus EDITED claims with a letter changed on the page so only the fuzzy matcher finds them.
const pageChars = [...text];
const editable = claims.filter((c) => c.quote.length >= 12);
for (let i = 0; i < EDITED; i++) {
  const c = editable[Math.floor((i * editable.length) / EDITED)];
  let p = c.start + Math.floor((c.end - c.start) / 2);
  while (!/[a-z]/.test(pageChars[p])) p++;
  pageChars[p] = pageChars[p] === 'x' ? 'y' : 'x';
}
const pageText = pageChars.join('');

async function main() {
  const srv = await startServers();
  srv.api.set('/embed.js', { type: 'text/javascript; charset=utf-8', body: js });
  const withPositions = feed(srv.factmark, 'bench', claims, 1000).collection;
  const quotesOnly = feed(srv.factmark, 'bench-quotes', claims.map((c) => ({ ...c, start: -1, end: -1 })), 1000).collection;
  for (const a of quotesOnly.first.items as { target: { selector: unknown[] } }[]) a.target.selector.length = 1; // TextQuoteSelector only
  srv.api.set('/annotations/bench', { type: LD_JSON, body: JSON.stringify(withPositions) });
  srv.api.set('/annotations/bench-quotes', { type: LD_JSON, body: JSON.stringify(quotesOnly) });
  srv.pages.set('/favicon.ico', { status: 204, body: '' });
  const probe = `<script>
(() => {
  let fed = 0;
  const json = Response.prototype.json;
  Response.prototype.json = function () { return json.call(this).then((v) => { fed = performance.now(); return v; }); };
  document.addEventListener('factmark:ready', (e) => {
    const at = performance.now();
    // The highlight element is registered (its pieces upgraded) in a task after ready.
    customElements.whenDefined('factmark-mark').then(() => { window.__bench = { ms: at - fed, upgrade: performance.now() - at, ...e.detail }; });
  });
})();
</script>\n`;
  for (const slug of ['bench', 'bench-quotes']) {
    srv.pages.set(`/${slug}`, { body: articlePage(pageText, { split: true, claims, head: probe, tail: `<script src="${srv.factmark}/embed.js" data-article="${slug}" async></script>\n` }) });
  }
  const html = srv.pages.get('/bench') as { body: string };
  console.log(`page: ${(Buffer.byteLength(html.body) / 1024).toFixed(0)} KB HTML, ${(Buffer.byteLength(pageText) / 1024).toFixed(0)} KB article text; feed: ${claims.length} claims (${EDITED} edited on the page)`);

  const found = await findChromium();
  const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args, env: { ...process.env, ...found.env } });
  console.log(`browser: ${found.source}`);
  const load = () => loadavg()[0].toFixed(1);
  console.log(`machine: ${cpus().length} CPUs, load average ${load()} at start (other work on the machine inflates wall-clock times)`);
  try {
    for (const [slug, what] of [
      ['bench', 'position + quote selectors (as the feed serves them)'],
      ['bench-quotes', 'quote selectors only (no positions)'],
    ]) {
      const times: number[] = [];
      const upgrades: number[] = [];
      let detail = '';
      for (let r = 0; r < RUNS + 1; r++) {
        const page = await browser.newPage();
        await page.goto(`${srv.publisher}/${slug}`);
        await page.waitForFunction(() => (window as any).__bench, null, { timeout: 30_000 });
        const res = await page.evaluate(() => (window as any).__bench);
        if (r > 0) times.push(res.ms), upgrades.push(res.upgrade); // the first load warms the HTTP and compile caches
        detail = `anchored ${res.anchored}, unanchored ${res.unanchored}`;
        await page.close();
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      times.sort((a, b) => a - b);
      console.log(`anchoring, ${what}: median ${median(times).toFixed(1)} ms over ${RUNS} runs (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}); ${detail}; then <factmark-mark> registration ${median(upgrades).toFixed(1)} ms later (median)`);
    }
    console.log(`load average ${load()} at the end`);
  } finally {
    await browser.close();
    await srv.close();
  }
}

await main();
