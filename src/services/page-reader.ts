/**
 * The importer's reader: streams a publisher's HTML through HTMLRewriter and reads, in one
 * pass, the story text by the shared reading rules (`src/domain/page-reading.ts`: what is
 * skipped, what is a block, which element is the story's root) and the page's metadata
 * (JSON-LD, OpenGraph and `article:*` meta, `<title>`, the canonical link). The embed reads
 * the same page in the browser by the same rules (`web/embed/dom-text.ts`); the e2e test
 * `test/e2e/embed/reading.test.ts` proves both read the same text on every fixture page.
 *
 * HTMLRewriter hands text over as the source spells it, so character references are decoded
 * here (`./html-entities.ts`: numeric ones and HTML 4's names, legacy forms without `;`
 * included, as a browser does), per text node; line breaks are normalised as a browser's input stream does (CR LF and CR to LF).
 */
import { DomainError } from '../domain/errors';
import { decodeEntities } from './html-entities';
import { BLOCK_TAGS, ROOT_SELECTOR, SKIP_SELECTOR, chooseRoot, matchesSimple, parseSimpleSelector } from '../domain/page-reading';
import { normaliseText } from '../domain/text';
import { pageMetadata, type PageMetadata, type RawMetadata } from './page-metadata';

const SKIP = SKIP_SELECTOR.split(',').map(parseSimpleSelector);
const ROOTS = ROOT_SELECTOR.split(',').map(parseSimpleSelector);
const BLOCK = new Set(BLOCK_TAGS);
/** The document's title is text the browser keeps out of `<body>`; the rest of `<head>` has no text nodes. */
const IMPORTER_SKIP = new Set(['title']);
/**
 * Elements read at most. Each costs a call into the Worker (tens of microseconds), so a page
 * within the byte cap made of 750,000 small tags would take the whole CPU allowance (an
 * import killed without an answer, a scheduled run killed before it records the failure);
 * article pages have thousands.
 */
export const MAX_ELEMENTS = 100_000;
/** Block boundaries in the importer's raw text (whitespace to `\s`, so root weights are unchanged). */
const BOUNDARY = '\u2029';

export interface PageReading {
  /** The story's text as stored: normalised, paragraphs separated by a blank line. */
  text: string;
  /** Whether a root element was taken for the story, or the whole page was read. */
  root: 'element' | 'page';
  metadata: PageMetadata;
  /** The page has a password field (a login wall, when there is little story text). */
  hasPasswordField: boolean;
}

/** The charset a browser would use: the header's, else a BOM, else a `<meta>` in the first 1024 bytes, else UTF-8. */
export function sniffCharset(body: Uint8Array, headerCharset: string | null): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (headerCharset) return headerCharset;
  const head = new TextDecoder('latin1').decode(body.subarray(0, 1024));
  const m = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i);
  return m ? m[1].toLowerCase() : 'utf-8';
}

/** Text of the HTML as a browser decodes it (windows-1252 for latin1/ascii, as the Encoding Standard says). */
function decodeBytes(body: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/**
 * Reads a page. `url` is where it was fetched from (the canonical link is resolved against
 * it); `charset` the one named by the Content-Type header, if any.
 */
export async function readPage(body: Uint8Array, url: string, charset: string | null): Promise<PageReading> {
  // Decoded to a string first (any charset TextDecoder knows), then streamed through HTMLRewriter as UTF-8.
  const html = decodeBytes(body, sniffCharset(body, charset)).replace(/\r\n?/g, '\n');
  const parts: string[] = [];
  let length = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  let skipDepth = 0;
  // Root candidates in document order (nested ones too), end -1 while open.
  const candidates: [number, number][] = [];
  let pending = '';
  let capture: 'ld' | 'title' | null = null;
  let captured = '';
  const raw: RawMetadata = { jsonLd: [], meta: [], title: null, canonical: null, lang: null };
  let hasPasswordField = false;

  const onEnd = (el: Element, fn: () => void): boolean => {
    try {
      el.onEndTag(fn);
      return true;
    } catch {
      return false; // a void element (br, hr, img, input…): no end tag
    }
  };

  let elements = 0;
  const rewriter = new HTMLRewriter()
    .on('*', {
      element(el) {
        // Stops the parse; the error that comes out of HTMLRewriter is a copy, so it is told by the flag.
        if (++elements > MAX_ELEMENTS) throw new Error('too many elements');
        const tag = el.tagName.toLowerCase();
        const attr = (n: string) => el.getAttribute(n);
        // One end-tag handler per element, running everything this element needs at its end.
        const ends: (() => void)[] = [];
        // Metadata, wherever it sits (JSON-LD is often in <body>).
        if (tag === 'meta') {
          const key = attr('property') ?? attr('name') ?? attr('itemprop');
          const content = attr('content');
          if (key && content !== null) raw.meta.push([key.toLowerCase(), decodeEntities(content, true)]);
        } else if (tag === 'link' && raw.canonical === null && (attr('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical') && attr('href')) {
          raw.canonical = decodeEntities(attr('href') as string, true);
        } else if (tag === 'html' && attr('lang')) {
          raw.lang = attr('lang');
        } else if (tag === 'input' && (attr('type') ?? '').toLowerCase() === 'password') {
          hasPasswordField = true;
        } else if ((tag === 'script' && (attr('type') ?? '').toLowerCase().trim() === 'application/ld+json') || (tag === 'title' && raw.title === null)) {
          const what = tag === 'title' ? 'title' : 'ld';
          capture = what;
          captured = '';
          ends.push(() => {
            if (what === 'title') raw.title = decodeEntities(captured).replace(/\s+/g, ' ').trim();
            else raw.jsonLd.push(captured);
            capture = null;
          });
        }
        // Story text: nothing inside a skipped element counts, not even its boundaries.
        if (!skipDepth) {
          if (IMPORTER_SKIP.has(tag) || SKIP.some((s) => matchesSimple(s, tag, attr))) {
            skipDepth++;
            ends.push(() => skipDepth--);
          } else {
            const block = BLOCK.has(tag);
            const range: [number, number] | null = ROOTS.some((s) => matchesSimple(s, tag, attr)) ? [length, -1] : null;
            if (range) candidates.push(range);
            if (block) push(BOUNDARY);
            ends.push(() => {
              if (block) push(BOUNDARY);
              if (range) range[1] = length;
            });
          }
        }
        const atEnd = () => ends.forEach((f) => f());
        // A void element (br, hr, img, input…) has no end tag: it ends where it starts.
        if (ends.length && !onEnd(el, atEnd)) atEnd();
      },
    })
    .onDocument({
      text(t) {
        if (capture) captured += t.text;
        if (skipDepth) return;
        pending += t.text;
        if (t.lastInTextNode) {
          if (pending) push(decodeEntities(pending));
          pending = '';
        }
      },
    });
  try {
    await rewriter.transform(new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } })).arrayBuffer();
  } catch (error) {
    if (elements > MAX_ELEMENTS) throw new DomainError('page-too-large', `The page has more than ${MAX_ELEMENTS.toLocaleString('en-GB')} HTML elements; an article page has far fewer.`, { extensions: { reason: 'too-many-elements' } });
    throw error;
  }
  if (pending) push(decodeEntities(pending));
  // A candidate left open at the end of the page runs to the end.
  for (const c of candidates) if (c[1] < 0) c[1] = length;
  const all = parts.join('');
  const chosen = chooseRoot(all, candidates);
  const [start, end] = chosen < 0 ? [0, all.length] : candidates[chosen];
  const paragraphs = all
    .slice(start, end)
    .split(BOUNDARY)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return { text: normaliseText(paragraphs.join('\n\n')), root: chosen < 0 ? 'page' : 'element', metadata: pageMetadata(raw, url), hasPasswordField };
}
