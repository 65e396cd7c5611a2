/** The hub's hand-off ids: HO and nine digits, issued by the hand-off service's sequence. */
export const HANDOFF_ID = /^HO[0-9]{9}$/;

/**
 * The problem with a hand-off id given as input, or false. Agencies can check only its
 * shape: the hand-offs live in the hub's database, so an agency keeps the id as a plain
 * reference to the hand-off its record answers.
 */
export function handoffIdProblem(id: string | null | undefined): string | false {
  return id != null && !HANDOFF_ID.test(id) && 'must be a hand-off id (HO and nine digits, e.g. HO000000123)';
}
