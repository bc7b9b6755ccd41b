/**
 * The top bar's search box: `/` focuses it, results come as you type (claims and articles,
 * the words found marked), arrow keys move through them, Enter opens one (or, with none
 * chosen, the full results page), Escape closes.
 */
import type { ArticleFieldsView, ClaimFieldsView } from '../../src/domain/shapes';
import { api } from './_api';

interface Snippet {
  text: string;
  highlights: [number, number][];
}
interface ClaimHit {
  claim: Pick<ClaimFieldsView, 'status'> & { id: string; quote: string };
  article: Pick<ArticleFieldsView, 'id' | 'title'>;
  snippet: Snippet;
}
interface ArticleHit {
  article: Pick<ArticleFieldsView, 'id' | 'title' | 'publisher'>;
  snippet: Snippet;
}
interface SearchAnswer {
  claims: { items: ClaimHit[] } | null;
  articles: { items: ArticleHit[] } | null;
}

/** As-you-type: the last word is a prefix when it has two letters or more and the query does not end in a space or a quote. */
export function asYouType(q: string): string {
  const trimmed = q.replace(/\s+$/, '');
  if (trimmed !== q || /["“”*]$/.test(trimmed)) return trimmed;
  const quotes = (trimmed.match(/["“”]/g) ?? []).length;
  const last = trimmed.split(/\s+/).pop() ?? '';
  if (quotes % 2 === 0 && /^[\p{L}\p{N}]{2,}$/u.test(last) && last !== 'OR' && last !== 'NOT') return `${trimmed}*`;
  return trimmed;
}

function marked(s: Snippet): DocumentFragment {
  const frag = document.createDocumentFragment();
  const chars = Array.from(s.text);
  let at = 0;
  for (const [a, b] of s.highlights) {
    if (a < at) continue;
    frag.append(chars.slice(at, a).join(''));
    const m = document.createElement('mark');
    m.textContent = chars.slice(a, b).join('');
    frag.append(m);
    at = b;
  }
  frag.append(chars.slice(at).join(''));
  return frag;
}

export function initSearchBox() {
  const input = document.getElementById('top-search-q') as HTMLInputElement | null;
  const list = document.getElementById('top-search-results');
  if (!input || !list) return;
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let active = -1;

  const options = () => Array.from(list.querySelectorAll<HTMLAnchorElement>('[role="option"]'));
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (i: number) => {
    const all = options();
    all.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)));
    active = i;
    if (all[i]) input.setAttribute('aria-activedescendant', all[i].id);
  };
  const option = (href: string, n: number, title: string, snippet: Snippet, note: string) => {
    const a = document.createElement('a');
    a.href = href;
    a.id = `top-search-option-${n}`;
    a.setAttribute('role', 'option');
    a.setAttribute('aria-selected', 'false');
    a.className = 'top-search-option';
    const head = document.createElement('span');
    head.className = 'top-search-title';
    head.textContent = title;
    const body = document.createElement('span');
    body.className = 'top-search-snippet';
    body.append(marked(snippet));
    const small = document.createElement('span');
    small.className = 'small muted';
    small.textContent = note;
    a.append(head, body, small);
    return a;
  };
  const group = (label: string) => {
    const h = document.createElement('p');
    h.className = 'top-search-group';
    h.textContent = label;
    return h;
  };

  async function run() {
    const q = input!.value.trim();
    if (q.length < 2) return close();
    const mine = ++asked;
    const res = await api<SearchAnswer>('GET', `/search?${new URLSearchParams({ q: asYouType(input!.value), limit: '5' })}`);
    if (mine !== asked) return; // a later keystroke asked again
    list!.replaceChildren();
    if (!res.ok) {
      const p = document.createElement('p');
      p.className = 'top-search-message';
      p.textContent = res.problem.errors[0]?.field === 'q' ? `This search ${res.problem.errors[0].message}.` : res.problem.detail;
      list!.append(p);
    } else {
      let n = 0;
      const claims = res.data.claims?.items ?? [];
      const articles = res.data.articles?.items ?? [];
      if (claims.length) list!.append(group('Claims'), ...claims.map((h) => option(`/app/claims/${h.claim.id}`, n++, `“${h.claim.quote}”`, h.snippet, `${h.claim.status} · ${h.article.title}`)));
      if (articles.length) list!.append(group('Articles'), ...articles.map((h) => option(`/app/articles/${h.article.id}`, n++, h.article.title, h.snippet, h.article.publisher)));
      const all = document.createElement('a');
      all.href = `/app/search?${new URLSearchParams({ q })}`;
      all.className = 'top-search-all';
      all.textContent = n ? 'All results' : 'Nothing found. Open the search page';
      list!.append(all);
    }
    list!.hidden = false;
    input!.setAttribute('aria-expanded', 'true');
    active = -1;
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener('keydown', (e) => {
    const all = options();
    if (e.key === 'ArrowDown' && all.length) {
      e.preventDefault();
      choose((active + 1) % all.length);
    } else if (e.key === 'ArrowUp' && all.length) {
      e.preventDefault();
      choose(active <= 0 ? all.length - 1 : active - 1);
    } else if (e.key === 'Enter' && active >= 0 && all[active]) {
      e.preventDefault();
      location.href = all[active].href;
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement | null;
    const typing = !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
}
