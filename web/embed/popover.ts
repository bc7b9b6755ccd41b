/**
 * Highlights and the popover. Highlights are <factmark-mark> elements styled only through
 * their own inline !important declarations (set through CSSOM, which a page's
 * Content-Security-Policy does not block), so a page's CSS resets cannot restyle them and
 * they change nothing in the layout but the background and underline. The popover lives
 * in an open Shadow DOM on a host that is absolutely positioned on the document.
 * Every piece of feed data is inserted as text (textContent), never parsed as HTML.
 */
import type { Claim } from './feed';

/** Text on a highlight; every verdict colour of the scale passes WCAG AA with it (src/domain/ratings.ts). */
const INK = '#1a1a1a';
/** A claim's colours, or the neutral ones when the feed gives none: [background, underline]. */
const colours = (c: Claim) => [c.colours[0] || '#e3e5ea', c.colours[1] || '#4b5563'];

const MARK = 'factmark-mark';

const CSS = `:host{all:initial}.b{box-sizing:border-box;font:15px/1.45 system-ui,sans-serif;color:${INK};background:#fff;border:1px solid #c4c8cf;border-top:6px solid var(--a);border-radius:8px;box-shadow:0 6px 24px #0003;padding:10px 14px}.t{margin:0 28px 6px 0;font-size:12px;color:#4b5563}.r{margin-left:6px;padding:1px 8px;border-radius:99px;background:var(--bg);border:1px solid var(--a);color:${INK};font-size:13px;font-weight:700}p,ul{margin:0 0 8px}ul{padding-left:18px}a{color:#1d4ed8;overflow-wrap:anywhere}.f{font-weight:600}.c{margin:0;font-size:12px;color:#4b5563}.x{position:absolute;top:9px;right:5px;width:28px;height:28px;border:0;background:none;color:inherit;font:20px/1 sans-serif;cursor:pointer}`;

/** A new element with a class and text (as text), appended to `to` when given. */
function el(tag: string, to?: Node | null, cls = '', text = ''): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  if (to) to.appendChild(e);
  return e;
}

/** A link opening in a new tab; `href` has already been checked to be http(s). */
function link(to: Node, href: string, text: string, rel: string) {
  const a = el('a', to, '', text) as HTMLAnchorElement;
  a.href = href;
  a.target = '_blank';
  a.rel = rel;
}

const marks: Record<string, HTMLElement> = {};

/**
 * One highlight piece for a claim; the first piece of each claim is its focusable button
 * (so a claim split by links or emphasis is one tab stop). Built before it is inserted.
 */
export function makeMark(claim: Claim, first: boolean): HTMLElement {
  const [bg, accent] = colours(claim);
  let m = marks[bg + accent];
  if (!m) {
    m = marks[bg + accent] = document.createElement(MARK);
    // `all: unset` first: whatever the page applies to every element (padding, font size,
    // borders), the highlight inherits its text style from its parent and adds no box.
    // Set through CSSOM (style.cssText), which a Content-Security-Policy does not block;
    // each piece is a clone, so the declarations are parsed once per rating.
    m.style.cssText = `all:unset!important;display:inline!important;background-color:${bg}!important;color:${INK}!important;text-decoration:underline 2px ${accent}!important;cursor:pointer!important`;
  }
  const c = m.cloneNode() as HTMLElement;
  c.setAttribute('data-claim', claim.id);
  if (first) {
    c.tabIndex = 0;
    c.setAttribute('role', 'button');
    c.setAttribute('aria-expanded', 'false');
    c.setAttribute('aria-label', `Fact-check: ${claim.label}: "${claim.target.exact}"`);
  }
  return c;
}

/** Popovers opened on this page (a new claim each time), for the reach beacon. */
export let opened = 0;

/**
 * Wires the popover to the highlights. `lookup` gives a highlight's claim and its focusable
 * first piece. Hover and focus open it; a click or tap pins it; Enter or Space opens it and
 * moves focus inside; Escape, the close button or a click outside closes it, returning focus
 * to the highlight when focus was in the popover.
 */
export function installPopover(lookup: (m: Element) => { claim: Claim; head: HTMLElement } | undefined) {
  const host = document.createElement('factmark-popover');
  let box: HTMLElement | undefined;
  // Built on first use, so pages where nobody opens a fact-check never pay for it.
  const build = () => {
    const root = host.attachShadow({ mode: 'open' });
    // A constructed stylesheet: unlike a <style> element, a page's CSP does not block it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    const b = el('div', root, 'b');
    b.setAttribute('role', 'dialog');
    b.setAttribute('aria-labelledby', 't');
    b.tabIndex = -1;
    return b;
  };
  let openFor: HTMLElement | null = null;
  let pinned = false;
  let timer = 0;
  let quiet = false;

  const close = (refocus?: boolean) => {
    clearTimeout(timer);
    if (!openFor) return;
    const back = openFor;
    back.setAttribute('aria-expanded', 'false');
    openFor = null;
    host.remove();
    if (refocus) {
      quiet = true;
      back.focus();
      quiet = false;
    }
  };
  const later = () => {
    clearTimeout(timer);
    if (!pinned) timer = setTimeout(close, 300);
  };
  host.addEventListener('mouseenter', () => clearTimeout(timer));
  host.addEventListener('mouseleave', later);

  const open = (target: Element, pin: boolean, focus?: boolean) => {
    const found = lookup(target);
    if (!found) return;
    clearTimeout(timer);
    const { claim, head } = found;
    if (openFor !== head) {
      opened++;
      close();
      pinned = false;
      const [bg, accent] = colours(claim);
      box = box || build();
      box.style.cssText = `--a:${accent};--bg:${bg}`;
      box.replaceChildren();
      const x = el('button', box, 'x', '×');
      x.setAttribute('aria-label', 'Close');
      x.onclick = () => close(true);
      el('span', el('p', box, 't', 'Fact-check'), 'r', claim.label).parentElement!.id = 't';
      if (claim.figures) el('p', box, 'f', claim.figures);
      if (claim.notice) el('p', box, 't', claim.notice);
      if (claim.summary) el('p', box, '', claim.summary);
      if (claim.sources.length) {
        const ul = el('ul', box);
        ul.setAttribute('aria-label', 'Sources');
        for (const s of claim.sources) link(el('li', ul), s.href, s.label, 'noopener noreferrer nofollow');
      }
      if (claim.page) link(el('p', box), claim.page, 'Read the full fact-check', 'noopener');
      if (claim.credit) el('p', box, 'c', 'Checked by ' + claim.credit);
      openFor = head;
      head.setAttribute('aria-expanded', 'true');
      document.documentElement.appendChild(host);
      // Below the highlight (above it when there is no room), inside the viewport.
      const rect = target.getClientRects()[0] || target.getBoundingClientRect();
      const vw = document.documentElement.clientWidth;
      const width = Math.min(360, vw - 16);
      const pos = (left: number, top: number) =>
        (host.style.cssText = `all:initial!important;position:absolute!important;z-index:2147483647!important;display:block!important;width:${width}px!important;left:${left}px!important;top:${top}px!important`);
      pos(0, 0);
      const height = host.offsetHeight;
      const top = rect.bottom + 6 + height > innerHeight && rect.top > height + 6 ? rect.top - height - 6 : rect.bottom + 6;
      pos(Math.max(8, Math.min(rect.left, vw - width - 8)) + scrollX, top + scrollY);
    }
    pinned = pinned || pin;
    if (focus) box!.focus();
  };

  const markOf = (e: Event) => (e.target instanceof Element ? e.target.closest(MARK) : null);
  const outside = (e: Event) => openFor && !e.composedPath().includes(host) && close();
  document.addEventListener('mouseover', (e) => {
    const m = markOf(e);
    if (m) open(m, false);
  });
  document.addEventListener('mouseout', (e) => markOf(e) && later());
  document.addEventListener('focusin', (e) => {
    const m = markOf(e);
    if (quiet) return;
    if (m) open(m, false);
    else outside(e);
  });
  document.addEventListener('click', (e) => {
    const m = markOf(e);
    if (m) open(m, true);
    else outside(e);
  });
  document.addEventListener('keydown', (e) => {
    const m = markOf(e);
    if (m && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      open(m, true, true);
    } else if (e.key === 'Escape' && openFor) close(document.activeElement === host); // focus back only from inside
  });
}
