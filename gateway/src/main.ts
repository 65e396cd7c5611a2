import { fileURLToPath } from 'node:url';
import { openHubDatabase } from './audit/open-hub-database.ts';
import { loadGatewayConfig } from './config/gateway-config.ts';
import { startGateway } from './create-gateway.ts';

/** `tsx gateway/src/main.ts`: the gateway as a process, configured from the environment (see README). */
const root = fileURLToPath(new URL('../../', import.meta.url));
const hub = await openHubDatabase(process.env, `${root}.data/hub`);
const config = loadGatewayConfig(
  process.env,
  {
    supergraphPath: `${root}schema/supergraph.graphql`,
    issuersFile: `${root}.data/keys/issuers.json`,
    signingKeyFile: `${root}.data/keys/gateway.private.jwk`,
  },
  hub.db,
);
const gateway = await startGateway(config);
console.log(`gateway ready at ${gateway.url} (audit log: ${hub.engine})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () =>
    void gateway
      .stop()
      .then(() => hub.close())
      .then(() => process.exit(0)),
  );
}
