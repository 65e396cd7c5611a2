import { subgraphUrlVariable } from '@lbc/gateway/config';
import { databaseUrlVariable } from '@lbc/subgraph-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '../services.ts';

/** What a container of the deployment runs, told by its image (the Dockerfile target). */
export type Role = 'gateway' | 'subgraph' | 'exchange' | 'dashboard' | 'tools';

export const ROLES: readonly Role[] = ['gateway', 'subgraph', 'exchange', 'dashboard', 'tools'];

/** The role of an image `lbc-hub/<target>[:tag]`, or null for another image (PostgreSQL, the load balancer). */
export function roleOfImage(image: string): Role | null {
  const match = /^(?:.*\/)?lbc-hub\/([a-z-]+)(?::.*)?$/.exec(image);
  return match && (ROLES as readonly string[]).includes(match[1]!) ? (match[1] as Role) : null;
}

/**
 * The paths each role serves without a token, for probes. The gateway's are its routes
 * (gateway/src/http/gateway-routes.ts), a subgraph's the kit's (subgraphs/kit/src/http/readiness.ts);
 * the dashboard serves its page. The process test asks the built services these same paths.
 */
export const PROBE_PATHS: Record<Role, readonly string[]> = {
  gateway: ['/healthz', '/readyz', '/metrics'],
  subgraph: ['/healthz', '/readyz'],
  dashboard: ['/'],
  exchange: [],
  tools: [],
};

/** The variable that names a database of the migration job: a service's, or the hub's. */
export function databaseVariable(name: string): string {
  return name === 'hub' ? 'HUB_DATABASE_URL' : databaseUrlVariable(SERVICES.find((s) => s.name === name)!.name);
}

/**
 * The variables a container of `role` must be given. Without them the production build
 * would fall back on a development default (an embedded database or a key under the
 * build's own folder, a subgraph on 127.0.0.1), which a container does not have: it would
 * refuse to start, or worse, start on the wrong thing. `service` is the subgraph a
 * subgraph container serves, `databases` what a migration job migrates.
 */
export function requiredVariables(role: Role, detail: { service?: string; databases?: readonly string[] } = {}): string[] {
  const subgraphUrls = SERVICES.map((s) => subgraphUrlVariable(s.name));
  switch (role) {
    case 'gateway':
      return ['HOST', 'PORT', 'HUB_DATABASE_URL', 'LBC_ISSUERS_FILE', 'LBC_GATEWAY_PRIVATE_KEY_FILE', 'LBC_TRUSTED_DOCUMENTS_FILE', 'LBC_AUDIT_ANCHOR_FILE', 'LBC_EXCHANGE', ...subgraphUrls];
    case 'subgraph':
      return ['HOST', 'PORT', 'LBC_GATEWAY_JWKS_FILE', ...(detail.service ? [databaseVariable(detail.service)] : [])];
    case 'exchange':
      return ['HUB_DATABASE_URL', 'LBC_GATEWAY_PRIVATE_KEY_FILE', ...subgraphUrls];
    case 'dashboard':
      return ['HOST', 'LBC_DASHBOARD_PORT', 'LBC_GATEWAY_URL'];
    case 'tools':
      return (detail.databases ?? []).map(databaseVariable);
  }
}

/** Variables that carry a password: a manifest takes them from a Secret, never writes them in. */
export function carriesSecret(variable: string): boolean {
  return variable.endsWith('_DATABASE_URL');
}

/**
 * Every variable the README's Configuration table documents (the services read no other
 * LBC_* variable): a manifest setting one it does not list has a typo, or documents a
 * setting nobody reads. Per-subgraph families (LBC_SUBGRAPH_URL_*) are checked by name elsewhere.
 */
export function documentedVariables(root: string): Set<string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration'), readme.indexOf('\n## ', readme.indexOf('\n## Configuration') + 1));
  const names = new Set<string>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    for (const match of row.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)(?:=[^`]*)?`/g)) names.add(match[1]!);
  }
  return names;
}
