/** One process or tool of the production build: `node dist/<name>.js`. */
export interface EntryPoint {
  name: string;
  /** Its source, relative to the repository root. */
  source: string;
  /** What an operator runs it for. */
  purpose: string;
}

/** Every entry of the production build: the services, then the tools a deployment needs. */
export const ENTRY_POINTS: readonly EntryPoint[] = [
  { name: 'gateway', source: 'gateway/src/main.ts', purpose: 'the gateway (several replicas behind a load balancer)' },
  { name: 'exchange', source: 'gateway/src/exchange-main.ts', purpose: 'the exchange (one delivers, others wait on its lease)' },
  { name: 'subgraph', source: 'scripts/src/serve-subgraph.ts', purpose: 'one agency subgraph or the hand-offs: node dist/subgraph.js <name>' },
  { name: 'dashboard', source: 'dashboard/server/main.ts', purpose: 'the dashboard server (static files and the /graphql proxy)' },
  { name: 'migrate', source: 'scripts/src/build/migrate-main.ts', purpose: 'migrates databases and grants runtime roles (a job before each rollout)' },
  { name: 'gateway-key', source: 'scripts/src/build/gateway-key-main.ts', purpose: "creates the gateway's signing key and adds its public half to a JWKS" },
  { name: 'documents-register', source: 'scripts/src/documents/register.ts', purpose: "registers a client system's trusted documents" },
  { name: 'audit-verify', source: 'scripts/src/audit/verify.ts', purpose: 'verifies the audit chain, in the hub database or an exported copy' },
  { name: 'audit-export', source: 'scripts/src/audit/export.ts', purpose: 'exports the audit log for a backup or an external auditor' },
  { name: 'rollups-check', source: 'scripts/src/rollups/check.ts', purpose: "checks (and with --rebuild repairs) an agency's region counts" },
];
