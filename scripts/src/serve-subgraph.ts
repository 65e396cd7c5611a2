/**
 * tsx scripts/src/serve-subgraph.ts <name>: one agency subgraph as its own process, over
 * its own database. PORT overrides the default port; LBC_GATEWAY_JWKS_FILE names the
 * gateway's public keys (default: the development keys under .data/keys).
 */
import { createInternalVerifier } from '@lbc/schema';
import { startSubgraph } from '@lbc/subgraph-kit';
import { readFileSync } from 'node:fs';
import { DEV_KEY_FILES } from './keys/dev-keys.ts';
import { openServiceDatabase } from './open-service-database.ts';
import { serviceNamed } from './services.ts';

const service = serviceNamed(process.argv[2] ?? '');
const jwks = JSON.parse(readFileSync(process.env.LBC_GATEWAY_JWKS_FILE ?? DEV_KEY_FILES.gatewayJwks, 'utf8'));
const database = await openServiceDatabase(service);
const running = await startSubgraph(service.definition, {
  db: database.db,
  verify: createInternalVerifier(jwks, service.name),
  port: Number(process.env.PORT ?? service.port),
  host: process.env.HOST ?? '127.0.0.1',
});
console.log(`${service.name} ready at ${running.url} (${database.engine})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await running.stop();
    await database.close();
    process.exit(0);
  });
}
