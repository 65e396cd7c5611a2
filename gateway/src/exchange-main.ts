import { AuditLog, publicKeysOf } from '@lbc/audit/store';
import { createInternalSigner } from '@lbc/schema';
import { ConfigError, createLogger, guardProcess } from '@lbc/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { openHubDatabase } from './audit/open-hub-database.ts';
import { loadExchangeConfig, type ExchangeProcessConfig } from './config/exchange-config.ts';
import { Exchange } from './exchange/exchange.ts';
import { ExchangeClient } from './exchange/exchange-client.ts';
import { handoffTasks } from './handoffs/handoff-tasks.ts';
import { qualityTasks } from './quality/quality-tasks.ts';

/**
 * `pnpm exchange`: the exchange as its own process, for production (the gateway runs it
 * in-process in development). Any number may run: one holds the lease and delivers, the
 * others wait to take over.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
let config: ExchangeProcessConfig;
try {
  config = loadExchangeConfig(process.env, { supergraphPath: `${root}schema/supergraph.graphql`, signingKeyFile: `${root}.data/keys/gateway.private.jwk` });
} catch (error) {
  process.stderr.write(`exchange: ${error instanceof ConfigError ? error.message : `cannot start: ${(error as Error).message}`}\n`);
  process.exit(1);
}
const log = createLogger('exchange', { level: config.logLevel });
guardProcess(log);

const hub = await openHubDatabase({ HUB_DATABASE_URL: config.hubDatabaseUrl }, `${root}.data/hub`).catch((error: unknown) => {
  log.fatal({ err: error }, 'the hub database cannot be opened');
  process.exit(1);
});
// The same chain as the gateways': entries are appended under the chain's advisory lock and sealed with the same key.
const auditLog = new AuditLog(hub.db, { signingKey: config.signingKey, keys: publicKeysOf(config.signingKey, config.publishedKeys), logger: log.child({ component: 'audit-log' }) });
await auditLog.open().catch((error: unknown) => log.error({ err: error }, 'the audit log failed verification: no delivery will be made'));
const client = new ExchangeClient(await createInternalSigner(config.signingKey), config.subgraphUrls, config.timeoutMs);
const exchange = new Exchange({
  db: hub.db,
  client,
  audit: auditLog,
  log,
  intervalMs: config.intervalMs,
  batchSize: config.batchSize,
  leaseMs: config.leaseMs,
  tasks: [...handoffTasks({ db: hub.db, client, audit: auditLog, log, webhooks: config.webhooks }), ...qualityTasks({ db: hub.db, client, audit: auditLog, log, settings: config.quality })],
});
exchange.start();
log.info({ subgraphs: Object.keys(config.subgraphUrls), webhooks: config.webhooks.map((w) => w.id) }, 'exchange ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void exchange
      .stop()
      .then(() => hub.close())
      .then(() => process.exit(0));
  });
}
