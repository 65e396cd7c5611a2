import { assertInput, type WriteTransaction } from '@lbc/subgraph-kit';
import type { CivilAffairsContext } from '../context.ts';
import type { CivilAffairsDB } from '../db-types.ts';

/**
 * Checks that `childId` names a child the hub discovered in the caller's jurisdiction and
 * the registry does not hold yet: only then may a township register it under that id.
 * Anything else would let a township pull another place's child into its jurisdiction.
 */
export async function assertDiscovered(write: WriteTransaction<CivilAffairsDB>, context: CivilAffairsContext, childId: string): Promise<void> {
  const found = await write.trx.selectFrom('discovered_child').select('village_code').where('child_id', '=', childId).executeTakeFirst();
  assertInput({ knownAs: (!found || !found.village_code.startsWith(context.principal.region)) && 'no child was discovered under this id in your jurisdiction' });
  const registered = await write.trx.selectFrom('child').select('id').where('id', '=', childId).executeTakeFirst();
  assertInput({ knownAs: registered && 'the registry holds this child already' });
}
