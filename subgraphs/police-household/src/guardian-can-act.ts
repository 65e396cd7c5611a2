import type { ParentStatusRow } from './db-types.ts';

const UNABLE = new Set<ParentStatusRow['status']>(['SERVING_SENTENCE', 'DETAINED', 'DECEASED', 'MISSING']);

/**
 * Shared instead of the statuses themselves (need-to-know): a school or clinic must learn
 * that no parent can step in, not that the mother is in prison. A parent serving a
 * sentence, detained, deceased or missing cannot act as guardian; a parent living away
 * (residence permit elsewhere) still can in law — entrust a guardian, be called back — but
 * not in person. So the guardian cannot act exactly when one parent is unable and the
 * other is unable or away: both away is the ordinary left-behind case, handled by an
 * entrusted guardian, and is not flagged here.
 */
export function guardianCanAct(currentStatuses: readonly Pick<ParentStatusRow, 'parent_role' | 'status'>[]): boolean {
  const state = (role: ParentStatusRow['parent_role']) => {
    const statuses = currentStatuses.filter((s) => s.parent_role === role).map((s) => s.status);
    if (statuses.some((s) => UNABLE.has(s))) return 'UNABLE';
    return statuses.includes('RESIDING_ELSEWHERE') ? 'AWAY' : 'PRESENT';
  };
  const father = state('FATHER');
  const mother = state('MOTHER');
  return !((father === 'UNABLE' && mother !== 'PRESENT') || (mother === 'UNABLE' && father !== 'PRESENT'));
}
