/** A notice joined with its acknowledgement, as stored. */
export interface NoticeRow {
  id: number;
  seq: number;
  owner_agency: string;
  child_id: string;
  reader_agency: string;
  reader_subject: string;
  reader_region: string | null;
  purpose: string | null;
  fields: string[];
  at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

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
