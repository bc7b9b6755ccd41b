/**
 * Factmark reader embed: `<script src="https://HOST/embed.js" data-article="SLUG" async></script>`.
 * Fetches the article's published fact-checks (W3C Web Annotation feed), anchors each quoted
 * claim in the page, highlights it in its verdict colour and opens a popover on hover, focus
 * or tap. Dispatches `factmark:ready` on document with {anchored, unanchored} (plus `error`
 * when the feed could not be read). Built by esbuild as an IIFE: it leaves no globals.
 */
import { articleRoot, readText, toRaw, wrapRanges, type RawRange } from './dom-text';
import { fetchClaims, type Claim } from './feed';
import { installPopover, makeMark } from './popover';
import { anchorAll } from './text-match';


function findScript(): HTMLScriptElement | null {
  const cur = document.currentScript as HTMLScriptElement | null;
  // currentScript is null for module scripts and when called back later; find the tag then.
  return cur && cur.src ? cur : document.querySelector<HTMLScriptElement>('script[src*="/embed.js"]');
}

function ready(detail: { anchored: number; unanchored: number; error?: string }) {
  document.dispatchEvent(new CustomEvent('factmark:ready', { detail }));
}

function run(script: HTMLScriptElement) {
  const slug = script.getAttribute('data-article');
  const canonical = document.querySelector<HTMLLinkElement>('link[rel~=canonical][href]');
  const pageUrl = canonical ? canonical.href : location.origin + location.pathname;
  const feed = new URL(slug ? 'annotations/' + encodeURIComponent(slug) : 'annotations?url=' + encodeURIComponent(pageUrl), script.src).href;
  const loaded = new Promise<void>((resolve) => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
    else resolve();
  });
  Promise.all([fetchClaims(feed), loaded])
    .then(([found]) => {
      if (!found) {
        if (slug) throw new Error('HTTP 404');
        // No article for this page's URL: nothing to show, and nothing wrong.
        return ready({ anchored: 0, unanchored: 0 });
      }
      const claims = found;
      const page = readText(articleRoot(document));
      const anchors = anchorAll(
        page.text,
        claims.map((c) => c.target),
      );
      const ranges: RawRange<Claim>[] = [];
      anchors.forEach((a, i) => {
        if (a) ranges.push({ ...toRaw(page, a.start, a.end), data: claims[i] });
      });
      const owners = new WeakMap<Element, { claim: Claim; head: HTMLElement }>();
      let anchored = 0;
      wrapRanges(page, ranges, makeMark).forEach((pieces, i) => {
        if (!pieces.length) return;
        anchored++;
        const entry = { claim: ranges[i].data, head: pieces[0] };
        for (const p of pieces) owners.set(p, entry);
      });
      if (anchored) installPopover((m) => owners.get(m));
      const unanchored = claims.length - anchored;
      if (unanchored > 0) console.info(`Factmark: could not place ${unanchored} of ${claims.length} fact-checks on this page.`);
      ready({ anchored, unanchored });
    })
    .catch((err: unknown) => {
      const error = String((err as Error).message || err);
      console.warn(`Factmark: fact-checks could not be loaded (${error}).`);
      ready({ anchored: 0, unanchored: 0, error });
    });
}

(() => {
  const registry = window.customElements;
  // Runs once per page even when the tag appears twice: the first copy registers the
  // popover's element. The highlight element is registered once its pieces are in place
  // (so custom-element construction of every piece runs in a later task, not while anchoring).
  if (!registry || registry.get('factmark-popover')) return;
  registry.define('factmark-popover', class extends HTMLElement {});
  document.addEventListener('factmark:ready', () => setTimeout(() => registry.define('factmark-mark', class extends HTMLElement {})), { once: true });
  const script = findScript();
  if (script) run(script);
})();
