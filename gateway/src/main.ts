import { fileURLToPath } from 'node:url';
import { loadGatewayConfig } from './config/gateway-config.ts';
import { startGateway } from './create-gateway.ts';

/** `tsx gateway/src/main.ts`: the gateway as a process, configured from the environment (see README). */
const root = fileURLToPath(new URL('../../', import.meta.url));
const config = loadGatewayConfig(process.env, {
  supergraphPath: `${root}schema/supergraph.graphql`,
  issuersFile: `${root}.data/keys/issuers.json`,
  signingKeyFile: `${root}.data/keys/gateway.private.jwk`,
});
const gateway = await startGateway(config);
console.log(`gateway ready at ${gateway.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void gateway.stop().then(() => process.exit(0)));
}
