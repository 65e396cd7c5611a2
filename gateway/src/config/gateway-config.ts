import type { HubDB } from '@lbc/audit/store';
import type { JWK } from 'jose';
import type { Kysely } from 'kysely';
import { readFileSync } from 'node:fs';
import { loadIssuersFile, type TrustedIssuer } from './trusted-issuers.ts';

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
  /** Sandbox, introspection and schema hints in errors: only when LBC_DEVELOPMENT=1 (off unless asked for). */
  development: boolean;
  /**
   * Break-glass access (police, EMERGENCY, written justification). Off unless
   * LBC_BREAK_GLASS=1: until every access is audited, a break-glass read could not be
   * reviewed by anyone, so the hub does not offer it by default.
   */
  breakGlass: boolean;
  /** The hub database: the audit log is written there, and the audit subgraph reads it. */
  hub: {
    db: Kysely<HubDB>;
    /** How often the chain head is signed into a checkpoint (LBC_AUDIT_CHECKPOINT_SECONDS, default 60). */
    checkpointIntervalMs: number;
  };
}

/** Environment variable overriding one subgraph's URL, e.g. LBC_SUBGRAPH_URL_CIVIL_AFFAIRS. */
export function subgraphUrlVariable(name: string): string {
  return `LBC_SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * Reads the configuration from the environment and the files it names; throws with the
 * variable at fault. The hub database is opened by the caller (it is a connection, not a setting).
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv, defaults: { supergraphPath: string; issuersFile: string; signingKeyFile: string }, hubDb: Kysely<HubDB>): GatewayConfig {
  const supergraphSdl = readFileSync(env.LBC_SUPERGRAPH_FILE ?? defaults.supergraphPath, 'utf8');
  const subgraphUrls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)) {
    const override = env[subgraphUrlVariable(match[1]!)];
    if (override) subgraphUrls[match[1]!] = override;
  }
  const { audience, issuers } = loadIssuersFile(env.LBC_ISSUERS_FILE ?? defaults.issuersFile);
  const signingKey = JSON.parse(readFileSync(env.LBC_GATEWAY_PRIVATE_KEY_FILE ?? defaults.signingKeyFile, 'utf8')) as JWK;
  const port = Number(env.PORT ?? 4000);
  const subgraphTimeoutMs = Number(env.LBC_SUBGRAPH_TIMEOUT_MS ?? 10_000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a port number');
  if (!(subgraphTimeoutMs > 0)) throw new Error('LBC_SUBGRAPH_TIMEOUT_MS must be a positive number of milliseconds');
  const checkpointSeconds = Number(env.LBC_AUDIT_CHECKPOINT_SECONDS ?? 60);
  if (!(checkpointSeconds >= 1)) throw new Error('LBC_AUDIT_CHECKPOINT_SECONDS must be a number of seconds, at least 1');
  return {
    supergraphSdl,
    subgraphUrls,
    audience,
    issuers,
    signingKey,
    subgraphTimeoutMs,
    port,
    host: env.HOST ?? '127.0.0.1',
    // Secure unless told otherwise: a deployment that forgets a variable must not expose the schema.
    development: env.LBC_DEVELOPMENT === '1',
    breakGlass: env.LBC_BREAK_GLASS === '1',
    hub: { db: hubDb, checkpointIntervalMs: checkpointSeconds * 1000 },
  };
}
