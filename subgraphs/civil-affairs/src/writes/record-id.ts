import type { Problem } from '@lbc/subgraph-kit';

/** Ids of the records civil affairs numbers itself (cases, warnings, petitions) are identity values: digits, within bigint. */
const RECORD_ID = /^[0-9]{1,18}$/;

/** The problem with an id named in an input, or undefined: checked before any SQL, so a bad one is BAD_USER_INPUT, not a database error. */
export function recordIdProblem(id: string, what: string): Problem {
  return !RECORD_ID.test(id) && `is not a ${what} id`;
}
