import type { Principal } from '@lbc/schema';
import { sql, type RawBuilder } from 'kysely';

/**
 * SQL over `access_notice n`: the notices the caller may list and acknowledge. Notices go
 * to the owner agency (`n.owner_agency` = the caller's agency), and within it to the
 * principals whose region is at or above the reader's region: the caller's region is a
 * prefix of `n.reader_region`. Why only upwards: the hub database knows the reader, not
 * where the child lives (that is in the owner's own records). A county reader may have
 * read a child anywhere in its county, so only the owner's officers whose jurisdiction
 * covers the whole county — the county, its city, its province — are surely entitled to
 * know of the read, and to mark it as seen for everyone. A village officer of the owner
 * covers one village of that county: the notice may name a child elsewhere, and its
 * acknowledgement would clear the notice from the county officer's list. So a county
 * officer sees reads by principals of its county, towns and villages, and not reads by
 * the city or province above it. Notices without a reader region (none are written so)
 * go to nobody: default deny.
 */
export function noticeInScope(principal: Principal): RawBuilder<boolean> {
  // Division codes are digits: anything else could smuggle LIKE wildcards into the prefix.
  if (!/^\d+$/.test(principal.region)) return sql<boolean>`false`;
  return sql<boolean>`(n.owner_agency = ${principal.agency} and n.reader_region like ${`${principal.region}%`})`;
}
