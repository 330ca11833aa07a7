import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';

/**
 * Cookie parsing, for the staff session cookie.
 * @see {@link https://github.com/fastify/fastify-cookie}
 */
export default fp(
  async (app) => {
    await app.register(cookie);
  },
  { name: 'cookie' },
);
