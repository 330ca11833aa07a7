#!/usr/bin/env node
/**
 * Builds what `npm start` runs (`npm run build`; also on `npm install` and before `npm start`):
 * - the server bundled by esbuild into one file, dist/server.mjs (and the index worker's entry,
 *   dist/index-worker.mjs), with its dependencies except the two native modules, so a start reads one file instead of transpiling TypeScript or resolving a
 *   thousand modules (no type checking here: `npm run typecheck` does that);
 * - the browser bundles, each with .gz and .br siblings that the server sends to browsers that accept
 *   them: the widget (dist/public/widget.js) and the staff, admin and public statistics pages
 *   (dist/public/staff.js, admin.js, thong-ke.js from src/pages/<page>/index.ts).
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

/** Browser code: bundled for the browser, never part of the server. */
const BROWSER_DIRS = ['src/widget', 'src/pages'].map((d) => path.join(ROOT, d));
const isBrowserSource = (f) => BROWSER_DIRS.some((dir) => f.startsWith(dir + path.sep));
/** The pages' entry points (src/pages/<name>/index.ts → dist/public/<name>.js). */
export const PAGES = ['staff', 'admin', 'thong-ke'];

/** Bundled into the widget and the server (the default language); other catalogues are read at run time. */
const VI_CATALOGUE = path.join(ROOT, 'locales', 'vi.json');

const SERVER = {
  out: path.join(DIST, 'server.mjs'),
  sources: () => [...walk(path.join(ROOT, 'src')).filter((f) => !isBrowserSource(f)), VI_CATALOGUE, path.join(ROOT, 'package.json'), path.join(ROOT, 'package-lock.json')],
};
const BROWSER = {
  out: path.join(PUBLIC_OUT, '.built'),
  // The pages take the API's shapes from the server's types (type-only imports), so any source counts.
  sources: () => [...walk(path.join(ROOT, 'src')), VI_CATALOGUE],
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

/** The options each page's script is built with: like the widget's, one self-contained file. */
export const pageBuild = (name) => ({ ...WIDGET_BUILD, entryPoints: [path.join(ROOT, 'src/pages', name, 'index.ts')], logLevel: 'warning' });

/** Both parts; returns whether anything was built. */
export async function buildAll({ ifStale = false } = {}) {
  const server = await buildServer({ ifStale });
  const browser = await buildBrowser({ ifStale });
  return server || browser;
}

export async function buildServer({ ifStale = false } = {}) {
  if (!hasSources() || (ifStale && isFresh(SERVER))) return false;
  const { build } = await import('esbuild');
  await build({
    // The index worker's entry is a file of its own next to the server (worker-builder.ts starts dist/index-worker.js).
    entryPoints: { server: path.join(ROOT, 'src/server.ts'), 'index-worker': path.join(ROOT, 'src/retrieval/index-worker.ts') },
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
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

/** The widget and the pages. */
export async function buildBrowser({ ifStale = false } = {}) {
  if (!hasSources() || (ifStale && isFresh(BROWSER))) return false;
  const { build } = await import('esbuild');
  const bundles = [['widget.js', WIDGET_BUILD], ...PAGES.map((name) => [`${name}.js`, pageBuild(name)])];
  const built = await Promise.all(bundles.map(async ([file, options]) => [file, (await build(options)).outputFiles[0].contents]));
  rmSync(PUBLIC_OUT, { recursive: true, force: true });
  mkdirSync(PUBLIC_OUT, { recursive: true });
  for (const [file, code] of built) {
    writeFileSync(path.join(PUBLIC_OUT, file), code);
    writeFileSync(path.join(PUBLIC_OUT, `${file}.gz`), gzipSync(code, { level: 9 }));
    writeFileSync(path.join(PUBLIC_OUT, `${file}.br`), brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  writeFileSync(BROWSER.out, new Date().toISOString()); // last: its time stamp says the set is complete
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
