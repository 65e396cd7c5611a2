import type { GuardianshipPetitionRow } from '../db-types.ts';

/** What a petition write's payload is resolved from (and a retry answered with): the petition as written, and its child. */
export interface GuardianshipPetitionResult {
  petition: GuardianshipPetitionRow;
  childId: string;
}
