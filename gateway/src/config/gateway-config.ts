import type { HubDB } from '@lbc/audit/store';
import { ConfigError, env, parseEnv, type PoolStats } from '@lbc/subgraph-kit';
import type { JWK } from 'jose';
import type { Kysely } from 'kysely';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { OperationLimits } from '../limits/operation-limits.ts';
import { DEFAULT_RATE_LIMIT } from '../stages/rate-limit.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../stages/read-body.ts';
import { TrustedDocuments } from '../limits/trusted-documents.ts';
import { configFileReader } from './config-files.ts';
import { readPublishedKeys, readSigningKey } from './signing-key.ts';
import { subgraphUrlOverrides, subgraphUrlShape } from './subgraph-urls.ts';
import { loadIssuersFile, type TrustedIssuer } from './trusted-issuers.ts';
import { readWebhookSubscriptions } from './webhooks-file.ts';
import type { WebhookSubscription } from '../handoffs/webhook-subscriptions.ts';

/** Everything the gateway needs, already loaded: tests build this in memory, `main.ts` from the environment. */
export interface GatewayConfig {
  supergraphSdl: string;
  /** Subgraph name → URL, overriding the URLs composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  audience: string;
  issuers: TrustedIssuer[];
  /** The gateway's private signing key (JWK with `d`) for the tokens it sends subgraphs. */
  signingKey: JWK;
  subgraphTimeoutMs: number;
  port: number;
  host: string;
  /** Introspection, the local GraphiQL, schema hints in errors and any operation text: only when LBC_DEVELOPMENT=1 (off unless asked for). */
  development: boolean;
  /**
   * Break-glass access (police, EMERGENCY, written justification). Off unless
   * LBC_BREAK_GLASS=1: a hub that does not need it should not offer it.
   */
  breakGlass: boolean;
  /** The hub database: the audit log is written there, and the audit subgraph reads it. */
  hub: {
    db: Kysely<HubDB>;
    /** How often the chain head is signed into a checkpoint (LBC_AUDIT_CHECKPOINT_SECONDS, default 60). */
    checkpointIntervalMs: number;
    /** A file outside the database where the latest checkpoint is also kept (LBC_AUDIT_ANCHOR_FILE). */
    anchorFile?: string;
    /** The gateway's published public keys (LBC_GATEWAY_JWKS_FILE): seals and checkpoints of a replaced key still verify. */
    publishedKeys?: JWK[];
    /** The hub database's connection pool, for metrics (PostgreSQL only). */
    poolStats?: () => PoolStats;
  };
  /** Largest request body read (LBC_MAX_BODY_BYTES, default 64 KiB). */
  maxBodyBytes?: number;
  /** Requests per minute per client system, and the burst allowed (LBC_RATE_LIMIT_PER_MINUTE / _BURST). */
  rateLimit?: { perMinute: number; burst: number };
  /** Bounds on one operation (tokens, depth, fields after fragment expansion, aliases, directives). */
  limits?: OperationLimits;
  /**
   * The operations each client system may run. Required in production (loaded from
   * LBC_TRUSTED_DOCUMENTS_FILE); null runs any operation text (development, and tests of
   * other behaviour).
   */
  trustedDocuments?: TrustedDocuments | null;
  /**
   * Run the exchange inside this process (LBC_EXCHANGE=in-process; the default in
   * development). Off (null) in production, where `pnpm exchange` runs it as its own process.
   */
  exchange?: ExchangeSettings | null;
}

/** How the exchange runs, in the gateway or in its own process; its round also runs the hand-offs' clock and webhooks. */
export interface ExchangeSettings {
  intervalMs: number;
  batchSize: number;
  /** Agency systems that receive hand-off notices (LBC_WEBHOOKS_FILE); none when absent. */
  webhooks?: readonly WebhookSubscription[];
  /** The hub's clock for hand-off deadlines and webhook retries (tests move it on). */
  clock?: () => Date;
  /** The first webhook retry's wait (doubling each time); tests shorten it. */
  webhookRetryBaseMs?: number;
  /** The data-quality check's schedule and thresholds; the defaults when absent. */
  quality?: QualitySettings;
}

import { QUALITY_ENV, qualitySettings } from './quality-config.ts';
import type { QualitySettings } from '../quality/quality-sweep.ts';

export { subgraphUrlVariable } from './subgraph-urls.ts';

/** The gateway's environment, every variable checked (see README, Configuration). */
const GATEWAY_ENV = {
  PORT: env.port(4000),
  HOST: env.host('127.0.0.1'),
  LBC_DEVELOPMENT: env.flag(false),
  LBC_BREAK_GLASS: env.flag(false),
  LBC_SUBGRAPH_TIMEOUT_MS: env.positiveInt('milliseconds', 10_000),
  LBC_AUDIT_CHECKPOINT_SECONDS: env.positiveInt('seconds', 60),
  LBC_MAX_BODY_BYTES: env.positiveInt('bytes', DEFAULT_MAX_BODY_BYTES),
  LBC_RATE_LIMIT_PER_MINUTE: env.positiveInt('requests per minute', DEFAULT_RATE_LIMIT.perMinute),
  LBC_RATE_LIMIT_BURST: env.positiveInt('requests', DEFAULT_RATE_LIMIT.burst),
  LBC_SUPERGRAPH_FILE: z.string().min(1).optional(),
  LBC_ISSUERS_FILE: z.string().min(1).optional(),
  LBC_GATEWAY_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  LBC_GATEWAY_JWKS_FILE: z.string().min(1).optional(),
  LBC_TRUSTED_DOCUMENTS_FILE: z.string().min(1).optional(),
  LBC_AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  HUB_DATABASE_URL: env.postgresUrl().optional(),
  LBC_EXCHANGE: z.enum(['in-process', 'off'], { error: 'must be in-process or off' }).optional(),
  LBC_EXCHANGE_INTERVAL_MS: env.positiveInt('milliseconds', 500),
  LBC_EXCHANGE_BATCH: env.positiveInt('events', 500),
  LBC_WEBHOOKS_FILE: z.string().min(1).optional(),
  ...QUALITY_ENV,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
};

export type GatewayEnv = ReturnType<typeof readGatewayEnv>;

/**
 * The environment, validated: throws a ConfigError naming every variable at fault
 * (`PORT=abc`, `LBC_DEVELOPMENT=maybe`, a subgraph URL `not-a-url` …), so the process can
 * say what to fix and exit before opening anything.
 */
export function readGatewayEnv(environment: NodeJS.ProcessEnv) {
  return parseEnv({ ...GATEWAY_ENV, ...subgraphUrlShape(environment) }, environment);
}

/**
 * The configuration from a validated environment and the files it names; throws a
 * ConfigError naming every variable whose file is missing or malformed. Returns it
 * waiting for the hub database, which the caller opens once everything else is known to
 * be right (it is a connection, not a setting).
 */
export function loadGatewayConfig(
  settings: GatewayEnv,
  defaults: { supergraphPath: string; issuersFile: string; signingKeyFile: string; trustedDocumentsFile: string; anchorFile: string },
): (hubDb: Kysely<HubDB>) => GatewayConfig {
  const problems: string[] = [];
  const fromFile = configFileReader(problems);
  const supergraphSdl = fromFile('LBC_SUPERGRAPH_FILE', settings.LBC_SUPERGRAPH_FILE ?? defaults.supergraphPath, (p) => readFileSync(p, 'utf8'));
  const issuers = fromFile('LBC_ISSUERS_FILE', settings.LBC_ISSUERS_FILE ?? defaults.issuersFile, loadIssuersFile);
  const signingKey = fromFile('LBC_GATEWAY_PRIVATE_KEY_FILE', settings.LBC_GATEWAY_PRIVATE_KEY_FILE ?? defaults.signingKeyFile, readSigningKey);
  const publishedKeys = settings.LBC_GATEWAY_JWKS_FILE ? fromFile('LBC_GATEWAY_JWKS_FILE', settings.LBC_GATEWAY_JWKS_FILE, readPublishedKeys) : undefined;
  // Production runs registered operations only: without a manifest it would refuse everything, so it does not start.
  const documentsFile = settings.LBC_TRUSTED_DOCUMENTS_FILE ?? defaults.trustedDocumentsFile;
  let trustedDocuments: TrustedDocuments | null = null;
  if (!settings.LBC_DEVELOPMENT) {
    if (!existsSync(documentsFile))
      problems.push(`LBC_TRUSTED_DOCUMENTS_FILE: ${documentsFile} does not exist; production answers registered operations only (pnpm documents:register), or set LBC_DEVELOPMENT=1`);
    else trustedDocuments = fromFile('LBC_TRUSTED_DOCUMENTS_FILE', documentsFile, (p) => TrustedDocuments.load(p)) ?? null;
  }
  const subgraphUrls = supergraphSdl ? subgraphUrlOverrides(settings, supergraphSdl, problems) : {};
  const webhooks = settings.LBC_WEBHOOKS_FILE ? fromFile('LBC_WEBHOOKS_FILE', settings.LBC_WEBHOOKS_FILE, readWebhookSubscriptions) : [];
  if (problems.length) throw new ConfigError(problems);
  return (hubDb) => ({
    supergraphSdl: supergraphSdl!,
    subgraphUrls,
    audience: issuers!.audience,
    issuers: issuers!.issuers,
    signingKey: signingKey!,
    subgraphTimeoutMs: settings.LBC_SUBGRAPH_TIMEOUT_MS,
    port: settings.PORT,
    host: settings.HOST,
    development: settings.LBC_DEVELOPMENT,
    breakGlass: settings.LBC_BREAK_GLASS,
    hub: {
      db: hubDb,
      checkpointIntervalMs: settings.LBC_AUDIT_CHECKPOINT_SECONDS * 1000,
      anchorFile: settings.LBC_AUDIT_ANCHOR_FILE ?? defaults.anchorFile,
      ...(publishedKeys ? { publishedKeys } : {}),
    },
    maxBodyBytes: settings.LBC_MAX_BODY_BYTES,
    rateLimit: { perMinute: settings.LBC_RATE_LIMIT_PER_MINUTE, burst: settings.LBC_RATE_LIMIT_BURST },
    trustedDocuments,
    exchange:
      (settings.LBC_EXCHANGE ?? (settings.LBC_DEVELOPMENT ? 'in-process' : 'off')) === 'in-process'
        ? { intervalMs: settings.LBC_EXCHANGE_INTERVAL_MS, batchSize: settings.LBC_EXCHANGE_BATCH, webhooks: webhooks ?? [], quality: qualitySettings(settings) }
        : null,
  });
}
