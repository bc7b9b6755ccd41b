/**
 * The W3C Web Annotation test suite's JSON Schema assertions (test/fixtures/web-annotation-schemas,
 * draft-04; see its README), run the way the WPT harness runs them: every assertion file that a
 * `*.test` list names, applied to one whole document. MUST assertions are conformance; SHOULD and
 * MAY ones are reported. Node only: ajv compiles with `new Function`, which workerd forbids.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';

export const SCHEMAS = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/web-annotation-schemas');
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const BASE = 'https://web-annotation-tests.invalid/';

/** The seven lists of the suite, by what they test. */
export const LISTS = {
  annotation: ['annotations/annotationMusts.test', 'annotations/annotationOptionals.test', 'annotations/annotationsAgentOptionals.test'],
  collection: ['collections/collectionMusts.test', 'collections/collectionOptionals.test'],
  page: ['collections/pages/pageMusts.test', 'collections/pages/pageOptionals.test'],
} as const;

export type Level = 'must' | 'should' | 'may';

export interface Outcome {
  list: string;
  assertion: string;
  level: Level;
  passed: boolean;
  title: string;
  /** The assertion's own message and ajv's first errors, when it failed. */
  message?: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

interface Assertion {
  validate: ValidateFunction;
  level: Level;
  title: string;
  message: string;
}

/**
 * Compiles every assertion of the suite once. Assertions are compiled under ids made from
 * their paths (upstream ids repeat), beside the definitions, so their relative `$ref`s
 * ("id.json#/…") resolve.
 */
export function loadSuite() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  for (const file of readdirSync(join(SCHEMAS, 'definitions'))) {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, 'definitions', file), 'utf8'));
    ajv.addSchema({ ...schema, id: BASE + file });
  }
  const assertions = new Map<string, Assertion>();
  for (const path of walk(SCHEMAS).filter((p) => /\/(annotations|collections)\/.*\.json$/.test(p))) {
    const rel = relative(SCHEMAS, path);
    const schema = JSON.parse(readFileSync(path, 'utf8'));
    assertions.set(rel, {
      validate: ajv.compile({ ...schema, id: BASE + rel.replace(/\//g, '__') }),
      level: (schema.assertionType ?? 'must') as Level,
      title: String(schema.title ?? rel).replace(/\s*-\s*\[model[^\]]*\]\([^)]*\)\s*$/, ''),
      message: schema.errorMessage ?? rel,
    });
  }

  /** Every assertion of `list` applied to `doc`. An assertion file the list names but the folder lacks fails as a MUST. */
  function run(list: string, doc: unknown): Outcome[] {
    const names: string[] = JSON.parse(readFileSync(join(SCHEMAS, list), 'utf8')).assertions;
    return names.map((name) => {
      const a = assertions.get(name);
      if (!a) return { list, assertion: name, level: 'must', passed: false, title: name, message: 'assertion file missing' };
      const passed = a.validate(doc) as boolean;
      return { list, assertion: name, level: a.level, passed, title: a.title, ...(passed ? {} : { message: `${a.message} ${JSON.stringify(a.validate.errors?.slice(0, 2))}` }) };
    });
  }

  /** The names of the lists' assertion files, for counting what was run. */
  const namesOf = (list: string): string[] => JSON.parse(readFileSync(join(SCHEMAS, list), 'utf8')).assertions;

  return { run, namesOf };
}

/** The MUST assertions that failed, as lines for an assertion message. */
export const mustFailures = (outcomes: Outcome[]) => outcomes.filter((o) => o.level === 'must' && !o.passed).map((o) => `${o.assertion}: ${o.message}`);

/** An embedded page gives partOf by IRI; the suite's page schemas want an object (README, problem 1). */
export const partOfAsObject = (page: any) => (typeof page.partOf === 'string' ? { ...page, partOf: { id: page.partOf } } : page);
