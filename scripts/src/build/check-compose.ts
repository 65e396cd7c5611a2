import { readGatewayEnv, subgraphUrlVariable } from '@lbc/gateway/config';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '../services.ts';
import type { DeployFiles } from './deploy-files.ts';
import { checkEnvironment, type Container } from './check-environment.ts';
import { roleOfImage, type Role } from './service-requirements.ts';

/** A compose value with its `${VAR…}` interpolations replaced by a sample, as Compose would fill them from deploy/.env. */
function interpolated(value: unknown): string {
  return String(value).replace(/\$\{[^}]+\}/g, 'sample');
}

/**
 * Cross-references of deploy/compose.yaml: each service built from a target the Dockerfile
 * has, given the variables its role needs (valid for the gateway's own configuration
 * schema), with every file a variable names mounted, each subgraph URL pointing at that
 * subgraph's service and port; several gateway replicas sharing one hub database, each with
 * its own anchor volume, all behind the load balancer; every secret, config and dependency
 * defined. Returns one line per problem.
 */
export function checkCompose(files: DeployFiles, documented: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const services = (files.compose.services ?? {}) as Record<string, Record<string, any>>;
  const containers: Container[] = [];
  const roleOf = new Map<string, Role>();
  for (const [name, service] of Object.entries(services)) {
    if (service.build) {
      if (!existsSync(join(files.dir, service.build.context ?? '.', service.build.dockerfile ?? 'Dockerfile'))) problems.push(`compose ${name}: build.dockerfile does not exist`);
      if (!files.dockerfile.targets.includes(service.build.target)) problems.push(`compose ${name}: build.target ${service.build.target} is not a Dockerfile target`);
      if (service.build.target !== roleOfImage(String(service.image))) problems.push(`compose ${name}: image ${service.image} is not the image of target ${service.build.target}`);
    }
    const role = roleOfImage(String(service.image ?? ''));
    if (!role) continue;
    roleOf.set(name, role);
    const env = Object.fromEntries(Object.entries((service.environment ?? {}) as Record<string, unknown>).map(([k, v]) => [k, interpolated(v)]));
    const command = ((service.command ?? []) as string[]).map(String);
    const mounted = [
      ...((service.secrets ?? []) as (string | { source: string; target?: string })[]).map((s) => (typeof s === 'string' ? `/run/secrets/${s}` : (s.target ?? `/run/secrets/${s.source}`))),
      ...((service.configs ?? []) as { source: string; target?: string }[]).map((c) => c.target ?? `/${c.source}`),
    ];
    const writable = ((service.volumes ?? []) as string[])
      .map((v) => String(v).split(':'))
      .filter((parts) => parts[2] !== 'ro')
      .map((parts) => parts[1]!);
    // A password comes from deploy/.env (interpolated), never from the file itself.
    const fromSecret = new Set(
      Object.entries((service.environment ?? {}) as Record<string, unknown>)
        .filter(([, v]) => String(v).includes('${'))
        .map(([k]) => k),
    );
    containers.push({ where: `compose ${name}`, role, env, fromSecret, command, mounted, writable });
    for (const kind of ['secrets', 'configs'] as const) {
      for (const ref of (service[kind] ?? []) as (string | { source: string })[]) {
        const source = typeof ref === 'string' ? ref : ref.source;
        if (!files.compose[kind]?.[source]) problems.push(`compose ${name}: ${kind.slice(0, -1)} ${source} is not defined`);
      }
    }
    for (const dependency of Object.keys(service.depends_on ?? {})) if (!services[dependency]) problems.push(`compose ${name}: depends on ${dependency}, which is not a service`);
  }
  problems.push(...checkEnvironment(containers, documented));

  // Where each subgraph listens, and that the gateways and the exchange call it there.
  const listening = new Map<string, string>();
  for (const [name, service] of Object.entries(services)) {
    if (roleOf.get(name) === 'subgraph') listening.set(String(service.command?.[0]), `http://${name}:${service.environment?.PORT}/graphql`);
  }
  for (const container of containers.filter((c) => c.role === 'gateway' || c.role === 'exchange')) {
    for (const s of SERVICES) {
      const url = container.env[subgraphUrlVariable(s.name)];
      if (url !== listening.get(s.name)) problems.push(`${container.where}: ${subgraphUrlVariable(s.name)} is ${url}, ${s.name} listens at ${listening.get(s.name) ?? 'no service'}`);
    }
  }
  const gateways = containers.filter((c) => c.role === 'gateway');
  for (const gateway of gateways) {
    try {
      readGatewayEnv(gateway.env);
    } catch (error) {
      problems.push(`${gateway.where}: ${(error as Error).message}`);
    }
  }
  if (gateways.length < 2) problems.push(`compose: ${gateways.length} gateway replica(s); the layout has several behind the load balancer`);
  if (new Set(gateways.map((g) => g.env.HUB_DATABASE_URL)).size > 1) problems.push('compose: the gateway replicas do not share one hub database');
  const anchors = gateways.map((g) => ((services[g.where.slice('compose '.length)]!.volumes ?? []) as string[]).find((v) => v.endsWith(':/var/lib/lbc'))?.split(':')[0]);
  if (anchors.some((a) => !a) || new Set(anchors).size !== anchors.length) problems.push('compose: each gateway replica needs an anchor volume of its own at /var/lib/lbc');

  const balancer = Object.entries(services).find(([, s]) => String(s.image).startsWith('nginx'));
  if (!balancer) problems.push('compose: no load balancer in front of the gateways');
  else {
    const conf = ((balancer[1].volumes ?? []) as string[]).map((v) => v.split(':')[0]!).find((v) => v.endsWith('.conf'));
    const upstream = conf ? [...readFileSync(join(files.dir, conf), 'utf8').matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`) : [];
    const expected = gateways.map((g) => `${g.where.slice('compose '.length)}:${g.env.PORT}`);
    if (upstream.sort().join() !== expected.sort().join()) problems.push(`compose ${balancer[0]}: balances ${upstream.join(', ') || 'nothing'}, the gateways are ${expected.join(', ')}`);
  }
  return problems;
}
