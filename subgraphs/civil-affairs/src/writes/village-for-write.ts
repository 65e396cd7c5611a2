import { assertInput, type WriteTransaction } from '@lbc/subgraph-kit';
import type { CivilAffairsContext } from '../context.ts';
import type { CivilAffairsDB } from '../db-types.ts';

/**
 * The problem with a village a child is to live in, judged from the code alone (before any
 * transaction): it must be a village, inside the caller's jurisdiction, since civil affairs
 * writes only for the children living there.
 */
export function villageProblem({ loaders: { scope } }: CivilAffairsContext, code: string): string | false {
  if (code.length !== 12) return 'must be a 12-digit village code';
  return (scope.none || code < scope.low || code > scope.high) && 'lies outside your jurisdiction';
}

/** A village named in an input must be one the registry knows: BAD_USER_INPUT naming the field otherwise. */
export async function assertVillageExists(write: WriteTransaction<CivilAffairsDB>, code: string, field: string): Promise<void> {
  const known = await write.trx.selectFrom('region').select('code').where('code', '=', code).where('level', '=', 'VILLAGE').executeTakeFirst();
  assertInput({ [field]: !known && `no village ${code}` });
}
