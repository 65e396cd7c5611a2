import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['schema/test/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'test/**/*.test.ts'],
    // PGlite boots a WASM Postgres per database, and e2e files start five HTTP services.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers than that only thrash.
    maxWorkers: 2,
    env: { APOLLO_TELEMETRY_DISABLED: '1', NODE_ENV: 'test' },
  },
});
