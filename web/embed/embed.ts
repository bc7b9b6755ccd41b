/**
 * Factmark reader embed: `<script src="https://HOST/embed.js" data-article="SLUG" async></script>`.
 * Fetches the article's published fact-checks (W3C Web Annotation feed), anchors each quoted
 * claim in the page, highlights it in its verdict colour and opens a popover on hover, focus
 * or tap. Dispatches `factmark:ready` on document with {anchored, unanchored} (plus `error`
 * when the feed could not be read). Built by esbuild as an IIFE: it leaves no globals.
 */
import { readText, toRaw, wrapRanges, type RawRange } from './dom-text';
import { fetchClaims, type Claim } from './feed';
import { installPopover, makeMark, opened } from './popover';
import { anchorAll } from '../../src/domain/text-match';


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
  // The feed and the reach beacon name the article the same way.
  const which = slug ? '/' + encodeURIComponent(slug) : '?url=' + encodeURIComponent(pageUrl);
  const feed = new URL('annotations' + which, script.src).href;
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
      // Reach: one beacon per page view, when the page is first hidden (left, closed or
      // put in the background), with the number of popovers opened. No cookie, no id.
      // data-reach="off" on the tag switches it off (docs/embed.md).
      if (script.getAttribute('data-reach') != 'off') {
        let sent: unknown;
        document.addEventListener('visibilitychange', () => (sent ||= document.hidden && navigator.sendBeacon(new URL('reach' + which, script.src), '' + opened)));
      }
      const owners = new WeakMap<Element, { claim: Claim; head: HTMLElement }>();
      let left = found;
      let popover = 0;
      let root: Element = document.body;
      // Anchors what is left on the root's current text and draws it; `left` keeps the rest.
      const place = (retry?: boolean) => {
        // Text added later is not where the positions point (and the next story of an
        // infinite scroll may sit just there): then only the quote and its context count.
        const targets = left.map((c) => (retry ? { ...c.target, start: -1 } : c.target));
        // The first time, the story's root is chosen by the rule the importer follows too
        // (src/domain/page-reading.ts), so the page reads as the stored text does.
        const page = readText(root, !retry);
        const anchors = anchorAll(page.text, targets);
        root = page.root;
        const ranges: RawRange<Claim>[] = [];
        const rest: Claim[] = [];
        anchors.forEach((a, i) => (a ? ranges.push({ ...toRaw(page, a.start, a.end), data: left[i] }) : rest.push(left[i])));
        wrapRanges(page, ranges, makeMark).forEach((pieces, i) => {
          if (!pieces.length) return rest.push(ranges[i].data);
          const entry = { claim: ranges[i].data, head: pieces[0] };
          for (const p of pieces) owners.set(p, entry);
          popover++ || installPopover((m) => owners.get(m));
        });
        left = rest;
      };
      place();
      const unanchored = left.length;
      const anchored = found.length - unanchored;
      if (unanchored) {
        console.info(`Factmark: ${unanchored} of ${found.length} fact-checks not placed.`);
        // Text the page adds later (a paywall's or a "read more" script's paragraphs): the
        // claims still missing are looked for again 200 ms after the root's children change
        // (counted from the first change, so a ticker that never stops cannot put it off), at
        // most 20 times: a ticker inside the article must not keep it reading for ever.
        let timer = 0;
        let tries = 20;
        const watch = new MutationObserver(() => {
          timer ||= setTimeout(() => {
            timer = 0;
            place(true);
            watch.takeRecords(); // our own highlights
            if (!left.length || !--tries) watch.disconnect();
          }, 200);
        });
        watch.observe(root, { childList: true, subtree: true });
      }
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
