import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

type Directives = Record<string, string[]>;

/**
 * The staff, admin and public pages' Content-Security-Policy, and the default for every response:
 * nothing inline, nothing from elsewhere; the pages open websockets to this host.
 */
export const CONSOLE_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'img-src': ["'self'", 'data:'],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/**
 * The demo page's policy: what a portal embedding the widget needs, and nothing more. The widget's
 * script comes from the chat host (`script-src`), it talks to `/ws` on that host (`connect-src`; CSP3
 * `'self'` covers ws/wss of the same host), its CSS is a constructable stylesheet in its shadow root
 * (not governed by `style-src`), and it never turns strings into HTML or code, which
 * `require-trusted-types-for 'script'` enforces in Chromium. `img-src data:` is only for the demo's
 * empty favicon.
 */
export const DEMO_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'connect-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'require-trusted-types-for': ["'script'"],
  'trusted-types': ["'none'"],
};

/** Route options that swap in the demo page's policy (see routes/widget.ts). */
export const demoPageHelmet = {
  contentSecurityPolicy: { useDefaults: false, directives: DEMO_CSP },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
};

/** Route options for a script any portal may load (`<script src>` from another origin). */
export const crossOriginScriptHelmet = {
  crossOriginResourcePolicy: { policy: 'cross-origin' as const },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
};

/**
 * Security headers on every response (helmet's defaults: nosniff, frame and opener policies, …)
 * with our own CSP instead of helmet's default one. HSTS is left to the TLS-terminating proxy, the
 * only part that knows whether the site is served over https.
 * @see {@link https://github.com/fastify/fastify-helmet}
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP },
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: false,
    });
  },
  { name: 'helmet' },
);
