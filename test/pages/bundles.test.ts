import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUNDLE_DIR } from '../../src/lib/paths.js';
// @ts-expect-error plain JavaScript build script, no type declarations
import { pageBuild } from '../../scripts/build.mjs';

// Built by `npm run build` (test/global-setup.ts runs it when a source changed): what /staff.js, /admin.js and /thong-ke.js send.
const bundle = (name: string, ext = '') => readFileSync(path.join(BUNDLE_DIR, `${name}.js${ext}`));

describe.each(['staff', 'admin', 'thong-ke'])('%s page bundle', (name) => {
  it('is one self-contained script with no eval, HTML-string sinks, inline styles or zod', () => {
    const text = bundle(name).toString('utf8');
    expect(text).toMatch(/^("use strict";)?\(\(\)=>\{[\s\S]*\}\)\(\);\s*$/);
    expect(text).not.toMatch(/\b(import|require)\s*\(/);
    expect(text).not.toMatch(/\beval\s*\(|new Function\b|\bFunction\s*\(/);
    expect(text).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
    expect(text).not.toMatch(/setAttribute\(\s*["']style["']|\.style\./);
    // types come from the server's modules and schemas, code does not
    expect(text).not.toMatch(/zod|ZodError|safeParse|better-sqlite3|node:/i);
    expect(gunzipSync(bundle(name, '.gz')).equals(bundle(name))).toBe(true);
  });
});

describe('page bundles', () => {
  it('take the markdown renderer and reconnect backoff from the widget, and no server module but the rates rule', async () => {
    const { build } = await import('esbuild');
    const inputs = async (name: string) => Object.keys((await build({ ...pageBuild(name), metafile: true })).metafile!.inputs);
    const staff = await inputs('staff');
    expect(staff).toEqual(expect.arrayContaining(['src/widget/markdown.ts', 'src/widget/reconnect.ts', 'src/pages/console/api.ts']));
    for (const name of ['staff', 'admin', 'thong-ke']) {
      // type-only imports of the server's types and schemas leave nothing of the server in a page, except
      // the one rule for honest rates, which the console applies to its totals too
      expect((await inputs(name)).filter((f) => !/^src\/(pages|widget)\//.test(f) && f !== 'src/reports/rates.ts'), name).toEqual([]);
    }
  });
});
