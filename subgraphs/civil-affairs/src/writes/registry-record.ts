import { inScope, type VersionedUpdate } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import type { CivilAffairsContext } from '../context.ts';

/** An edit of a child's registry file (`updateVersioned`): within the caller's jurisdiction by residence, at the version the caller read. */
export function registryRecord(context: CivilAffairsContext, childId: string, expectedVersion: number, set: Record<string, unknown>): VersionedUpdate {
  return {
    table: 'child',
    key: { column: 'id', value: childId },
    expectedVersion,
    set,
    inJurisdiction: inScope(context.loaders.scope, sql.ref('child.village_code')),
    what: `child ${childId}`,
  };
}
