import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCompose } from './check-compose.ts';
import { checkDockerfile } from './check-dockerfile.ts';
import { checkKubernetes } from './check-kubernetes.ts';
import { readDeployFiles, type DeployFiles } from './deploy-files.ts';
import { documentedVariables } from './service-requirements.ts';
import { validateCompose } from './validate-compose.ts';
import { validateKubernetesFields, validateKubernetesSchemas } from './validate-kubernetes.ts';

/** What `pnpm deploy:check` finds, by check; every list empty when deploy/ is sound. */
export interface DeployReport {
  composeSchema: string[];
  kubernetesSchema: string[];
  kubernetesFields: string[];
  references: string[];
}

/**
 * Every check of deploy/ that needs no Docker engine and no cluster: the compose file
 * against the Compose Specification's schema, the Kubernetes objects against the API's
 * schema and field names, and the cross-references between the Dockerfile, compose, the
 * manifests, the runbook and the services' own configuration. `files` defaults to what
 * deploy/ holds (tests pass altered copies to see each check fail).
 */
export async function checkDeploy(root: string, files: DeployFiles = readDeployFiles(join(root, 'deploy'))): Promise<DeployReport> {
  const documented = documentedVariables(root);
  const runbook = readFileSync(join(files.dir, 'RUNBOOK.md'), 'utf8');
  return {
    composeSchema: validateCompose(files.compose),
    kubernetesSchema: await validateKubernetesSchemas(files.kubernetes),
    kubernetesFields: validateKubernetesFields(root, files.kubernetes),
    references: [...checkDockerfile(root, files), ...checkCompose(files, documented), ...checkKubernetes(files, documented, runbook)],
  };
}
