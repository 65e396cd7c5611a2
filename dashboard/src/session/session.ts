import type { Agency, Purpose } from '../generated/graphql.ts';

/** A principal's level as its token states it (lower case; the graph's AdminLevel enum is upper case). */
export type PrincipalLevel = 'province' | 'city' | 'county' | 'town' | 'village';

/** Who is signed in: held in memory only (never localStorage), so closing the tab signs out. */
export interface Session {
  token: string;
  principal: { id: string; zh: string; en: string; agency: Agency; level: PrincipalLevel; region: string };
  purpose: Purpose;
}

/**
 * Whether the caller may see children behind counts (the gateway's and subgraphs' rule
 * `hasRecordAccess`): county, town and village at work on records; city and province
 * only under SUPERVISION; nobody under STATISTICS; auditors never. The page uses it only
 * to decide what to ask for: the gateway decides what is answered.
 */
export function hasRecordAccess(session: Session): boolean {
  if (session.purpose === 'STATISTICS' || session.principal.agency === 'audit') return false;
  return ['county', 'town', 'village'].includes(session.principal.level) || session.purpose === 'SUPERVISION';
}
