import { ConfigError, createLogger, guardProcess } from '@lbc/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { defaultAnchorFile, openHubDatabase } from './audit/open-hub-database.ts';
import { loadGatewayConfig, readGatewayEnv } from './config/gateway-config.ts';
import { startGateway } from './create-gateway.ts';

/** `tsx gateway/src/main.ts`: the gateway as a process, configured from the environment (see README, Configuration). */
const root = fileURLToPath(new URL('../../', import.meta.url));
let settings;
try {
  settings = readGatewayEnv(process.env);
} catch (error) {
  exitWith(error);
}
const log = createLogger('gateway', { level: settings.LOG_LEVEL });

guardProcess(log);

let withHub;
try {
  withHub = loadGatewayConfig(settings, {
    supergraphPath: `${root}schema/supergraph.graphql`,
    issuersFile: `${root}.data/keys/issuers.json`,
    signingKeyFile: `${root}.data/keys/gateway.private.jwk`,
    trustedDocumentsFile: `${root}.data/trusted-documents.json`,
    anchorFile: defaultAnchorFile(process.env, `${root}.data`),
  });
} catch (error) {
  exitWith(error);
}
const hub = await openHubDatabase(process.env, `${root}.data/hub`).catch((error: unknown) => {
  log.fatal({ err: error }, 'the hub database cannot be opened');
  process.exit(1);
});
let gateway;
try {
  const config = withHub(hub.db);
  if (hub.poolStats) config.hub.poolStats = () => hub.poolStats!();
  gateway = await startGateway(config, log);
  log.info(
    { mode: config.development ? 'development' : 'production', auditLog: hub.engine, trustedDocuments: config.trustedDocuments?.counts() ?? 'any operation (development)' },
    `gateway ready at ${gateway.url}`,
  );
} catch (error) {
  await hub.close().catch(() => undefined);
  exitWith(error);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(
    signal,
    () =>
      void gateway
        .stop()
        .then(() => hub.close())
        .then(() => process.exit(0)),
  );
}

/** A configuration the gateway cannot start with: say what to fix, without a stack trace, and exit non-zero. */
function exitWith(error: unknown): never {
  if (error instanceof ConfigError) process.stderr.write(`gateway: ${error.message}\n`);
  else process.stderr.write(`gateway: cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}
