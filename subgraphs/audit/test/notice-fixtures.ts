import type { Kysely } from 'kysely';
import type { HubDB } from '../src/store/index.ts';
import { appendAll, children, reader, record } from './entries.ts';

const at = (day: number) => new Date(Date.UTC(2024, 8, day, 2));

/**
 * Reads of SENSITIVE fields that make notices (written by AuditLog, as in production).
 * Notice ids follow the order below: 1 … 5.
 */
export async function insertNotices(db: Kysely<HubDB>): Promise<void> {
  await appendAll(db, [
    // Notice 1, to health: Suxian county police read a diagnosis under break-glass.
    record({
      at: at(1),
      principal: reader('police', 'county', '431003', 'ps-1'),
      purpose: 'EMERGENCY',
      breakGlass: true,
      children: children(['LB000000001'], 'SENSITIVE', ['health'], 'Child.chronicConditions'),
    }),
    // Notice 2, to health: a Beihu town civil-affairs officer under an open case.
    record({
      at: at(2),
      principal: reader('civil_affairs', 'town', '431002101', 'ca-9'),
      purpose: 'ASSESSMENT',
      caseId: 'PC-1',
      children: children(['LB000000002'], 'SENSITIVE', ['health'], 'Child.mentalHealthScreenings'),
    }),
    // Notices 3 (education) and 4 (health): one read, two owners, by a Bailutang village civil-affairs supervisor.
    record({
      at: at(3),
      principal: reader('civil_affairs', 'village', '431003101001', 'cv-1'),
      purpose: 'ASSESSMENT',
      children: [
        {
          childId: 'LB000000003',
          fields: [
            { coordinate: 'Child.counsellingSessions', fieldClass: 'SENSITIVE', masked: false, owners: ['education'] },
            { coordinate: 'Child.mentalHealthScreenings', fieldClass: 'SENSITIVE', masked: false, owners: ['health'] },
            { coordinate: 'Child.name', fieldClass: 'BASIC', masked: false, owners: ['civil_affairs'] },
          ],
        },
      ],
    }),
    // No notice: health reading its own SENSITIVE data.
    record({ at: at(4), principal: reader('health', 'county', '431003', 'hs-1'), children: children(['LB000000001'], 'SENSITIVE', ['health'], 'Child.chronicConditions') }),
    // Notice 5, to health: Suxian county police again, another child.
    record({
      at: at(5),
      principal: reader('police', 'county', '431003', 'ps-1'),
      purpose: 'EMERGENCY',
      breakGlass: true,
      children: children(['LB000000004'], 'SENSITIVE', ['health'], 'Child.hospitalStays'),
    }),
  ]);
}
