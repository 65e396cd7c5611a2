import { ConfigError, env, parseEnv } from '@lbc/subgraph-kit';
import type { JWK } from 'jose';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { configFileReader } from './config-files.ts';
import { readPublishedKeys, readSigningKey } from './signing-key.ts';
import { readWebhookSubscriptions } from './webhooks-file.ts';
import type { WebhookSubscription } from '../handoffs/webhook-subscriptions.ts';
import { QUALITY_ENV, qualitySettings } from './quality-config.ts';
import type { QualitySettings } from '../quality/quality-sweep.ts';
import { composedSubgraphUrls, subgraphUrlOverrides, subgraphUrlShape } from './subgraph-urls.ts';

/** The exchange process's environment, every variable checked (see README, Configuration). */
const EXCHANGE_ENV = {
  HUB_DATABASE_URL: env.postgresUrl(),
  LBC_SUPERGRAPH_FILE: z.string().min(1).optional(),
  LBC_GATEWAY_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  LBC_GATEWAY_JWKS_FILE: z.string().min(1).optional(),
  LBC_SUBGRAPH_TIMEOUT_MS: env.positiveInt('milliseconds', 10_000),
  LBC_EXCHANGE_INTERVAL_MS: env.positiveInt('milliseconds', 500),
  LBC_EXCHANGE_BATCH: env.positiveInt('events', 500),
  LBC_EXCHANGE_LEASE_MS: env.positiveInt('milliseconds', 15_000),
  LBC_WEBHOOKS_FILE: z.string().min(1).optional(),
  ...QUALITY_ENV,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
};

/** What `pnpm exchange` runs with. */
export interface ExchangeProcessConfig {
  hubDatabaseUrl: string;
  /** The gateway's key: it signs the exchange's tokens to the subgraphs, and seals its audit entries. */
  signingKey: JWK;
  /** The gateway's published public keys (LBC_GATEWAY_JWKS_FILE): the audit log verifies a replaced key's seals with them. */
  publishedKeys?: JWK[];
  subgraphUrls: Record<string, string>;
  timeoutMs: number;
  intervalMs: number;
  batchSize: number;
  /** How long a silent exchange keeps the lease before another may take over. */
  leaseMs: number;
  /** Agency systems that receive hand-off notices (LBC_WEBHOOKS_FILE). */
  webhooks: WebhookSubscription[];
  /** The data-quality check's schedule and thresholds (LBC_QUALITY_*). */
  quality: QualitySettings;
  logLevel: string;
}

/**
 * The exchange process's configuration from the environment: the hub database (PostgreSQL:
 * the exchange shares it with the gateways), the gateway's key, and where the agencies are
 * (the supergraph's URLs unless LBC_SUBGRAPH_URL_* says otherwise). Throws a ConfigError
 * naming every variable at fault.
 */
export function loadExchangeConfig(environment: NodeJS.ProcessEnv, defaults: { supergraphPath: string; signingKeyFile: string }): ExchangeProcessConfig {
  const settings = parseEnv({ ...EXCHANGE_ENV, ...subgraphUrlShape(environment) }, environment);
  const problems: string[] = [];
  const read = configFileReader(problems);
  const supergraphSdl = read('LBC_SUPERGRAPH_FILE', settings.LBC_SUPERGRAPH_FILE ?? defaults.supergraphPath, (p) => readFileSync(p, 'utf8'));
  const signingKey = read('LBC_GATEWAY_PRIVATE_KEY_FILE', settings.LBC_GATEWAY_PRIVATE_KEY_FILE ?? defaults.signingKeyFile, readSigningKey);
  const publishedKeys = settings.LBC_GATEWAY_JWKS_FILE ? read('LBC_GATEWAY_JWKS_FILE', settings.LBC_GATEWAY_JWKS_FILE, readPublishedKeys) : undefined;
  const overrides = supergraphSdl ? subgraphUrlOverrides(settings, supergraphSdl, problems) : {};
  const webhooks = settings.LBC_WEBHOOKS_FILE ? read('LBC_WEBHOOKS_FILE', settings.LBC_WEBHOOKS_FILE, readWebhookSubscriptions) : [];
  if (problems.length) throw new ConfigError(problems);
  return {
    hubDatabaseUrl: settings.HUB_DATABASE_URL,
    signingKey: signingKey!,
    ...(publishedKeys ? { publishedKeys } : {}),
    subgraphUrls: { ...composedSubgraphUrls(supergraphSdl!), ...overrides },
    timeoutMs: settings.LBC_SUBGRAPH_TIMEOUT_MS,
    intervalMs: settings.LBC_EXCHANGE_INTERVAL_MS,
    batchSize: settings.LBC_EXCHANGE_BATCH,
    leaseMs: settings.LBC_EXCHANGE_LEASE_MS,
    webhooks: webhooks ?? [],
    quality: qualitySettings(settings),
    logLevel: settings.LOG_LEVEL,
  };
}
