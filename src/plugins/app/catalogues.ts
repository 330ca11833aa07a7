import fp from 'fastify-plugin';
import { loadCatalogues, type Catalogues } from '../../i18n/catalogue.js';

declare module 'fastify' {
  interface FastifyInstance {
    catalogues: Catalogues;
  }
}

/** `app.catalogues`: the language catalogues of LOCALES_DIR (i18n/catalogue.ts), read once at start. */
export default fp(
  async (app) => {
    app.decorate('catalogues', loadCatalogues(app.config.LOCALES_DIR));
  },
  { name: 'catalogues', dependencies: ['config'] },
);
