import type { Migration } from 'kysely';
import * as registry from './0001-registry.ts';
import * as idNumberCheck from './0002-id-number-check.ts';
import * as childPlace from './0003-child-place.ts';
import * as writes from './0004-writes.ts';
import * as registryWriteRules from './0005-registry-write-rules.ts';
import * as protectionWorkflow from './0006-protection-workflow.ts';
import * as quarterlySubmission from './0007-quarterly-submission.ts';
import * as regionLevelIndex from './0008-region-level-index.ts';
import * as discoveredChild from './0009-discovered-child.ts';
import * as registryRollup from './0010-registry-rollup.ts';

/** Every migration of this service, in order. Add new ones here; never edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '0001-registry': registry,
  '0002-id-number-check': idNumberCheck,
  '0003-child-place': childPlace,
  '0004-writes': writes,
  '0005-registry-write-rules': registryWriteRules,
  '0006-protection-workflow': protectionWorkflow,
  '0007-quarterly-submission': quarterlySubmission,
  '0008-region-level-index': regionLevelIndex,
  '0009-discovered-child': discoveredChild,
  '0010-registry-rollup': registryRollup,
};
