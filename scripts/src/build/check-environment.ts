import { SERVICES } from '../services.ts';
import { carriesSecret, databaseVariable, requiredVariables, type Role } from './service-requirements.ts';

/** One container of the deployment, as the checks see it, whichever file declares it. */
export interface Container {
  /** Where it is declared, for messages: `compose gateway-1`, `k8s/gateway.yaml StatefulSet gateway`. */
  where: string;
  role: Role;
  /** Its environment; a variable taken from a secret has a sample value. */
  env: Record<string, string>;
  /** The variables whose value comes from a secret (a Secret, or deploy/.env), not from the file. */
  fromSecret: ReadonlySet<string>;
  /** The arguments after the image's entrypoint: a subgraph's service name, a tool's script and options. */
  command: readonly string[];
  /** Paths mounted read-only into it: secret and config files, or folders of them. */
  mounted: readonly string[];
  /** Folders it may write that outlive the container (volumes). */
  writable: readonly string[];
}

/** The databases a `migrate.js` command names (its arguments that are not options). */
export function migratedDatabases(command: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = 1; i < command.length; i++) {
    if (command[i]!.startsWith('--')) i++;
    else names.push(command[i]!);
  }
  return names;
}

/**
 * What every container must hold, in compose and in Kubernetes alike: the variables its
 * role needs; an address beyond loopback; the database of its own service and no other's;
 * a password from a secret, never written into the file; every file a *_FILE variable names
 * mounted (the audit anchor on a writable volume); development switches off; no LBC_*
 * variable the README does not document. Returns one line per problem.
 */
export function checkEnvironment(containers: readonly Container[], documented: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const c of containers) {
    const service = c.role === 'subgraph' ? c.command[0] : undefined;
    if (c.role === 'subgraph' && !SERVICES.some((s) => s.name === service)) problems.push(`${c.where}: serves "${service}", which is no subgraph (${SERVICES.map((s) => s.name).join(', ')})`);
    const databases = c.role === 'tools' && c.command[0] === 'migrate.js' ? migratedDatabases(c.command) : [];
    for (const variable of requiredVariables(c.role, { ...(service ? { service } : {}), databases })) {
      if (c.env[variable] === undefined) problems.push(`${c.where}: ${variable} is not set`);
    }
    if ('HOST' in c.env && c.env.HOST !== '0.0.0.0') problems.push(`${c.where}: HOST is ${c.env.HOST}; a container must listen on 0.0.0.0`);
    for (const port of ['PORT', 'LBC_DASHBOARD_PORT']) if (port in c.env && !/^\d+$/.test(c.env[port]!)) problems.push(`${c.where}: ${port} is not a port number`);
    const own = c.role === 'subgraph' && service ? [databaseVariable(service)] : c.role === 'tools' ? databases.map(databaseVariable) : ['HUB_DATABASE_URL'];
    for (const [variable, value] of Object.entries(c.env)) {
      if (variable.endsWith('_DATABASE_URL') && !own.includes(variable)) problems.push(`${c.where}: ${variable} gives it another service's database`);
      if (carriesSecret(variable) && !c.fromSecret.has(variable)) problems.push(`${c.where}: ${variable} is written into the file; take it from a secret`);
      if (variable.endsWith('_FILE')) {
        const under = (paths: readonly string[]) => paths.some((p) => value === p || value.startsWith(`${p}/`));
        // The anchor is written at every checkpoint and must outlive a restart; the others are only read.
        const anchor = variable === 'LBC_AUDIT_ANCHOR_FILE';
        if (anchor ? !under(c.writable) : !under(c.mounted) && !under(c.writable))
          problems.push(`${c.where}: ${variable} names ${value}, which is not ${anchor ? 'on a volume it may write' : 'mounted'}`);
      }
      if (variable.startsWith('LBC_') && !variable.startsWith('LBC_SUBGRAPH_URL_') && !documented.has(variable))
        problems.push(`${c.where}: ${variable} is no setting of the hub (README, Configuration)`);
    }
    if (['1', 'true', 'yes'].includes(c.env.LBC_DEVELOPMENT ?? '')) problems.push(`${c.where}: LBC_DEVELOPMENT is on`);
    if (c.env.LBC_DASHBOARD_DEV_TOKENS === '1') problems.push(`${c.where}: the development sign-in is on`);
    if (c.role === 'gateway' && c.env.LBC_EXCHANGE !== 'off') problems.push(`${c.where}: LBC_EXCHANGE must be off (the exchange runs as its own process)`);
  }
  return problems;
}
