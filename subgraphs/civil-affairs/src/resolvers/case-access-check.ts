import { mayWorkOnCase } from '@lbc/schema';
import { childInJurisdiction } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { REGISTRY_CHILD } from '../jurisdiction.ts';

/** Protection case ids are identity values: digits, within bigint. */
const CASE_ID = /^[0-9]{1,18}$/;

/**
 * `Query._caseForAccessCheck`, for the gateway only (inaccessible, and outside the field
 * policy like every `_` field, so the rule is here): before deciding SENSITIVE fields,
 * the gateway asks, as the caller, which child a protection case is for and whether it
 * is open. Answered only to callers a case can open SENSITIVE fields for (civil affairs
 * or police, ASSESSMENT or EMERGENCY, record levels), and only for a case whose child is
 * in the caller's jurisdiction by the same row rule as the child itself (childInJurisdiction);
 * null otherwise, with no error, so a caller cannot probe which case ids exist.
 */
export const caseForAccessCheck: NonNullable<QueryResolvers['_caseForAccessCheck']> = async (_, { id }, { db, loaders, principal, purpose }) => {
  if (!mayWorkOnCase(principal, purpose) || !CASE_ID.test(id)) return null;
  const row = await db
    .selectFrom('protection_case')
    .innerJoin('child', 'child.id', 'protection_case.child_id')
    .select(['protection_case.id', 'protection_case.child_id', 'protection_case.status'])
    .select(childInJurisdiction(loaders.scope, principal, REGISTRY_CHILD).as('in_scope'))
    // Compared as bigint in SQL: 18 digits do not survive a JS number.
    .where('protection_case.id', '=', sql<number>`cast(${id} as bigint)`)
    .executeTakeFirst();
  if (!row || !row.in_scope) return null;
  return { caseId: String(row.id), childId: row.child_id, status: row.status };
};
