#!/usr/bin/env node
/**
 * Builds what `npm start` runs (`npm run build`; also on `npm install` and before `npm start`):
 * - the server's TypeScript (src/, scripts/) transpiled file by file to dist/ with esbuild (no type
 *   checking here: `npm run typecheck` does that), so a start does not pay for transpiling;
 * - the browser widget bundled into dist/public/widget.js, with .gz and .br siblings that the server
 *   sends to browsers that accept them.
 * `--if-stale` does nothing when dist/ is newer than every source file.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.built');
const SERVER_SOURCES = ['src', 'scripts'];
const WIDGET_DIR = path.join(ROOT, 'src', 'widget');

/** The options `/widget.js` is built with (test/widget/bundle-size.test.ts measures this bundle). */
export const WIDGET_BUILD = {
  entryPoints: [path.join(WIDGET_DIR, 'index.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2019',
  platform: 'browser',
  charset: 'utf8',
  legalComments: 'none',
  write: false,
  logLevel: 'silent',
};

/** Builds everything unless (with `ifStale`) dist/ is already newer than every source. */
export async function buildAll({ ifStale = false } = {}) {
  if (!existsSync(path.join(ROOT, 'src'))) return false; // a Docker layer that installs dependencies before copying the sources
  if (ifStale && isFresh()) return false;
  const { build } = await import('esbuild');
  rmSync(DIST, { recursive: true, force: true });
  const files = SERVER_SOURCES.flatMap((dir) => walk(path.join(ROOT, dir))).filter((f) => f.endsWith('.ts') && !f.startsWith(WIDGET_DIR + path.sep));
  await build({ entryPoints: files, outdir: DIST, outbase: ROOT, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  const widget = (await build(WIDGET_BUILD)).outputFiles[0].contents;
  const out = path.join(DIST, 'public');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'widget.js'), widget);
  writeFileSync(path.join(out, 'widget.js.gz'), gzipSync(widget, { level: 9 }));
  writeFileSync(path.join(out, 'widget.js.br'), brotliCompressSync(widget, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(STAMP, new Date().toISOString());
  return true;
}

function isFresh() {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return false;
  }
  const sources = [...SERVER_SOURCES.flatMap((dir) => walk(path.join(ROOT, dir))), path.join(ROOT, 'package.json')];
  return sources.every((f) => statSync(f).mtimeMs <= built);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const built = await buildAll({ ifStale: process.argv.includes('--if-stale') });
  if (built) console.error(`built dist/ in ${Math.round(performance.now() - started)} ms`);
}
