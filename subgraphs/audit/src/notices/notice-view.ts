import type { Selectable } from 'kysely';
import type { AccessNoticeTable } from '../store/hub-db.ts';

/** A notice joined with its acknowledgement, as stored. */
export type NoticeRow = Selectable<AccessNoticeTable> & {
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
};

/** What `AccessNotice` resolves from: the fields under their API names. */
export interface NoticeView {
  id: number;
  at: Date;
  childId: string;
  readerAgency: string;
  readerSubject: string;
  readerRegion: string | null;
  purpose: string | null;
  fields: string[];
  entrySeq: number;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

export function noticeView(row: NoticeRow): NoticeView {
  return {
    id: Number(row.id),
    at: new Date(row.at),
    childId: row.child_id,
    readerAgency: row.reader_agency,
    readerSubject: row.reader_subject,
    readerRegion: row.reader_region,
    purpose: row.purpose,
    fields: row.fields,
    entrySeq: Number(row.seq),
    acknowledgedAt: row.acknowledged_at === null ? null : new Date(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
  };
}
