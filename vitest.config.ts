import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share each worker's loaded modules (Fastify, LangChain, the shared knowledge base)
    // instead of importing them again per file: a third of the CPU time. Tests keep no state in
    // modules; fake timers are restored after each test.
    isolate: false,
  },
});
