import type { Child } from 'hono/jsx';
import { Layout } from '../layout';
import { ratingFor } from '../../../src/domain/ratings';
import { STATUS_LABELS, labelOf } from '../../../src/domain/labels';
import { can, displayStatus, type ClaimAction, type PermissionName } from '../../../src/domain/policy';
import type { Role } from '../../../src/domain/vocabulary';

/** Who is signed in, as the pages need it. */
export interface Viewer {
  id: string;
  name: string;
  role: Role;
  /** Their unread notifications and the newest id (the top bar's count; its script polls for changes). */
  inbox?: { unread: number; latest: number };
  /** A message for this page from the form just posted (pages without scripts). */
  flash?: { kind: 'done' | 'error'; text: string } | null;
}

/** Whether the viewer has a permission of the policy (the sections and forms they see). */
export const viewerCan = (v: Viewer, permission: PermissionName) => can(v.role, permission);

/**
 * The frame of every signed-in page: skip link, top bar with the sections this role may
 * use, who is signed in (with the role shown), and sign-out.
 */
export function AppPage(props: { title: string; viewer: Viewer; current: 'work' | 'articles' | 'queue' | 'admin' | 'notifications' | 'dashboard' | 'none'; script?: string; children: Child; wide?: boolean; data?: Record<string, string> }) {
  const unread = props.viewer.inbox?.unread ?? 0;
  const link = (href: string, name: typeof props.current, label: string) => (
    <a href={href} aria-current={props.current === name ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <Layout title={`${props.title} · Factmark`} styles={['/app/assets/app.css', '/app/ratings.css']} scripts={props.script ? [`/app/assets/${props.script}.js`] : []}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="/app/work">
          Factmark
        </a>
        <nav aria-label="Sections">
          {viewerCan(props.viewer, 'work.read') ? link('/app/work', 'work', 'My work') : null}
          {link('/app/articles', 'articles', 'Articles')}
          {viewerCan(props.viewer, 'queue.read') ? link('/app/queue', 'queue', 'Editors’ queue') : null}
          {viewerCan(props.viewer, 'dashboard.read') ? link('/app/dashboard', 'dashboard', 'Dashboard') : null}
          {viewerCan(props.viewer, 'user.update') ? link('/app/admin', 'admin', 'Admin') : null}
        </nav>
        <form class="top-search" role="search" method="get" action="/app/search">
          <label for="top-search-q" class="visually-hidden">
            Search claims and articles
          </label>
          <input id="top-search-q" name="q" type="search" autocomplete="off" maxlength={200} placeholder="Search  /" aria-keyshortcuts="/" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="top-search-results" />
          <div id="top-search-results" class="top-search-results" role="listbox" aria-label="Search results" hidden></div>
        </form>
        <div class="who">
          {viewerCan(props.viewer, 'notification.read') ? (
            <a href="/app/notifications" id="inbox-link" class="inbox-link" aria-current={props.current === 'notifications' ? 'page' : undefined} aria-label={`Notifications, ${unread} unread`}>
              <span aria-hidden="true">Notifications</span>{' '}
              <span id="unread-count" class="unread-count" data-latest={String(props.viewer.inbox?.latest ?? 0)} hidden={unread === 0} aria-hidden="true">
                {String(unread)}
              </span>
            </a>
          ) : null}
          <span id="unread-live" class="visually-hidden" role="status" aria-live="polite"></span>
          <span class="who-name">{props.viewer.name}</span>
          <span class={`role role-${props.viewer.role}`} title="Your role">
            {props.viewer.role}
          </span>
          <button type="button" class="btn-link" id="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <main id="main" class={props.wide ? 'main wide' : 'main'} tabindex={-1}>
        {props.viewer.flash ? (
          <p class={`flash ${props.viewer.flash.kind === 'error' ? 'form-error' : 'notice'}`} role={props.viewer.flash.kind === 'error' ? 'alert' : 'status'}>
            {props.viewer.flash.text}
          </p>
        ) : null}
        {props.children}
      </main>
      <div id="toast" class="toast" role="status" aria-live="polite"></div>
    </Layout>
  );
}

const DECISIONS = {
  publish: { class: 'btn primary', label: 'Publish' },
  return: { class: 'btn', label: 'Return with note' },
  dismiss: { class: 'btn ghost danger', label: 'Dismiss' },
  unpublish: { class: 'btn danger', label: 'Unpublish' },
} as const;

/**
 * An editor's decision buttons (claim page and queue): those of `offer` that the policy
 * allows, in the order offered. Publishing needs a proposed verdict.
 */
export function DecisionButtons(props: { allowed: readonly ClaimAction[]; offer: (keyof typeof DECISIONS)[]; hasVerdict: boolean }) {
  return (
    <div class="actions">
      {props.offer
        .filter((a) => props.allowed.includes(a))
        .map((a) => (
          // Submit buttons, so a page without scripts posts the decision (`_do`); the page scripts intercept them.
          <button type="submit" class={DECISIONS[a].class} data-decide={a} name="_do" value={a} formnovalidate disabled={a === 'publish' ? !props.hasVerdict : undefined}>
            {DECISIONS[a].label}
          </button>
        ))}
    </div>
  );
}

/** A labelled form field with a slot for the API's error about it. */
export function Field(props: { id: string; name: string; label: string; hint?: string; children: Child; class?: string }) {
  return (
    <div class={`field${props.class ? ` ${props.class}` : ''}`} data-field={props.name}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <p class="field-error" id={`${props.id}-error`} hidden></p>
    </div>
  );
}

/** The form-level message (problems that name no field, conflicts). */
export function FormError() {
  return <div class="form-error" role="alert" hidden></div>;
}

export function StatusBadge(props: { status: string; suggested?: boolean; returned?: boolean }) {
  const key = displayStatus({ status: props.status, suggested: props.suggested ?? false, returned: props.returned ?? false });
  return <span class={`badge st-${key}`}>{labelOf(STATUS_LABELS, key)}</span>;
}

export function RatingBadge(props: { rating: string | null | undefined }) {
  if (!props.rating) return null;
  return <span class={`badge rating r-${props.rating}`}>{ratingFor(props.rating).label}</span>;
}

/** "2026-11-28T07:06:45.123Z" → "28 Nov 2026, 07:06 UTC" (stable on the server, no locale). */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export function Time(props: { at: string | null | undefined }) {
  return props.at ? <time datetime={props.at}>{when(props.at)}</time> : null;
}

/** A claim whose words the article's new text changed or removed (docs/import.md), with what it reads now. */
export function TextChangedBadge(props: { change: { before: string; after: string | null } | null | undefined }) {
  const c = props.change;
  if (!c) return null;
  const title = c.after === null ? `The article no longer has “${c.before}”` : `The article now reads “${c.after}” (was “${c.before}”)`;
  return (
    <span class="badge text-changed" title={title}>
      {c.after === null ? 'gone from the page' : 'text changed'}
      <span class="visually-hidden">: {title}</span>
    </span>
  );
}
