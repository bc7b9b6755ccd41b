import { Layout } from './layout';

/**
 * The API reference: a shell the browser fills in from /api/v1/openapi.json
 * (web/client/api-docs.ts, a static asset: the renderer costs the Worker nothing).
 */
export function ApiDocsPage() {
  return (
    <Layout title="Factmark API" scripts={['/app/assets/api-docs.js']}>
      <main class="docs">
        <h1>Factmark API</h1>
        <p>
          Every operation of the JSON API under <code>/api/v1</code>: who may call it, its parameters, its request body, its responses and an example, from the OpenAPI 3.1
          document <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (generated from the same zod schemas that validate requests). Errors are explained under{' '}
          <a href="/api/v1/problems">problem types</a>.
        </p>
        <div id="api-reference" data-spec="/api/v1/openapi.json" aria-busy="true" aria-live="polite">
          <p>Loading the reference…</p>
          <noscript>
            <p>
              This page renders the document with a script; without one, read <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
            </p>
          </noscript>
        </div>
      </main>
    </Layout>
  );
}

/** The catalogue of problem types: what each `type` of an error body means. */
export function ProblemTypesPage({ types }: { types: Record<string, string> }) {
  return (
    <Layout title="Factmark API: problem types">
      <main class="docs">
        <h1>Problem types</h1>
        <p>
          Errors are <code>application/problem+json</code> (RFC 9457). Their <code>type</code> points here; <code>errors</code> names
          each invalid field. See also the <a href="/api/v1/docs">API reference</a>.
        </p>
        <dl>
          {Object.entries(types).map(([code, meaning]) => (
            <>
              <dt id={code}>
                <code>{code}</code>
              </dt>
              <dd>{meaning}</dd>
            </>
          ))}
        </dl>
      </main>
    </Layout>
  );
}
