import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CSP } from '../../src/plugins/external/helmet.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/** A Content-Security-Policy header as directive → sources. */
function directives(header: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('static routes', () => {
  let server: TestApp;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await server.app.inject({ url, headers });
    return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
  };
  beforeAll(async () => {
    server = await buildTestApp();
  });
  afterAll(() => server?.close());

  it('serves /widget.js pre-compressed (brotli, else gzip) to clients that accept it, plain to others, with caching headers', async () => {
    const br = await get('/widget.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=300');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['access-control-allow-origin']).toBe('*');
    expect(br.headers['cross-origin-resource-policy']).toBe('cross-origin'); // portals load it from another origin

    const gz = await get('/widget.js', { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThanOrEqual(30 * 1024);

    const plain = await get('/widget.js');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(plain.body.toString('utf8')).toContain('Gặp cán bộ hỗ trợ');

    const refused = await get('/widget.js', { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();

    const etag = String(plain.headers['etag']);
    expect(etag).toMatch(/^(W\/)?"[\w-]+"$/);
    const again = await get('/widget.js', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('serves the demo page with the strict CSP, and its stylesheet', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(directives(csp)).toEqual(DEMO_CSP);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const html = page.body.toString('utf8');
    expect(html).toContain('<script src="/widget.js"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/\sstyle=/); // no inline style attribute
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // no external resources

    const css = await get('/demo.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('serves the pages only through their routes, with the console CSP; page scripts as files', async () => {
    const staffPage = await get('/thong-ke');
    expect(staffPage.status).toBe(200);
    expect(staffPage.headers['cache-control']).toBe('no-store');
    expect(directives(String(staffPage.headers['content-security-policy']))['connect-src']).toEqual(["'self'", 'ws:', 'wss:']);
    for (const file of ['/thong-ke.html', '/index.html', '/staff.html', '/feature-off.html']) expect((await get(file)).status, file).toBe(404);
    const script = await get('/thong-ke.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('no-cache');
    expect((await get('/../package.json')).status).toBeGreaterThanOrEqual(400);
    expect((await get('/khong-co.js')).status).toBe(404);
  });
});
