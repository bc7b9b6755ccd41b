import type { Child } from 'hono/jsx';
import { Layout } from '../layout';

export interface ShareMeta {
  title: string;
  description: string;
  /** Absolute URL of the page (canonical link, og:url). */
  url: string;
  type?: 'article' | 'website';
}

/** The public pages' frame: shared styles, social and canonical meta, a small header and footer. */
export function PublicPage(props: { title: string; meta?: ShareMeta; head?: Child; children: Child; bodyClass?: string }) {
  const m = props.meta;
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
              <meta property="og:site_name" content="Factmark" />
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
        <a class="brand" href="/">Factmark</a>
        <nav aria-label="Site">
          <a href="/ratings">Rating scale</a>
        </nav>
      </header>
      {props.children}
      <footer class="site-foot">
        <p>
          Fact-checks by Factmark. <a href="/ratings">How we rate claims</a>.
        </p>
      </footer>
    </Layout>
  );
}
