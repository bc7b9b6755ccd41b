/**
 * Highlights and the popover. Highlights are <factmark-mark> elements styled only through
 * their own inline !important declarations (set through CSSOM, which a page's
 * Content-Security-Policy does not block), so a page's CSS resets cannot restyle them and
 * they change nothing in the layout but the background and underline. The popover lives
 * in an open Shadow DOM on a host that is absolutely positioned on the document.
 * Every piece of feed data is inserted as text (textContent), never parsed as HTML.
 */
import type { Claim } from './feed';
import { INK, ratingFor } from './ratings';

const MARK = 'factmark-mark';
const HOST = 'factmark-popover';

const CSS = `:host{all:initial}.b{box-sizing:border-box;position:relative;font:15px/1.45 system-ui,sans-serif;color:${INK};background:#fff;border:1px solid #c4c8cf;border-top:6px solid var(--a);border-radius:8px;box-shadow:0 6px 24px #0003;padding:10px 14px 12px}.t{margin:0 28px 6px 0;font-size:12px;text-transform:uppercase;color:#4b5563}.r{margin-left:6px;padding:1px 8px;border-radius:99px;background:var(--bg);border:1px solid var(--a);color:${INK};font-size:13px;font-weight:700;text-transform:none}p,ul{margin:0 0 8px}ul{padding-left:18px}a{color:#1d4ed8;overflow-wrap:anywhere}.m{font-weight:600}.x{position:absolute;top:4px;right:4px;width:28px;height:28px;border:0;background:none;color:${INK};font:20px/1 sans-serif;cursor:pointer}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function important(e: HTMLElement, css: Record<string, string>) {
  for (const k in css) e.style.setProperty(k, css[k], 'important');
}

/** One highlight piece for a claim (embed.ts makes the first piece of each claim focusable). */
export function makeMark(claim: Claim): HTMLElement {
  const r = ratingFor(claim.rating);
  const m = document.createElement(MARK);
  m.setAttribute('data-claim', claim.id);
  // `all: unset` first: whatever the page applies to every element (padding, font size,
  // borders), the highlight inherits its text style from its parent and adds no box.
  important(m, {
    all: 'unset',
    display: 'inline',
    'background-color': r.bg,
    color: INK,
    'text-decoration': `underline 2px ${r.accent}`,
    'text-underline-offset': '2px',
    cursor: 'pointer',
  });
  return m;
}

/**
 * Wires the popover to the highlights. `lookup` gives a highlight's claim and its focusable
 * first piece. Hover and focus open it; a click or tap pins it; Enter or Space opens it and
 * moves focus inside; Escape, the close button or a click outside closes it, returning focus
 * to the highlight when focus was in the popover.
 */
export function installPopover(lookup: (m: Element) => { claim: Claim; head: HTMLElement } | undefined) {
  let host: HTMLElement | null = null;
  let root: ShadowRoot;
  let box: HTMLElement;
  let openFor: HTMLElement | null = null;
  let pinned = false;
  let timer = 0;
  let quiet = false;

  const build = () => {
    host = document.createElement(HOST);
    important(host, { all: 'initial', position: 'absolute', 'z-index': '2147483647', display: 'block', margin: '0' });
    root = host.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.appendChild(el('style', '', CSS));
    }
    box = el('div', 'b');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-labelledby', 't');
    box.tabIndex = -1;
    root.appendChild(box);
    host.addEventListener('mouseenter', () => clearTimeout(timer));
    host.addEventListener('mouseleave', () => !pinned && later());
  };

  const close = (refocus: boolean) => {
    clearTimeout(timer);
    if (!openFor || !host) return;
    const back = openFor;
    openFor.setAttribute('aria-expanded', 'false');
    openFor = null;
    pinned = false;
    host.remove();
    if (refocus) {
      quiet = true;
      back.focus();
      quiet = false;
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => close(false), 300);
  };

  const open = (target: Element, pin: boolean, focus: boolean) => {
    const found = lookup(target);
    if (!found) return;
    clearTimeout(timer);
    const { claim, head } = found;
    pinned = pinned || pin;
    if (openFor !== head) {
      if (openFor) close(false);
      pinned = pin;
      if (!host) build();
      fill(claim);
      openFor = head;
      head.setAttribute('aria-expanded', 'true');
      document.documentElement.appendChild(host as HTMLElement);
      place(target);
    }
    if (focus) box.focus();
  };

  const fill = (claim: Claim) => {
    const r = ratingFor(claim.rating);
    box.style.setProperty('--a', r.accent);
    box.style.setProperty('--bg', r.bg);
    box.replaceChildren();
    const x = el('button', 'x', '×');
    x.type = 'button';
    x.setAttribute('aria-label', 'Close');
    x.addEventListener('click', () => close(true));
    const title = el('p', 't', 'Fact-check');
    title.id = 't';
    title.appendChild(el('span', 'r', claim.ratingLabel || r.label));
    box.append(x, title);
    if (claim.summary) box.appendChild(el('p', '', claim.summary));
    if (claim.sources.length) {
      const ul = el('ul');
      ul.setAttribute('aria-label', 'Sources');
      for (const s of claim.sources) {
        const a = el('a', '', s.label);
        a.href = s.href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer nofollow';
        ul.appendChild(el('li')).appendChild(a);
      }
      box.appendChild(ul);
    }
    if (claim.page) {
      const a = el('a', 'm', 'Read the full fact-check →');
      a.href = claim.page;
      a.target = '_blank';
      a.rel = 'noopener';
      box.appendChild(el('p')).appendChild(a);
    }
  };

  const place = (target: Element) => {
    const rect = (target.getClientRects()[0] || target.getBoundingClientRect()) as DOMRect;
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const width = Math.min(360, vw - 16);
    const h = host as HTMLElement;
    important(h, { width: width + 'px', left: '0px', top: '0px' });
    const height = h.offsetHeight;
    const left = Math.max(8, Math.min(rect.left, vw - width - 8));
    const below = rect.bottom + 6;
    const top = below + height > window.innerHeight && rect.top - height - 6 > 0 ? rect.top - height - 6 : below;
    important(h, { left: left + window.scrollX + 'px', top: top + window.scrollY + 'px' });
  };

  const markOf = (e: Event) => {
    const t = e.target;
    return t instanceof Element ? t.closest(MARK) : null;
  };
  const inHost = (e: Event) => !!host && e.composedPath().includes(host);

  document.addEventListener('mouseover', (e) => {
    const m = markOf(e);
    if (m) open(m, false, false);
  });
  document.addEventListener('mouseout', (e) => {
    if (markOf(e) && !pinned) later();
  });
  document.addEventListener('focusin', (e) => {
    if (quiet) return;
    const m = markOf(e);
    if (m) open(m, false, false);
    else if (openFor && !inHost(e)) close(false);
  });
  document.addEventListener('click', (e) => {
    const m = markOf(e);
    if (m) open(m, true, false);
    else if (openFor && !inHost(e)) close(false);
  });
  document.addEventListener('keydown', (e) => {
    const m = markOf(e);
    if (m && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      open(m, true, true);
    } else if (e.key === 'Escape' && openFor) {
      close(true);
    }
  });
}
