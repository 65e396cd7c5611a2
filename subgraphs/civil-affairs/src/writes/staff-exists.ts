import { assertInput, type WriteTransaction } from '@lbc/subgraph-kit';
import type { CivilAffairsDB } from '../db-types.ts';

/** A staff id named in an input must be a staff member: BAD_USER_INPUT naming the field otherwise (not a foreign-key failure). */
export async function assertStaffExists(write: WriteTransaction<CivilAffairsDB>, staffId: string, field: string): Promise<void> {
  const staff = await write.trx.selectFrom('staff').select('id').where('id', '=', staffId).executeTakeFirst();
  assertInput({ [field]: !staff && `no staff member ${staffId}` });
}
