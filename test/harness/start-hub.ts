import { audit } from '@lbc/audit';
import { fromRow, type AuditEntry, type HubDB } from '@lbc/audit/store';
import { startGateway, type GatewayConfig, type RunningGateway } from '@lbc/gateway';
import { createInternalVerifier, type Principal } from '@lbc/schema';
import { newSigningKey } from '@lbc/scripts/keys/dev-keys';
import { mintToken } from '@lbc/scripts/keys/mint-token';
import { seedWorld } from '@lbc/scripts/seed/seed-world';
import { SERVICES, type Service } from '@lbc/scripts/services';
import { startSubgraph, type Database, type Logger, type RunningSubgraph } from '@lbc/subgraph-kit';
import { createTestDatabase } from '@lbc/subgraph-kit/testing';
import { createLocalJWKSet, type JWK } from 'jose';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
export const TEST_ISSUER = 'https://test-idp.lbc-hub.local';
export const AUDIENCE = 'lbc-hub';

export interface HubOptions {
  /** Synthetic children to seed (0: empty databases). */
  children?: number;
  /** Division prefixes the children live under; regions are loaded for these only. */
  scope?: string[];
  gateway?: Partial<GatewayConfig>;
  /** How often the gateway signs an audit checkpoint (default: a minute, i.e. not during a test). */
  checkpointIntervalMs?: number;
  /** The gateway's log (default: silent under test). */
  log?: Logger;
}

export interface Hub {
  /** Where GraphQL is served (POST). */
  gatewayUrl: string;
  /** The gateway's origin: /healthz, /readyz, /metrics. */
  gatewayOrigin: string;
  /** Each agency's service: its URL and database; `stop` takes it off the network, `restart` brings it back at the same address. */
  subgraphs: Record<Service['name'], { url: string; database: Database<any>; stop(): Promise<void>; restart(): Promise<void> }>;
  /** The hub database: the audit log the gateway writes. */
  hubDatabase: Database<HubDB>;
  /**
   * The one audit entry of a request, by the id the gateway answered with (`x-request-id`);
   * for a mutation its outcome entry, not the `attempted` one before it. Throws unless there is exactly one.
   */
  auditEntry(requestId: string): Promise<AuditEntry>;
  /** Every entry of a request, in chain order: a mutation's `attempted` entry, then its outcome. */
  auditEntries(requestId: string): Promise<AuditEntry[]>;
  /** The gateway's private key: tests use it to forge or replay subgraph tokens. */
  gatewayKey: JWK;
  /** Mints a caller token from the trusted test identity provider. */
  token(principal: Partial<Principal>, options?: { expiresIn?: string; audience?: string; issuerKey?: JWK; issuer?: string; client?: string }): Promise<string>;
  /** A key pair that is NOT trusted by the gateway, for negative tests. */
  untrustedKey: JWK;
  /** POSTs an operation to the gateway; purpose CASE_MANAGEMENT unless `headers` says otherwise (a null header is omitted). */
  query<T = any>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string | null>,
  ): Promise<{ status: number; body: { data?: T; errors?: any[]; extensions?: any }; headers: Headers }>;
  stop(): Promise<void>;
}

/**
 * The whole hub in one test process, the way it runs in production but on ephemeral
 * ports: four subgraphs over their own fresh databases (PGlite, or real PostgreSQL with
 * LBC_TEST_POSTGRES_URL), a gateway over the committed supergraph, real HTTP between them.
 */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const gatewayKeys = await newSigningKey('test-gateway');
  const idpKeys = await newSigningKey('test-idp');
  const untrusted = await newSigningKey('test-idp');
  const databases = await Promise.all(SERVICES.map((s) => createTestDatabase(s.definition)));
  const verifierFor = (name: string) => createInternalVerifier({ keys: [gatewayKeys.publicJwk] }, name);
  const hubDatabase = await createTestDatabase<HubDB>(audit);
  const started: RunningSubgraph[] = [];
  let gateway: RunningGateway | undefined;
  const stop = async () => {
    await gateway?.stop();
    await Promise.all(started.map((s) => s.stop()));
    await Promise.all(databases.map((d) => d.close()));
    // A test may have taken the audit store down already.
    await hubDatabase.close().catch(() => undefined);
  };
  try {
    if (options.children) {
      await seedWorld(
        SERVICES.map((service, i) => ({ service, db: databases[i]!.db })),
        { children: options.children, scope: options.scope ?? ['431003'], seed: 7, batchSize: 500 },
      );
    }
    for (const [i, service] of SERVICES.entries()) {
      started.push(await startSubgraph(service.definition, { db: databases[i]!.db, verify: verifierFor(service.name) }));
    }
    const config: GatewayConfig = {
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      subgraphUrls: Object.fromEntries(SERVICES.map((s, i) => [s.name, started[i]!.url])),
      audience: AUDIENCE,
      issuers: [
        {
          issuer: TEST_ISSUER,
          keys: createLocalJWKSet({ keys: [idpKeys.publicJwk] }),
          algorithms: ['ES256'],
          agencies: ['civil_affairs', 'education', 'police', 'health', 'justice', 'youth_league', 'womens_federation', 'audit'],
        },
      ],
      signingKey: gatewayKeys.privateJwk,
      subgraphTimeoutMs: 10_000,
      port: 0,
      host: '127.0.0.1',
      development: false,
      breakGlass: false,
      hub: { db: hubDatabase.db, checkpointIntervalMs: options.checkpointIntervalMs ?? 60_000 },
      ...options.gateway,
    };
    gateway = await startGateway(config, options.log);
  } catch (error) {
    await stop();
    throw error;
  }
  const gatewayUrl = gateway.url;
  return {
    gatewayUrl,
    gatewayOrigin: gateway.origin,
    gatewayKey: gatewayKeys.privateJwk,
    hubDatabase,
    auditEntry: async (requestId) => {
      const rows = await hubDatabase.db.selectFrom('audit_entry').selectAll().where('request_id', '=', requestId).where('outcome', '<>', 'attempted').execute();
      if (rows.length !== 1) throw new Error(`expected one audit entry for request ${requestId}, found ${rows.length}`);
      return fromRow(rows[0]!);
    },
    auditEntries: async (requestId) => {
      const rows = await hubDatabase.db.selectFrom('audit_entry').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
      return rows.map(fromRow);
    },
    untrustedKey: untrusted.privateJwk,
    subgraphs: Object.fromEntries(
      SERVICES.map((s, i) => [
        s.name,
        {
          url: started[i]!.url,
          database: databases[i]!,
          stop: () => started[i]!.stop(),
          restart: async () => {
            started[i] = await startSubgraph(s.definition, { db: databases[i]!.db, verify: verifierFor(s.name), port: Number(new URL(started[i]!.url).port) });
          },
        },
      ]),
    ) as Hub['subgraphs'],
    token: (principal, tokenOptions = {}) =>
      mintToken(tokenOptions.issuerKey ?? idpKeys.privateJwk, {
        subject: principal.subject ?? 'e2e-user',
        issuer: tokenOptions.issuer ?? TEST_ISSUER,
        audience: tokenOptions.audience ?? AUDIENCE,
        agency: principal.agency ?? 'civil_affairs',
        level: principal.level ?? 'county',
        region: principal.region ?? '431003',
        roles: principal.roles ?? ['officer'],
        ...(principal.org ? { org: principal.org } : {}),
        ...(tokenOptions.expiresIn ? { expiresIn: tokenOptions.expiresIn } : {}),
        ...(tokenOptions.client ? { client: tokenOptions.client } : {}),
      }),
    query: async (token, query, variables = {}, headers = {}) => {
      const all: Record<string, string | null> = { 'content-type': 'application/json', 'x-lbc-purpose': 'CASE_MANAGEMENT', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers };
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null)),
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as any, headers: response.headers };
    },
    stop,
  };
}
