#!/usr/bin/env node
/**
 * Builds what `npm start` runs (`npm run build`; also on `npm install` and before `npm start`):
 * - the server bundled by esbuild into one file, dist/server.mjs, with its dependencies except the two
 *   native modules, so a start reads one file instead of transpiling TypeScript or resolving a
 *   thousand modules (no type checking here: `npm run typecheck` does that);
 * - the browser widget into dist/public/widget.js, with .gz and .br siblings that the server sends to
 *   browsers that accept them.
 * `--if-stale` skips each part that is newer than every source it is built from.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const PUBLIC_OUT = path.join(DIST, 'public');
/** Loaded from node_modules at run time: compiled addons, found next to their packages. */
const NATIVE = ['better-sqlite3', 'hnswlib-node'];

const SERVER = {
  out: path.join(DIST, 'server.mjs'),
  sources: () => [...walk(path.join(ROOT, 'src')).filter((f) => !f.startsWith(path.join(ROOT, 'src/widget'))), path.join(ROOT, 'package.json'), path.join(ROOT, 'package-lock.json')],
};
const WIDGET = {
  out: path.join(PUBLIC_OUT, 'widget.js'),
  // the widget imports the protocol's types from src/chat
  sources: () => [...walk(path.join(ROOT, 'src/widget')), ...walk(path.join(ROOT, 'src/chat'))],
};

/** The options `/widget.js` is built with (test/widget/bundle-size.test.ts measures this bundle). */
export const WIDGET_BUILD = {
  entryPoints: [path.join(ROOT, 'src/widget/index.ts')],
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

/** Both parts; returns whether anything was built. */
export async function buildAll({ ifStale = false } = {}) {
  const server = await buildServer({ ifStale });
  const widget = await buildWidget({ ifStale });
  return server || widget;
}

export async function buildServer({ ifStale = false } = {}) {
  if (!hasSources() || (ifStale && isFresh(SERVER))) return false;
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(ROOT, 'src/server.ts')],
    outfile: SERVER.out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: NATIVE,
    sourcemap: 'linked', // readable stack traces with `node --enable-source-maps dist/server.mjs`
    // CommonJS dependencies call require(); an ES module bundle has to provide it.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return true;
}

export async function buildWidget({ ifStale = false } = {}) {
  if (!hasSources() || (ifStale && isFresh(WIDGET))) return false;
  const { build } = await import('esbuild');
  const widget = (await build(WIDGET_BUILD)).outputFiles[0].contents;
  rmSync(PUBLIC_OUT, { recursive: true, force: true });
  mkdirSync(PUBLIC_OUT, { recursive: true });
  writeFileSync(path.join(PUBLIC_OUT, 'widget.js.gz'), gzipSync(widget, { level: 9 }));
  writeFileSync(path.join(PUBLIC_OUT, 'widget.js.br'), brotliCompressSync(widget, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(WIDGET.out, widget); // last: its time stamp says the set is complete
  return true;
}

/** False in a Docker layer that installs dependencies before the sources are copied. */
function hasSources() {
  return existsSync(path.join(ROOT, 'src'));
}

function isFresh(part) {
  let built;
  try {
    built = statSync(part.out).mtimeMs;
  } catch {
    return false;
  }
  return part.sources().every((f) => !existsSync(f) || statSync(f).mtimeMs <= built);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const built = await buildAll({ ifStale: process.argv.includes('--if-stale') });
  if (built) console.error(`built dist/ in ${Math.round(performance.now() - started)} ms`);
}
