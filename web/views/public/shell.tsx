import type { Child } from 'hono/jsx';
import { contactHref } from '../../../src/domain/urls';
import { Layout } from '../layout';

export interface ShareMeta {
  title: string;
  description: string;
  /** Absolute URL of the page (canonical link, og:url). */
  url: string;
  type?: 'article' | 'website';
}

/** The newsroom whose fact-checks these are (Admin → Settings). */
export interface PublicOrg {
  name: string;
  url: string | null;
  logoUrl: string | null;
  correctionsContact: string | null;
}

/** The public pages' frame: shared styles, social and canonical meta, the newsroom's header and footer. */
export function PublicPage(props: { title: string; org: PublicOrg; meta?: ShareMeta; head?: Child; children: Child; bodyClass?: string }) {
  const m = props.meta;
  const org = props.org;
  const contact = contactHref(org.correctionsContact);
  const brand = (
    <>
      {org.logoUrl ? <img class="brand-logo" src={org.logoUrl} alt="" height={28} /> : null}
      {org.name}
    </>
  );
  return (
    <Layout
      title={props.title}
      styles={['/app/assets/public.css', '/ratings.css']}
      bodyClass={`public ${props.bodyClass ?? ''}`.trim()}
      head={
        <>
          {m ? (
            <>
              <meta name="description" content={m.description} />
              <link rel="canonical" href={m.url} />
              <meta property="og:site_name" content={org.name} />
              <meta property="og:type" content={m.type ?? 'article'} />
              <meta property="og:title" content={m.title} />
              <meta property="og:description" content={m.description} />
              <meta property="og:url" content={m.url} />
              <meta name="twitter:card" content="summary" />
              <meta name="twitter:title" content={m.title} />
              <meta name="twitter:description" content={m.description} />
            </>
          ) : null}
          {props.head}
        </>
      }
    >
      <header class="site-bar">
        {org.url ? (
          <a class="brand" href={org.url} rel="noopener">
            {brand}
          </a>
        ) : (
          <a class="brand" href="/">
            {brand}
          </a>
        )}
        <nav aria-label="Site">
          <a href="/checks">Fact-checks</a> <a href="/ratings">Rating scale</a>
        </nav>
      </header>
      {props.children}
      <footer class="site-foot">
        <p>
          Fact-checks by {org.url ? <a href={org.url} rel="noopener">{org.name}</a> : org.name}. <a href="/ratings">How we rate claims</a>.
          {contact ? (
            <>
              {' '}
              Spotted a mistake? <a href={contact}>Ask for a correction</a>.
            </>
          ) : null}
        </p>
      </footer>
    </Layout>
  );
}
