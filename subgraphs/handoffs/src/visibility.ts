import type { Principal } from '@lbc/schema';
import { sql, type RawBuilder } from 'kysely';

/**
 * SQL over a hand-off aliased `h`: the caller is a party to it. Its agency sent or received
 * it at the caller's region or inside it (a county sees its townships' hand-offs, and so
 * what is escalated to it); staff bound to an org see only their org's. Auditors see none:
 * the audit log is theirs, not the children's matters.
 */
export function partyToHandoff(principal: Principal): RawBuilder<boolean> {
  if (principal.agency === 'audit') return sql<boolean>`false`;
  const under = `${principal.region}%`;
  const side = (agency: string, region: string, org: string) =>
    principal.org === undefined
      ? sql<boolean>`(${sql.ref(agency)} = ${principal.agency} and ${sql.ref(region)} like ${under})`
      : sql<boolean>`(${sql.ref(agency)} = ${principal.agency} and ${sql.ref(region)} like ${under} and ${sql.ref(org)} = ${principal.org})`;
  return sql<boolean>`(${side('h.to_agency', 'h.to_region', 'h.to_org')} or ${side('h.from_agency', 'h.from_region', 'h.from_org')})`;
}

/**
 * SQL over a hotline ticket aliased `t`: the Youth League of the ticket's region (or above
 * it), or an agency the ticket was transferred to (a party to one of its transfers).
 */
export function mayReadTicket(principal: Principal): RawBuilder<boolean> {
  if (principal.agency === 'audit') return sql<boolean>`false`;
  const own = principal.agency === 'youth_league' ? sql<boolean>`t.owner_region like ${`${principal.region}%`}` : sql<boolean>`false`;
  return sql<boolean>`(${own} or exists (select 1 from handoff h where h.ticket_id = t.id and ${partyToHandoff(principal)}))`;
}
