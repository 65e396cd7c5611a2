import { assertInput, inputRules, runWrite, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { ChangeResidenceInput } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';
import type { ChildRecordResult } from './child-record-result.ts';
import { registryRecord } from './registry-record.ts';
import { assertVillageExists, villageProblem } from './village-for-write.ts';

/**
 * Records that the child now lives in another village of the caller's jurisdiction: an edit
 * of the registry file at the version read. The residence is what places the child in every
 * agency's jurisdiction, so the new one is published in the same transaction (the outbox),
 * and this database's own child_place follows at once.
 */
export function changeResidence(context: CivilAffairsContext, info: GraphQLResolveInfo, input: ChangeResidenceInput): Promise<ChildRecordResult> {
  const village = input.villageCode;
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ expectedVersion: inputRules.version(input.expectedVersion), villageCode: villageProblem(context, village) }),
    async execute(write) {
      // The row as it was (locked): a stale version is a CONFLICT first, whatever else is wrong.
      const child = await childForWrite(write, context, input.childId);
      const versions = await updateVersioned(write, registryRecord(context, child.id, input.expectedVersion, { village_code: village }));
      assertInput({ villageCode: child.village_code === village && 'the child lives in this village already' });
      await assertVillageExists(write, village, 'villageCode');
      write.publish({ childId: child.id, kind: 'place.residence', payload: { residenceCode: village } });
      write.changed({ record: 'Child', id: child.id, childId: child.id, change: 'updated', fields: ['residenceVillage'], ...versions });
      return { childId: child.id };
    },
  });
}
