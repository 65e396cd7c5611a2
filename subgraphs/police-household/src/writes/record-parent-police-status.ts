import { assertInput, inputRules, inScope, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import { notFound } from '@lbc/schema';
import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import type { PoliceContext } from '../context.ts';
import type { ParentStatusRow } from '../db-types.ts';
import type { RecordParentPoliceStatusInput } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';

/** What the payload is resolved from (and a retry answered with). */
export interface RecordParentPoliceStatusResult {
  parentStatus: ParentStatusRow;
  childId: string;
}

/**
 * Records a parent's status that affects guardianship, or — naming the version read — ends
 * or corrects the parent's current status of that kind. The child is locked first, so two
 * officers recording for the same child take turns.
 */
export function recordParentPoliceStatus(context: PoliceContext, info: GraphQLResolveInfo, input: RecordParentPoliceStatusInput): Promise<RecordParentPoliceStatusResult> {
  const today = todayInChina();
  const endedOn = input.endedOn ?? null;
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        since: inputRules.notInFuture(input.since, today),
        endedOn: endedOn != null && (inputRules.notInFuture(endedOn, today) || inputRules.notBefore(endedOn, input.since, 'since')),
        expectedVersion: input.expectedVersion != null && inputRules.version(input.expectedVersion),
      }),
    async execute(write) {
      const child = await childForWrite(write, context, input.childId);
      const current = await write.trx.selectFrom('parent_status').selectAll().where('child_id', '=', child.id).where('parent_role', '=', input.parent).where('ended_on', 'is', null).execute();
      const sameKind = current.find((s) => s.status === input.status);
      const parent = `the ${input.parent.toLowerCase()}`;
      if (input.expectedVersion == null) {
        // A status that ended already is history, and may lie beside anything.
        assertInput({
          status:
            endedOn == null &&
            ((sameKind && `${parent} has a current ${input.status} status already (version ${sameKind.version}): name expectedVersion to end or correct it`) ||
              (current.some((s) => s.status === 'DECEASED') && `${parent} is recorded as deceased`)),
        });
        const parentStatus = await write.trx
          .insertInto('parent_status')
          .values({ child_id: child.id, parent_role: input.parent, status: input.status, since: input.since, ended_on: endedOn })
          .returningAll()
          .executeTakeFirstOrThrow();
        write.changed({
          record: 'ParentPoliceStatus',
          id: String(parentStatus.id),
          childId: child.id,
          change: 'created',
          fields: ['parent', 'status', 'since', ...(endedOn != null ? ['endedOn'] : [])],
          fromVersion: null,
          toVersion: parentStatus.version,
        });
        return { parentStatus, childId: child.id };
      }
      if (!sameKind) throw notFound(`${parent} of child ${child.id} has no current ${input.status} status`, { inResolver: true });
      const versions = await updateVersioned(write, {
        table: 'parent_status',
        key: { column: 'id', value: sameKind.id },
        expectedVersion: input.expectedVersion,
        set: { since: input.since, ended_on: endedOn },
        // The status's child, judged as childForWrite judged it: the police's own place or station.
        inJurisdiction: sql<boolean>`exists (select 1 from police_child c where c.id = parent_status.child_id and ${inScope(context.loaders.scope, sql.ref('c.place_code'), sql.ref('c.station_id'))})`,
        what: `${parent}'s ${input.status} status`,
      });
      write.changed({ record: 'ParentPoliceStatus', id: String(sameKind.id), childId: child.id, change: 'updated', fields: ['since', 'endedOn'], ...versions });
      const parentStatus = { ...sameKind, since: input.since, ended_on: endedOn, version: versions.toVersion };
      return { parentStatus, childId: child.id };
    },
  });
}
