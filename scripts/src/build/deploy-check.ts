/**
 * pnpm deploy:check: checks deploy/ without a Docker engine or a cluster (see check-deploy.ts)
 * and prints every problem; exit 1 when there is one.
 */
import { ROOT } from '../paths.ts';
import { checkDeploy } from './check-deploy.ts';

const report = await checkDeploy(ROOT);
const titles: Record<keyof typeof report, string> = {
  composeSchema: 'deploy/compose.yaml against the Compose Specification',
  kubernetesSchema: 'deploy/k8s against the Kubernetes API schema',
  kubernetesFields: 'deploy/k8s field names against the Kubernetes API types',
  references: 'cross-references (Dockerfile, compose, manifests, runbook, service configuration)',
};
let failed = false;
for (const [check, problems] of Object.entries(report) as [keyof typeof report, string[]][]) {
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${titles[check]}`);
  for (const problem of problems) console.log(`     ${problem}`);
  failed ||= problems.length > 0;
}
process.exitCode = failed ? 1 : 0;
