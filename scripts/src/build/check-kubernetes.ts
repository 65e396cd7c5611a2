import { readGatewayEnv, subgraphUrlVariable } from '@lbc/gateway/config';
import { CHECK_TIMEOUT_MS } from '@lbc/subgraph-kit';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '../services.ts';
import { checkEnvironment, migratedDatabases, type Container } from './check-environment.ts';
import type { DeployFiles, KubernetesDocument } from './deploy-files.ts';
import { carriesSecret, PROBE_PATHS, roleOfImage } from './service-requirements.ts';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'Job']);

/** A sample for a variable a Secret fills: shaped like the real value, so the configuration schemas can judge the rest. */
function sample(variable: string): string {
  return carriesSecret(variable) ? 'postgres://role:secret@database.invalid:5432/lbc' : 'secret';
}

function labelsMatch(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Boolean(selector && Object.keys(selector).length && Object.entries(selector).every(([k, v]) => labels?.[k] === v));
}

/**
 * Cross-references of deploy/k8s: every container built from a Dockerfile target and given
 * what its role needs (passwords from Secrets; files mounted; the anchor on a persistent
 * volume); probes on paths the service serves, at its declared port, with time for the
 * service's own bound on each check; requests and limits; a restricted security context;
 * Services, the Ingress, the autoscaler and the disruption budgets pointing at what exists;
 * a subgraph Deployment and a migration Job for every database; every Secret and ConfigMap
 * the manifests use named in the runbook; every manifest and image in the kustomization.
 * Returns one line per problem.
 */
export function checkKubernetes(files: DeployFiles, documented: ReadonlySet<string>, runbook: string): string[] {
  const problems: string[] = [];
  const docs = files.kubernetes;
  const where = (d: KubernetesDocument) => `${d.file} ${String(d.object.kind)} ${String(d.object.metadata?.name)}`;
  const byKind = (kind: string) => docs.filter((d) => d.object.kind === kind);
  const workloads = docs.filter((d) => WORKLOADS.has(d.object.kind));
  const containers: Container[] = [];
  const referenced = new Set<string>();

  for (const w of workloads) {
    const pod = w.object.spec?.template?.spec ?? {};
    const volumes = new Map<string, Record<string, any>>(((pod.volumes ?? []) as Record<string, any>[]).map((v) => [v.name, v]));
    const claims = new Set(((w.object.spec?.volumeClaimTemplates ?? []) as Record<string, any>[]).map((c) => c.metadata?.name));
    for (const v of volumes.values()) {
      if (v.secret) referenced.add(`Secret ${v.secret.secretName}`);
      if (v.configMap) referenced.add(`ConfigMap ${v.configMap.name}`);
    }
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where(w)}: the pod may run as root`);
    if (pod.automountServiceAccountToken !== false) problems.push(`${where(w)}: mounts a Kubernetes API token it does not use`);
    for (const c of (pod.containers ?? []) as Record<string, any>[]) {
      const at = `${where(w)} container ${c.name}`;
      const role = roleOfImage(String(c.image));
      if (!role) {
        problems.push(`${at}: image ${c.image} is none of the hub's (lbc-hub/<Dockerfile target>)`);
        continue;
      }
      const env: Record<string, string> = {};
      const fromSecret = new Set<string>();
      for (const e of (c.env ?? []) as Record<string, any>[]) {
        if (e.valueFrom?.secretKeyRef) {
          fromSecret.add(e.name);
          referenced.add(`Secret ${e.valueFrom.secretKeyRef.name}`);
          env[e.name] = sample(e.name);
        } else env[e.name] = String(e.value ?? '');
      }
      const mounts = (c.volumeMounts ?? []) as Record<string, any>[];
      const persistent = (m: Record<string, any>) => claims.has(m.name) || Boolean(volumes.get(m.name)?.persistentVolumeClaim);
      containers.push({
        where: at,
        role,
        env,
        fromSecret,
        command: ((c.args ?? []) as unknown[]).map(String),
        mounted: mounts.filter((m) => !persistent(m)).map((m) => m.mountPath),
        writable: mounts.filter((m) => persistent(m) && !m.readOnly).map((m) => m.mountPath),
      });
      for (const kind of ['cpu', 'memory']) {
        for (const bound of ['requests', 'limits']) if (!c.resources?.[bound]?.[kind]) problems.push(`${at}: no ${kind} ${bound}`);
      }
      const sc = c.securityContext ?? {};
      if (sc.readOnlyRootFilesystem !== true || sc.allowPrivilegeEscalation !== false || !sc.capabilities?.drop?.includes('ALL')) {
        problems.push(`${at}: the container's security context is not restricted (read-only root, no privilege escalation, no capabilities)`);
      }
      const ports = new Map<string, number>(((c.ports ?? []) as Record<string, any>[]).map((p) => [String(p.name ?? p.containerPort), Number(p.containerPort)]));
      const listens = Number(env.PORT ?? env.LBC_DASHBOARD_PORT);
      for (const port of ports.values()) if (port !== listens) problems.push(`${at}: declares port ${port}, the service listens on ${listens || 'nothing'}`);
      const serves = PROBE_PATHS[role];
      if (serves.length && w.object.kind !== 'Job') {
        for (const probe of ['livenessProbe', 'readinessProbe']) if (!c[probe]) problems.push(`${at}: no ${probe}`);
        for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
          const http = c[probe]?.httpGet as Record<string, any> | undefined;
          if (!c[probe]) continue;
          if (!http) {
            problems.push(`${at}: ${probe} is not an HTTP probe of the service's own paths`);
            continue;
          }
          if (!serves.includes(http.path)) problems.push(`${at}: ${probe} asks ${http.path}, which the ${role} does not serve (${serves.join(', ')})`);
          const port = typeof http.port === 'string' ? ports.get(http.port) : Number(http.port);
          if (port !== listens) problems.push(`${at}: ${probe} asks port ${http.port}, the service listens on ${listens}`);
          if (http.path === '/readyz' && (c[probe].timeoutSeconds ?? 1) * 1000 <= CHECK_TIMEOUT_MS) {
            problems.push(`${at}: ${probe} gives /readyz ${c[probe].timeoutSeconds ?? 1} s, no more than the ${CHECK_TIMEOUT_MS} ms it may take per check`);
          }
        }
      }
    }
  }
  problems.push(...checkEnvironment(containers, documented));

  for (const gateway of containers.filter((c) => c.role === 'gateway')) {
    try {
      readGatewayEnv(gateway.env);
    } catch (error) {
      problems.push(`${gateway.where}: ${(error as Error).message}`);
    }
  }

  // Services select pods that exist, on ports those pods declare.
  const services = byKind('Service');
  const podsOf = (s: KubernetesDocument) => workloads.filter((w) => labelsMatch(s.object.spec?.selector, w.object.spec?.template?.metadata?.labels));
  for (const s of services) {
    const pods = podsOf(s);
    if (!pods.length) problems.push(`${where(s)}: selects no pods`);
    for (const port of (s.object.spec?.ports ?? []) as Record<string, any>[]) {
      const declared = pods.some((w) =>
        ((w.object.spec.template.spec.containers ?? []) as Record<string, any>[]).some((c) =>
          ((c.ports ?? []) as Record<string, any>[]).some((p) => p.name === port.targetPort || p.containerPort === port.targetPort),
        ),
      );
      if (pods.length && !declared) problems.push(`${where(s)}: targetPort ${port.targetPort} is no port of the pods it selects`);
    }
  }
  const servicePort = (name: string, port: string | number) =>
    services.find((s) => s.object.metadata?.name === name && ((s.object.spec?.ports ?? []) as Record<string, any>[]).some((p) => p.name === port || p.port === port));

  // Each subgraph: a Deployment serving it, a Service in front, and the gateways and the exchange calling that Service.
  for (const s of SERVICES) {
    const deployment = workloads.find((w) => w.object.kind === 'Deployment' && w.object.spec.template.spec.containers.some((c: Record<string, any>) => c.args?.[0] === s.name));
    if (!deployment) problems.push(`k8s: no Deployment serves ${s.name}`);
    for (const caller of containers.filter((c) => c.role === 'gateway' || c.role === 'exchange')) {
      const url = /^http:\/\/([a-z0-9-]+):(\d+)\/graphql$/.exec(caller.env[subgraphUrlVariable(s.name)] ?? '');
      const target = url && servicePort(url[1]!, Number(url[2]));
      if (!target || !deployment || !podsOf(target).includes(deployment)) problems.push(`${caller.where}: ${subgraphUrlVariable(s.name)} does not reach the ${s.name} Deployment through its Service`);
    }
  }
  for (const ingress of byKind('Ingress')) {
    for (const tls of (ingress.object.spec?.tls ?? []) as Record<string, any>[]) referenced.add(`Secret ${tls.secretName}`);
    for (const rule of (ingress.object.spec?.rules ?? []) as Record<string, any>[]) {
      for (const path of (rule.http?.paths ?? []) as Record<string, any>[]) {
        const backend = path.backend?.service;
        if (!servicePort(backend?.name, backend?.port?.name ?? backend?.port?.number))
          problems.push(`${where(ingress)}: ${path.path} goes to ${backend?.name}:${backend?.port?.name ?? backend?.port?.number}, no such Service port`);
      }
    }
  }
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const target = hpa.object.spec?.scaleTargetRef;
    if (!workloads.some((w) => w.object.kind === target?.kind && w.object.metadata?.name === target?.name))
      problems.push(`${where(hpa)}: scales ${target?.kind} ${target?.name}, which does not exist`);
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    if (!workloads.some((w) => labelsMatch(pdb.object.spec?.selector?.matchLabels, w.object.spec?.template?.metadata?.labels))) problems.push(`${where(pdb)}: selects no pods`);
  }
  for (const set of byKind('StatefulSet')) {
    const headless = services.find((s) => s.object.metadata?.name === set.object.spec?.serviceName);
    if (headless?.object.spec?.clusterIP !== 'None') problems.push(`${where(set)}: serviceName ${set.object.spec?.serviceName} is no headless Service`);
  }
  const gatewayWorkloads = workloads.filter((w) => w.object.spec?.template?.spec?.containers?.some((c: Record<string, any>) => roleOfImage(String(c.image)) === 'gateway'));
  const minimum = Math.min(
    ...gatewayWorkloads.map(
      (w) => byKind('HorizontalPodAutoscaler').find((h) => h.object.spec?.scaleTargetRef?.name === w.object.metadata?.name)?.object.spec?.minReplicas ?? w.object.spec?.replicas ?? 1,
    ),
  );
  if (gatewayWorkloads.length !== 1 || minimum < 2) problems.push('k8s: the gateway runs as one workload of at least two replicas');

  // A migration Job for every database, each granting the runtime role.
  const migrated = containers.filter((c) => c.role === 'tools' && c.command[0] === 'migrate.js');
  for (const database of [...SERVICES.map((s) => s.name), 'hub']) {
    const job = migrated.find((c) => migratedDatabases(c.command).includes(database));
    if (!job) problems.push(`k8s: no migration Job for the ${database} database`);
    else if (!job.command.includes('--grant')) problems.push(`${job.where}: grants its database's runtime role nothing`);
  }

  if (byKind('Secret').length) problems.push('k8s: a Secret is written into the manifests; reference it, and create it as the runbook says');
  for (const name of referenced) {
    if (!new RegExp(`(^|[^\\w-])${name.split(' ')[1]!}($|[^\\w-])`).test(runbook)) problems.push(`k8s: ${name} is used but the runbook does not say how to create it`);
  }

  const listed = new Set((files.kustomization.resources ?? []) as string[]);
  for (const file of readdirSync(join(files.dir, 'k8s'))) {
    if (file.endsWith('.yaml') && file !== 'kustomization.yaml' && !listed.has(file)) problems.push(`k8s/kustomization.yaml: does not list ${file}`);
  }
  const images = new Set(((files.kustomization.images ?? []) as Record<string, any>[]).map((i) => i.name));
  for (const w of workloads) {
    for (const c of w.object.spec?.template?.spec?.containers ?? []) if (!images.has(String(c.image).split(':')[0])) problems.push(`k8s/kustomization.yaml: image ${c.image} is not in images`);
  }
  return problems;
}
