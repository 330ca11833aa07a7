import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { buildWidgetBundle } from '../../src/http/static.js';

const BUDGET = 30 * 1024;

describe('widget bundle', () => {
  it('is at most 30 KB gzipped, built exactly as the server builds /widget.js', async () => {
    const { code, gzipped } = await buildWidgetBundle();
    console.log(`widget.js: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipped.length / 1024).toFixed(1)} KB gzipped (${gzipped.length} bytes; budget ${BUDGET})`);
    expect(gunzipSync(gzipped).equals(code)).toBe(true);
    expect(gzipped.length).toBeLessThanOrEqual(BUDGET);
  });

  it('is one self-contained IIFE with no eval, Function or HTML-string sinks', async () => {
    const text = (await buildWidgetBundle()).code.toString('utf8');
    expect(text).toMatch(/^("use strict";)?\(\(\)=>\{[\s\S]*\}\)\(\);\s*$/);
    expect(text).not.toMatch(/\b(import|require)\s*\(/);
    expect(text).not.toMatch(/\beval\s*\(|new Function\b|\bFunction\s*\(/);
    expect(text).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
    expect(text).not.toMatch(/setAttribute\(\s*["']style["']/);
  });
});
