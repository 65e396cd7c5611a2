import type { Problem } from '@lbc/subgraph-kit';

/** The hub's hand-off ids: HO and nine digits. */
const HANDOFF_ID = /^HO[0-9]{9}$/;

/**
 * The problem with a hand-off id, or undefined. Only its shape can be checked: the
 * hand-offs live in the hub's database, so an agency keeps the id as a plain reference.
 */
export function handoffIdProblem(id: string | null | undefined): Problem {
  return id != null && !HANDOFF_ID.test(id) && 'must be a hand-off id (HO and nine digits)';
}
