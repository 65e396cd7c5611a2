import type { Kysely } from 'kysely';
import type { AuditRecord, HubDB } from '../src/store/index.ts';
import { appendAll, childIds, children, denials, reader, record } from './entries.ts';

/** In September 2024; `hourUtc` 2 is 10:00 China time. */
const at = (day: number, hourUtc = 2, minute = 0) => new Date(Date.UTC(2024, 8, day, hourUtc, minute));

/**
 * The log the anomaly tests read, window September 2024. Each entry is named; its seq is
 * its position in this list (ANOMALY_SEQ gives it by name).
 */
const ENTRIES: [string, AuditRecord][] = [
  // MANY_CHILDREN: Suxian's county health officer reads 25 distinct children in two overlapping entries; the
  // other Chenzhou county health officers read 5 each.
  ['hs-1 a', record({ at: at(2), principal: reader('health', 'county', '431003', 'hs-1'), children: children(childIds(1, 15)) })],
  ['hs-1 b', record({ at: at(3), principal: reader('health', 'county', '431003', 'hs-1'), children: children(childIds(10, 16)) })],
  ['hb-1', record({ at: at(2), principal: reader('health', 'county', '431002', 'hb-1'), children: children(childIds(100, 5)) })],
  ['hg-1', record({ at: at(2), principal: reader('health', 'county', '431021', 'hg-1'), children: children(childIds(200, 5)) })],
  ['hy-1', record({ at: at(2), principal: reader('health', 'county', '431022', 'hy-1'), children: children(childIds(300, 5)) })],
  // Outside the window (a second before it, China midnight): 100 children that must not count.
  ['hy-1 before', record({ at: new Date('2024-08-31T15:59:59Z'), principal: reader('health', 'county', '431022', 'hy-1'), children: children(childIds(400, 100)) })],
  // Not MANY_CHILDREN: 25 children, but peers read 10 on average (3 × 10 = 30 > 25).
  ['pa-1', record({ at: at(4), principal: reader('police', 'county', '431003', 'pa-1'), children: children(childIds(1, 25)) })],
  ['pb-1', record({ at: at(4), principal: reader('police', 'county', '431002', 'pb-1'), children: children(childIds(100, 10)) })],
  ['pc-1', record({ at: at(4), principal: reader('police', 'county', '431021', 'pc-1'), children: children(childIds(200, 10)) })],
  // Not MANY_CHILDREN: 19 times the peers' one child each, but under the minimum of 20.
  ['ca-1', record({ at: at(5), principal: reader('civil_affairs', 'town', '431003101', 'ca-1'), children: children(childIds(1, 19)) })],
  ['ca-2', record({ at: at(5), principal: reader('civil_affairs', 'town', '431003102', 'ca-2'), children: children(childIds(50, 1)) })],
  ['ca-3', record({ at: at(5), principal: reader('civil_affairs', 'town', '431002101', 'ca-3'), children: children(childIds(60, 1)) })],
  // Not MANY_CHILDREN: 100 children, but nobody of its agency and level to compare with.
  ['ew-1', record({ at: at(6), principal: reader('womens_federation', 'county', '431003', 'ew-1'), children: children(childIds(1, 100)) })],
  // OUT_OF_HOURS: a Bailutang police officer reads at 21:00 (an emergency) and at 20:00 sharp; its 10:00 read is not behind it.
  ['pn-1 21:00', record({ at: at(10, 13), principal: reader('police', 'town', '431003101', 'pn-1'), purpose: 'EMERGENCY', children: children(['LB000000007']) })],
  ['pn-1 20:00', record({ at: at(11, 12), principal: reader('police', 'town', '431003101', 'pn-1'), children: children(['LB000000007']) })],
  ['pn-1 10:00', record({ at: at(12), principal: reader('police', 'town', '431003101', 'pn-1'), children: children(['LB000000007']) })],
  // Not OUT_OF_HOURS: 08:00 sharp and 19:59 are working hours; a night query that returned no child data is no read.
  ['ev-1 08:00', record({ at: at(12, 0), principal: reader('education', 'village', '431003101001', 'ev-1'), children: children(['LB000000008']) })],
  ['ev-1 19:59', record({ at: at(12, 11, 59), principal: reader('education', 'village', '431003101001', 'ev-1'), children: children(['LB000000008']) })],
  [
    'jc-1 23:00',
    record({
      at: at(12, 15),
      principal: reader('justice', 'county', '431003', 'jc-1'),
      children: [],
      otherFields: [{ coordinate: 'Region.registryStats', fieldClass: 'AGGREGATE', masked: false, owners: ['civil_affairs'] }],
    }),
  ],
  // MANY_DENIALS: 5 + 5 denied fields; its entry without denials is not behind it.
  ['yd-1 a', record({ at: at(14), principal: reader('youth_league', 'town', '431003101', 'yd-1'), children: [], denied: denials(5), outcome: 'partial' })],
  ['yd-1 b', record({ at: at(15), principal: reader('youth_league', 'town', '431003101', 'yd-1'), children: [], denied: denials(5), outcome: 'partial' })],
  ['yd-1 c', record({ at: at(16), principal: reader('youth_league', 'town', '431003101', 'yd-1'), children: children(['LB000000009']) })],
  // Not MANY_DENIALS: 9.
  ['yd-2', record({ at: at(14), principal: reader('youth_league', 'town', '431003102', 'yd-2'), children: [], denied: denials(9), outcome: 'partial' })],
  // BREAK_GLASS, in Beihu.
  [
    'pg-1',
    record({
      at: at(20),
      principal: reader('police', 'town', '431002101', 'pg-1'),
      purpose: 'EMERGENCY',
      breakGlass: true,
      justification: 'missing child, checking hospital stays',
      children: children(['LB000000100'], 'SENSITIVE', ['health']),
    }),
  ],
  // Failed authentication at night: no principal, never an anomaly.
  ['nobody', record({ at: at(21, 16), principal: null, purpose: null, children: [], outcome: 'rejected', reason: 'authentication failed' })],
];

export const ANOMALY_SEQ: Record<string, number> = Object.fromEntries(ENTRIES.map(([name], i) => [name, i + 1]));

export async function insertAnomalyLog(db: Kysely<HubDB>): Promise<void> {
  await appendAll(
    db,
    ENTRIES.map(([, r]) => r),
  );
}
