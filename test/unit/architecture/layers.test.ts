import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../../scripts/check-layers';

const tree = mkdtempSync(join(tmpdir(), 'factmark-layers-'));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

function write(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
}

describe('the dependency check (scripts/check-layers.ts, run by npm run check)', () => {
  it('passes on the project as it is', () => {
    expect(check('.')).toEqual([]);
  });

  it('fails on an import against the direction, naming the file, the line and the rule', () => {
    write({
      'src/domain/policy.ts': "export const x = 1;\n",
      'src/routes/claims.ts': "import { x } from '../domain/policy';\nexport const routes = [x];\n",
      'src/services/workflow.ts': "import { x } from '../domain/policy';\nimport { routes } from '../routes/claims';\nexport const y = [x, routes];\n",
      'src/domain/ids.ts': "import type { Db } from '../db';\nexport type Id = Db;\n",
      'src/db.ts': 'export type Db = string;\n',
      'web/client/queue.ts': "import { y } from '../../src/services/workflow';\nexport default y;\n",
      'web/views/app/queue.tsx': "import type { y } from '../../../src/services/workflow';\nimport { routes } from '../../../src/routes/claims';\nexport const v = routes;\n",
    });
    expect(check(tree)).toEqual([
      'src/domain/ids.ts:1: domain may not import data (src/db.ts), not even a type; domain may import nothing of ours',
      'src/services/workflow.ts:2: services may not import http (src/routes/claims.ts); services may import domain, extract, lib, data',
      'web/client/queue.ts:1: client may not import services (src/services/workflow.ts); client may import domain',
      'web/views/app/queue.tsx:2: views may not import http (src/routes/claims.ts); views may import domain',
    ]);
  });
});
