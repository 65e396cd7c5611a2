import type { Insertable } from 'kysely';
import type { AuditRecord } from './audit-record.ts';
import type { AccessNoticeTable } from './hub-db.ts';

/**
 * Notify-on-access: when an agency reads SENSITIVE fields of a child that another agency
 * owns (a case worker reading a diagnosis under an open case, police under break-glass),
 * the owner is told — one notice per owner and child, naming the fields.
 */
export function noticesFor(record: AuditRecord, seq: number): Insertable<AccessNoticeTable>[] {
  const reader = record.principal;
  if (!reader) return [];
  const notices: Insertable<AccessNoticeTable>[] = [];
  for (const child of record.children) {
    const byOwner = new Map<string, Set<string>>();
    for (const field of child.fields) {
      if (field.fieldClass !== 'SENSITIVE' || field.owners.includes(reader.agency)) continue;
      for (const owner of field.owners) {
        if (!byOwner.has(owner)) byOwner.set(owner, new Set());
        byOwner.get(owner)!.add(field.coordinate);
      }
    }
    for (const [owner, fields] of byOwner) {
      notices.push({
        seq,
        owner_agency: owner,
        child_id: child.childId,
        reader_agency: reader.agency,
        reader_subject: reader.subject,
        reader_region: reader.region,
        purpose: record.purpose,
        fields: [...fields].sort(),
        at: record.at,
      });
    }
  }
  return notices;
}
