import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CommonJS (main) and ESM (module) builds without an exports map. Node
// loads the CommonJS one for everybody; Vite would give our sources the ESM one while
// Apollo's CommonJS code requires the other, and graphql refuses objects from "another
// realm". Resolve it the way Node does, so tests run what production runs.
const graphqlEntry = createRequire(new URL('./schema/package.json', import.meta.url)).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ['schema/test/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'test/**/*.test.ts', 'dashboard/test/**/*.test.ts'],
    // PGlite boots a WASM Postgres per database, and e2e files start five HTTP services.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: more workers than that only thrash.
    maxWorkers: 2,
    // A page that re-renders after a request on a loaded machine can take seconds: poll
    // for up to 30 s (vitest's default is 1 s), failing only what never comes.
    expect: { poll: { timeout: 30_000 } },
    env: { APOLLO_TELEMETRY_DISABLED: '1', NODE_ENV: 'test' },
  },
});
