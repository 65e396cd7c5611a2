import type { EnrollmentRow } from '../db-types.ts';

/** What an enrollment write's payload is resolved from (and a retry answered with). */
export interface EnrollmentResult {
  /** The enrollment written: the new one, after a transfer. */
  enrollment: EnrollmentRow;
  childId: string;
  /**
   * The school a transfer took the child from, which the caller wrote for; null for an
   * enrollment. A transfer may take the child out of the caller's jurisdiction: the
   * payload still names the child it has just moved (see resolvers/payloads.ts).
   */
  fromSchoolId: string | null;
}
