import type { Kysely } from 'kysely';
import type { HandoffsDB } from '../db-types.ts';

/** A township someone asked to have checked. */
export interface QualityRequest {
  townCode: string;
  requestedAt: Date;
}

/** Townships someone asked to have checked, oldest request first. */
export async function qualityRequests(db: Kysely<HandoffsDB>, limit: number): Promise<QualityRequest[]> {
  const rows = await db.selectFrom('quality_check').select(['town_code', 'requested_at']).where('requested_at', 'is not', null).orderBy('requested_at').limit(limit).execute();
  return rows.map((row) => ({ townCode: row.town_code, requestedAt: row.requested_at! }));
}
