import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder (the one with package.json), whether running from src/ with tsx or from dist/. */
export const APP_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** Hand-written files served as they are: the demo page and the staff, admin and public pages (HTML, CSS). */
export const PUBLIC_DIR = path.join(APP_ROOT, 'public');

/** Built browser bundles with their .gz and .br siblings (`npm run build`, see scripts/build.mjs). */
export const BUNDLE_DIR = path.join(APP_ROOT, 'dist', 'public');

function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) throw new Error(`package.json not found above ${dir}`);
  }
}
