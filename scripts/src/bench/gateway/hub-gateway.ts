import { subgraphUrlVariable } from '@lbc/gateway/config';
import { join } from 'node:path';
import { DEV_KEY_FILES } from '../../keys/dev-keys.ts';
import { registerDocuments } from '../../documents/register-documents.ts';
import type { BenchProcess, BenchProcesses } from './bench-processes.ts';
import { SUPERGRAPH_FILE } from './bench-supergraph.ts';
import { BENCH_CLIENT } from './bench-token.ts';
import { graphqlUrl, type BenchPorts } from './ports.ts';
import type { BenchWorld } from './world.ts';
import { readFileSync } from 'node:fs';

/**
 * Starts the hub's gateway through its main entry (gateway/src/main.ts, the production
 * process), configured only by its documented environment, as `pnpm start` configures it:
 * its subgraphs' URLs, the hub database (fresh: the audit log of this run), the gateway's
 * signing key. It runs in production mode: only the bench's operations, registered as
 * trusted documents of the bench's client system in `stateDir`. The exchange is off (it
 * would poll the agencies in the background and bill its CPU to the hub), and the rate
 * limits and the subgraph timeout are raised out of the way: the bench sends thousands of
 * requests a minute from one client, many at once.
 */
export async function startHubGateway(processes: BenchProcesses, ports: BenchPorts, world: BenchWorld, documentFiles: readonly string[], stateDir: string): Promise<BenchProcess> {
  const trustedDocuments = join(stateDir, 'trusted-documents.json');
  registerDocuments({ manifest: trustedDocuments, client: BENCH_CLIENT, files: [...documentFiles], supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8') });
  const subgraphUrls = Object.fromEntries(Object.entries(ports.subgraphs).map(([name, port]) => [subgraphUrlVariable(name), graphqlUrl(port)]));
  return processes.start('hub gateway', 'gateway/src/main.ts', [], {
    ...world.env,
    ...subgraphUrls,
    PORT: String(ports.hub),
    HOST: '127.0.0.1',
    LBC_DEVELOPMENT: '0',
    LBC_TRUSTED_DOCUMENTS_FILE: trustedDocuments,
    LBC_SUPERGRAPH_FILE: SUPERGRAPH_FILE,
    LBC_ISSUERS_FILE: DEV_KEY_FILES.issuers,
    LBC_GATEWAY_PRIVATE_KEY_FILE: DEV_KEY_FILES.gatewayPrivate,
    LBC_AUDIT_ANCHOR_FILE: join(stateDir, 'audit-anchor.jsonl'),
    LBC_EXCHANGE: 'off',
    LBC_RATE_LIMIT_PER_MINUTE: '1000000',
    LBC_RATE_LIMIT_BURST: '100000',
    // With 50 requests in flight on two cores a subgraph's answer can take longer than the
    // hub's 10 s default; the other gateways wait indefinitely, so the hub waits too.
    LBC_SUBGRAPH_TIMEOUT_MS: '120000',
  });
}
