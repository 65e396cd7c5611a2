import { codeLength, type AdminLevel, type Principal } from '@lbc/schema';
import { sql, type RawBuilder } from 'kysely';

const LEVELS_ABOVE: readonly AdminLevel[] = ['province', 'city', 'county', 'town'];

/**
 * SQL over `access_notice n`: the notice may concern a child in the caller's jurisdiction.
 * Notices go to the owner agency (`n.owner_agency` = the caller's agency), and within it to
 * the principals whose region lies on one line of the hierarchy with the reader's region
 * — one is a prefix of the other. Why: the hub database does not know where the child
 * lives (that is in the owner's own records), but it knows the reader. A reader of another
 * agency's SENSITIVE fields is never the owner, so an org claim gives it nothing there and
 * it can read only children the owner places under the reader's region. The child's place
 * therefore starts with the reader's region, and it lies in the caller's jurisdiction only
 * if it starts with the caller's region too: two prefixes of one code are on one line. So
 * a county officer sees reads by principals of its county, towns and villages, and by the
 * city and province above it (whose reads may have concerned its county). Notices without
 * a reader region (none are written so) go to nobody: default deny.
 */
export function noticeInScope(principal: Principal): RawBuilder<boolean> {
  if (!/^\d+$/.test(principal.region)) return sql<boolean>`false`;
  const above = LEVELS_ABOVE.map(codeLength)
    .filter((length) => length < principal.region.length)
    .map((length) => principal.region.slice(0, length));
  const below = sql<boolean>`n.reader_region like ${`${principal.region}%`}`;
  if (above.length === 0) return sql<boolean>`(n.owner_agency = ${principal.agency} and ${below})`;
  return sql<boolean>`(n.owner_agency = ${principal.agency} and (${below} or n.reader_region in (${sql.join(above)})))`;
}
