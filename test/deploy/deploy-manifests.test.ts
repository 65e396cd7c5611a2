import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCompose } from '../../scripts/src/build/check-compose.ts';
import { checkDeploy, type DeployReport } from '../../scripts/src/build/check-deploy.ts';
import { checkDockerfile } from '../../scripts/src/build/check-dockerfile.ts';
import { checkKubernetes } from '../../scripts/src/build/check-kubernetes.ts';
import { readDeployFiles, type DeployFiles, type KubernetesDocument } from '../../scripts/src/build/deploy-files.ts';
import { documentedVariables } from '../../scripts/src/build/service-requirements.ts';
import { validateCompose } from '../../scripts/src/build/validate-compose.ts';
import { validateKubernetesFields, validateKubernetesSchemas } from '../../scripts/src/build/validate-kubernetes.ts';
import { readFileSync } from 'node:fs';
import { ROOT } from '../harness/spawn-service.ts';

/**
 * deploy/ checked without a Docker engine or a cluster (`pnpm deploy:check` runs the same):
 * the compose file against the Compose Specification's JSON schema, every Kubernetes object
 * against the API's schema and field names, and the cross-references between the
 * Dockerfile, compose, the manifests, the runbook and the services' own configuration.
 * Each check is also shown to fail on a copy altered the way a real mistake would alter it.
 */
let files: DeployFiles;
let report: DeployReport;
let documented: Set<string>;
let runbook: string;

function altered(change: (copy: DeployFiles) => void): DeployFiles {
  const copy = structuredClone(files);
  change(copy);
  return copy;
}

function kubernetesObject(copy: DeployFiles, kind: string, name: string): KubernetesDocument['object'] {
  const found = copy.kubernetes.find((d) => d.object.kind === kind && d.object.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/k8s`);
  return found.object;
}

function container(copy: DeployFiles, kind: string, name: string): Record<string, any> {
  return kubernetesObject(copy, kind, name).spec.template.spec.containers[0];
}

describe('deploy/: compose and Kubernetes manifests, checked offline', () => {
  beforeAll(async () => {
    files = readDeployFiles(join(ROOT, 'deploy'));
    documented = documentedVariables(ROOT);
    runbook = readFileSync(join(ROOT, 'deploy/RUNBOOK.md'), 'utf8');
    report = await checkDeploy(ROOT, files);
  });

  it('deploy/compose.yaml conforms to the Compose Specification', () => {
    expect(Object.keys(files.compose.services)).toEqual(expect.arrayContaining(['gateway-1', 'gateway-2', 'gateway-lb', 'exchange', 'dashboard', 'migrate-hub', 'civil-affairs']));
    expect(report.composeSchema).toEqual([]);
  });

  it('every Kubernetes object conforms to the API schema and uses only fields the API defines', () => {
    expect(files.kubernetes.map((d) => d.object.kind)).toEqual(expect.arrayContaining(['Deployment', 'StatefulSet', 'Service', 'Job', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Ingress']));
    expect(report.kubernetesSchema).toEqual([]);
    expect(report.kubernetesFields).toEqual([]);
  });

  it('the Dockerfile, compose, the manifests, the runbook and the services’ configuration agree', () => {
    expect(report.references).toEqual([]);
  });

  it('the schema checks refuse what the Compose Specification and the Kubernetes API refuse', async () => {
    const compose = structuredClone(files.compose);
    compose.services.exchange.helthcheck = { test: ['CMD', 'true'] };
    compose.services['gateway-lb'].depends_on['gateway-1'].condition = 'service_ready';
    const composeProblems = validateCompose(compose);
    expect(composeProblems).toEqual(expect.arrayContaining([expect.stringContaining('helthcheck'), expect.stringMatching(/^\/services\/gateway-lb\/depends_on/)]));

    const broken = altered((copy) => {
      kubernetesObject(copy, 'Deployment', 'health').spec.replicas = 'two';
      delete kubernetesObject(copy, 'Service', 'health').spec.ports[0].port;
      kubernetesObject(copy, 'Deployment', 'dashboard').kind = 'Deploymnet';
      container(copy, 'StatefulSet', 'gateway').readinessProbee = { httpGet: { path: '/healthz', port: 'http' } };
      kubernetesObject(copy, 'Deployment', 'exchange').metadata.labelz = { a: 'b' };
    }).kubernetes;
    const schema = await validateKubernetesSchemas(broken);
    expect(schema).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Deployment health: \/spec\/replicas must be integer/),
        expect.stringMatching(/Service health: \/spec\/ports\/0 must have required property port/),
        expect.stringMatching(/the Kubernetes API has no Deploymnet in apps\/v1/),
      ]),
    );
    const fields = validateKubernetesFields(
      ROOT,
      broken.filter((d) => d.object.kind !== 'Deploymnet'),
    );
    expect(fields).toEqual(
      expect.arrayContaining([expect.stringMatching(/StatefulSet gateway: .*'"readinessProbee"' does not exist/), expect.stringMatching(/Deployment exchange: .*'"labelz"' does not exist/)]),
    );
  });

  it('the cross-reference checks find a missing variable, a wrong address, another agency’s database, a typo, an unprobed path and an undocumented Secret', () => {
    const compose = altered((copy) => {
      const gateway = copy.compose.services['gateway-2'];
      gateway.environment = { ...gateway.environment, LBC_SUBGRAPH_URL_HEALTH: 'http://health:4009/graphql', LBC_AUDIT_CHECKPOINT_SECOND: '60' };
      delete gateway.environment.LBC_ISSUERS_FILE;
      copy.compose.services['civil-affairs'].environment.HEALTH_DATABASE_URL = copy.compose.services.health.environment.HEALTH_DATABASE_URL;
      copy.compose.services.health.environment.HOST = '127.0.0.1';
    });
    expect(checkCompose(compose, documented)).toEqual(
      expect.arrayContaining([
        'compose gateway-2: LBC_ISSUERS_FILE is not set',
        expect.stringMatching(/^compose gateway-2: LBC_SUBGRAPH_URL_HEALTH is http:\/\/health:4009\/graphql, health listens at http:\/\/health:4004\/graphql/),
        'compose gateway-2: LBC_AUDIT_CHECKPOINT_SECOND is no setting of the hub (README, Configuration)',
        "compose civil-affairs: HEALTH_DATABASE_URL gives it another service's database",
        'compose health: HOST is 127.0.0.1; a container must listen on 0.0.0.0',
      ]),
    );

    const kubernetes = altered((copy) => {
      container(copy, 'Deployment', 'police-household').readinessProbe.httpGet.path = '/ready';
      container(copy, 'StatefulSet', 'gateway').livenessProbe.httpGet.port = 4009;
      const handoffs = container(copy, 'Deployment', 'handoffs');
      handoffs.env = handoffs.env.map((e: Record<string, any>) => (e.name === 'HANDOFFS_DATABASE_URL' ? { name: e.name, value: 'postgres://lbc_app:password@db:5432/lbc' } : e));
      delete container(copy, 'Deployment', 'exchange').resources.limits;
      kubernetesObject(copy, 'Service', 'education-enrollment').spec.selector['app.kubernetes.io/name'] = 'education';
    });
    expect(checkKubernetes(kubernetes, documented, runbook.replaceAll('lbc-issuers', 'the issuers'))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Deployment police-household container police-household: readinessProbe asks \/ready, which the subgraph does not serve/),
        expect.stringMatching(/StatefulSet gateway container gateway: livenessProbe asks port 4009, the service listens on 4000/),
        expect.stringMatching(/Deployment handoffs container handoffs: HANDOFFS_DATABASE_URL is written into the file; take it from a secret/),
        expect.stringMatching(/Deployment exchange container exchange: no cpu limits/),
        expect.stringMatching(/Service education-enrollment: selects no pods/),
        expect.stringMatching(/LBC_SUBGRAPH_URL_EDUCATION_ENROLLMENT does not reach the education-enrollment Deployment/),
        'k8s: ConfigMap lbc-issuers is used but the runbook does not say how to create it',
      ]),
    );

    const dockerfile = altered((copy) => {
      copy.dockerfile.text = copy.dockerfile.text
        .replace('RUN pnpm build', 'RUN pnpm exec tsc')
        .replace('deploy/docker/probe.mjs', 'deploy/docker/missing.mjs')
        .replace('"gateway.js"', '"gateway-main.js"');
      copy.dockerfile.targets = copy.dockerfile.targets.filter((t) => t !== 'exchange');
    });
    expect(checkDockerfile(ROOT, dockerfile)).toEqual(
      expect.arrayContaining([
        'Dockerfile: no target exchange',
        'Dockerfile: the build stage does not run `pnpm build`',
        'Dockerfile: COPY deploy/docker/missing.mjs: no such file in the repository',
        'Dockerfile: runs gateway-main.js, which the build does not write',
      ]),
    );
  });
});
