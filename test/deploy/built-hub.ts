import { subgraphUrlVariable } from '@lbc/gateway/config';
import { SERVICES } from '@lbc/scripts/services';
import { createDatabase, databaseUrlVariable, type Database } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHubKeyFiles, type HubKeyFiles } from '../harness/hub-key-files.ts';
import { runScript, spawnService, type SpawnedService } from '../harness/spawn-service.ts';

/** Built scripts run with plain Node: no loader, and nothing inherited that could add one. */
const PLAIN_NODE: readonly string[] = [];
/** As the images set it (deploy/Dockerfile), with logs on: the tests wait for "ready at" lines. */
const COMMON = { NODE_ENV: 'production', NODE_OPTIONS: '', LOG_LEVEL: 'info', APOLLO_TELEMETRY_DISABLED: '1' };

export interface BuiltHubOptions {
  /** PostgreSQL server URL (the owner's: creates databases and roles). */
  serverUrl: string;
  /** Unique prefix of every database and role this hub creates (and drops). */
  run: string;
  issuer: string;
  /** How many gateway processes share the hub database. */
  gateways: number;
  /** Operation files (repository paths) registered as trusted documents for `client`. */
  documents: string[];
  client: string;
  children: number;
  region: string;
}

/** The hub as deployed: every process started from the production build with plain `node`, each over its own PostgreSQL database, connected as a least-privilege role. */
export interface BuiltHub {
  build: string;
  keys: HubKeyFiles;
  gateways: SpawnedService[];
  subgraphs: Record<string, SpawnedService>;
  exchange: SpawnedService;
  /** Each gateway's audit anchor file. */
  anchorFiles: string[];
  /** The owner's connection to a database of this hub ('hub' or a service name). */
  ownerDb(name: string): Promise<Database<any>>;
  /** A database URL as the given role ('owner', or a runtime role of this hub). */
  databaseUrl(name: string, role: 'owner' | 'agency' | 'gateway' | 'exchange' | 'auditor'): string;
  /** Runs a built script to completion, as an operator would. */
  runBuilt(entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Builds the hub with `pnpm build` into a temporary folder outside the repository (so
 * nothing can fall back on the repository's node_modules or sources), then deploys it as
 * the runbook says: databases created, the migration job run as the owner granting each
 * service's runtime role, demo data seeded, trusted documents registered, and the five
 * services, `gateways` gateway replicas and the exchange started from the build, connected
 * as the runtime roles. Everything it creates is removed by `stop`.
 */
export async function startBuiltHub(options: BuiltHubOptions): Promise<BuiltHub> {
  const work = mkdtempSync(join(tmpdir(), 'lbc-deploy-'));
  const build = join(work, 'dist');
  const roles = { agency: `${options.run}_agency`, gateway: `${options.run}_gateway`, exchange: `${options.run}_exchange`, auditor: `${options.run}_auditor` };
  const databaseName = (name: string) => `${options.run}_${name.replace(/-/g, '_')}`;
  const databaseUrl = (name: string, role: 'owner' | keyof typeof roles) => {
    const url = new URL(options.serverUrl);
    url.pathname = `/${databaseName(name)}`;
    if (role !== 'owner') {
      url.username = roles[role];
      url.password = '';
    }
    return url.toString();
  };
  const processes: SpawnedService[] = [];
  const owned: Database<any>[] = [];
  const createdDatabases: string[] = [];
  const createdRoles: string[] = [];
  const admin = await createDatabase({ url: options.serverUrl, maxConnections: 1 });
  // Every step runs even when one before it failed: nothing this hub created may outlive it.
  const stop = async () => {
    const failures: unknown[] = [];
    const attempt = async (step: () => Promise<unknown>) => step().catch((error: unknown) => void failures.push(error));
    await Promise.all(processes.map((p) => attempt(() => p.stop(10_000))));
    await Promise.all(owned.map((d) => attempt(() => d.close())));
    for (const name of createdDatabases) await attempt(() => sql.raw(`drop database if exists "${name}" with (force)`).execute(admin.db));
    for (const role of createdRoles) await attempt(() => sql.raw(`drop role if exists "${role}"`).execute(admin.db));
    await attempt(() => admin.close());
    rmSync(work, { recursive: true, force: true });
    if (failures.length) throw new AggregateError(failures, `the deployed hub ${options.run} was not removed cleanly`);
  };
  const runBuilt = (entry: string, args: string[], env: NodeJS.ProcessEnv) => runScript(join(build, `${entry}.js`), args, { ...COMMON, ...env }, 120_000, PLAIN_NODE);
  try {
    await runScript('scripts/src/build/build.ts', ['--out', build, '--no-dashboard'], {});
    for (const name of [...SERVICES.map((s) => s.name), 'hub']) {
      await sql.raw(`create database "${databaseName(name)}"`).execute(admin.db);
      createdDatabases.push(databaseName(name));
    }
    for (const role of Object.values(roles)) {
      await sql.raw(`create role "${role}" login`).execute(admin.db);
      createdRoles.push(role);
    }
    const ownerUrls = Object.fromEntries(SERVICES.map((s) => [databaseUrlVariable(s.name), databaseUrl(s.name, 'owner')]));
    const documents = join(work, 'trusted-documents.json');
    const [keys] = await Promise.all([
      writeHubKeyFiles(work, options.run, options.issuer, ['civil_affairs', 'education', 'police', 'health', 'audit']),
      runBuilt('migrate', ['--grant', roles.agency, ...SERVICES.map((s) => s.name)], ownerUrls),
      runBuilt('migrate', ['--grant', roles.gateway, '--grant', roles.exchange, 'hub'], { HUB_DATABASE_URL: databaseUrl('hub', 'owner') }).then(() =>
        // The auditors' tools read the log as the reader role, as the runbook has the owner grant it.
        sql.raw(`grant lbc_audit_reader to "${roles.auditor}"`).execute(admin.db),
      ),
      runBuilt('documents-register', ['--client', options.client, '--manifest', documents, ...options.documents], {}),
    ]);
    // The data is loaded while the services start, as an agency's existing records would be there before the hub.
    const seeded = runScript('scripts/src/seed/main.ts', ['--children', String(options.children), '--scope', options.region], { ...COMMON, ...ownerUrls });
    // Awaited below; until then a failure must not count as unhandled.
    seeded.catch(() => undefined);
    const spawnBuilt = async (label: string, entry: string, args: string[], env: NodeJS.ProcessEnv, ready?: RegExp) => {
      const started = await spawnService(label, join(build, `${entry}.js`), args, { ...COMMON, ...env }, 90_000, ready, PLAIN_NODE);
      processes.push(started);
      return started;
    };
    const started = await Promise.all(
      SERVICES.map((s) =>
        spawnBuilt(s.name, 'subgraph', [s.name], { PORT: '0', HOST: '127.0.0.1', LBC_GATEWAY_JWKS_FILE: keys.gatewayJwksFile, [databaseUrlVariable(s.name)]: databaseUrl(s.name, 'agency') }),
      ),
    );
    const subgraphs = Object.fromEntries(SERVICES.map((s, i) => [s.name, started[i]!]));
    const urls = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [subgraphUrlVariable(name), s.url]));
    const hubEnv = { ...urls, LBC_GATEWAY_PRIVATE_KEY_FILE: keys.gatewayPrivateFile };
    const anchorFiles = Array.from({ length: options.gateways }, (_, i) => join(work, `audit-anchor-${i}.jsonl`));
    const [exchange, ...gateways] = await Promise.all([
      spawnBuilt('exchange', 'exchange', [], { ...hubEnv, HUB_DATABASE_URL: databaseUrl('hub', 'exchange'), LBC_EXCHANGE_INTERVAL_MS: '200' }, /exchange ready/),
      ...anchorFiles.map((anchor, i) =>
        spawnBuilt(`gateway-${i}`, 'gateway', [], {
          ...hubEnv,
          HUB_DATABASE_URL: databaseUrl('hub', 'gateway'),
          PORT: '0',
          HOST: '127.0.0.1',
          LBC_EXCHANGE: 'off',
          LBC_ISSUERS_FILE: keys.issuersFile,
          LBC_TRUSTED_DOCUMENTS_FILE: documents,
          LBC_AUDIT_ANCHOR_FILE: anchor,
          // Checkpoints every second: the replicas sign them while both append.
          LBC_AUDIT_CHECKPOINT_SECONDS: '1',
        }),
      ),
    ]);
    await seeded;

    return {
      build,
      keys,
      gateways,
      subgraphs,
      exchange: exchange!,
      anchorFiles,
      databaseUrl,
      runBuilt,
      ownerDb: async (name) => {
        const database = await createDatabase<any>({ url: databaseUrl(name, 'owner'), maxConnections: 1 });
        owned.push(database);
        return database;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
