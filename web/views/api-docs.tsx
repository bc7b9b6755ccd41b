import { Layout } from './layout';

export type DocsPageInput = { info: { title: string; description: string }; paths: Record<string, Record<string, { summary: string; description: string; tags: string[]; requestBody?: { content: Record<string, { schema: unknown }> } }>> };

/** The OpenAPI document rendered as a plain, searchable page. */
export function ApiDocsPage({ doc }: { doc: DocsPageInput }) {
  const rows = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <Layout title="Factmark API">
      <main class="docs">
        <h1>{doc.info.title}</h1>
        <p>{doc.info.description}</p>
        <p>
          Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
        </p>
        {rows.map(({ path, method, op }) => (
          <section class="op" id={`${method}-${path}`}>
            <h2>
              <code class={`method ${method}`}>{method.toUpperCase()}</code> <code>/api/v1{path}</code>
            </h2>
            <p>{op.summary}. {op.description}</p>
            {op.requestBody ? (
              <details>
                <summary>Request body (JSON Schema)</summary>
                <pre>{JSON.stringify(op.requestBody.content['application/json'].schema, null, 2)}</pre>
              </details>
            ) : null}
          </section>
        ))}
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
