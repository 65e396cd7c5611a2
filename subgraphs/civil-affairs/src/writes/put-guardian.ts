import type { WriteTransaction } from '@lbc/subgraph-kit';
import type { CivilAffairsDB } from '../db-types.ts';
import type { GuardianInput } from '../generated/resolvers-types.ts';

/** The guardian fields a write sets, as the audit names them. */
export const GUARDIAN_FIELDS = ['name', 'relationship', 'capacity', 'phone', 'confirmationSignedOn'];

/**
 * Makes `guardian` the child's guardian, replacing any before: the one row per child that
 * Child.guardian reads. Returns whether there was one before (the audit's created/updated).
 * The registry version is the caller's to move on.
 */
export async function putGuardian(write: WriteTransaction<CivilAffairsDB>, childId: string, guardian: GuardianInput, confirmationSignedOn: string | null): Promise<'created' | 'updated'> {
  const before = await write.trx.selectFrom('guardian').select('child_id').where('child_id', '=', childId).executeTakeFirst();
  const row = {
    name: guardian.name,
    relationship: guardian.relationship,
    capacity: guardian.capacity,
    phone: guardian.phone ?? null,
    confirmation_signed_on: confirmationSignedOn,
  };
  await write.trx
    .insertInto('guardian')
    .values({ child_id: childId, ...row })
    .onConflict((c) => c.column('child_id').doUpdateSet(row))
    .execute();
  return before ? 'updated' : 'created';
}
