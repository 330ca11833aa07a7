import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUNDLE_DIR } from '../../src/lib/paths.js';

const BUDGET = 30 * 1024;
// Built by `npm run build` (test/global-setup.ts runs it when a source changed): exactly what /widget.js sends.
const bundle = (ext = '') => readFileSync(path.join(BUNDLE_DIR, `widget.js${ext}`));

describe('widget bundle', () => {
  it('is at most 30 KB gzipped; its .gz and .br siblings hold the same code', () => {
    const code = bundle();
    const gzipped = bundle('.gz');
    console.log(`widget.js: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipped.length / 1024).toFixed(1)} KB gzipped (${gzipped.length} bytes; budget ${BUDGET}), ${(bundle('.br').length / 1024).toFixed(1)} KB brotli`);
    expect(gunzipSync(gzipped).equals(code)).toBe(true);
    expect(brotliDecompressSync(bundle('.br')).equals(code)).toBe(true);
    expect(gzipped.length).toBeLessThanOrEqual(BUDGET);
  });

  it('is one self-contained IIFE with no eval, Function or HTML-string sinks', () => {
    const text = bundle().toString('utf8');
    expect(text).toMatch(/^("use strict";)?\(\(\)=>\{[\s\S]*\}\)\(\);\s*$/);
    expect(text).not.toMatch(/\b(import|require)\s*\(/);
    expect(text).not.toMatch(/\beval\s*\(|new Function\b|\bFunction\s*\(/);
    expect(text).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
    expect(text).not.toMatch(/setAttribute\(\s*["']style["']/);
    // it shares the protocol's types with the server (src/chat/protocol.ts), not its zod schemas
    expect(text).not.toMatch(/zod|ZodError|safeParse/i);
  });
});
