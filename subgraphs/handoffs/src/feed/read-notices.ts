import type { Kysely } from 'kysely';
import type { HandoffsDB } from '../db-types.ts';

/** A notice as the hub's push reads it. */
export interface FeedNotice {
  id: string;
  seq: string;
  at: Date;
  reason: string;
  agency: string;
  regionCode: string;
  org: string | null;
  payload: string;
}

/** Notices after feed position `after`, oldest first: one statement on the primary key. */
export async function readNotices(db: Kysely<HandoffsDB>, after: string, limit: number): Promise<FeedNotice[]> {
  const rows = await db.selectFrom('handoff_notice').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, seq: String(r.seq), at: r.at, reason: r.reason, agency: r.agency, regionCode: r.region_code, org: r.org, payload: r.payload }));
}
