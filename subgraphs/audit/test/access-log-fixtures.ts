import type { Kysely } from 'kysely';
import type { HubDB } from '../src/store/index.ts';
import { appendAll, children, denials, reader, record } from './entries.ts';

const day = (d: number, hourUtc = 2) => new Date(Date.UTC(2024, 8, d, hourUtc));

/**
 * The access log the auditor tools are tested on, seq 1…8 in this order (see each line).
 * Suxian district is 431003, Bailutang town 431003101, Beihu district 431002 (both in
 * Chenzhou 4310, Hunan 43); Fushun county 210421 is in Liaoning (21).
 */
export async function insertAccessLog(db: Kysely<HubDB>): Promise<void> {
  await appendAll(db, [
    // 1: Suxian's county health officer reads child 1's name.
    record({ at: day(1), requestId: 'req-1', principal: reader('health', 'county', '431003', 'hs-1'), children: children(['LB000000001']) }),
    // 2: a Bailutang town health officer reads two children's diagnoses (its own agency's data: no notice).
    record({
      at: day(2),
      requestId: 'req-2',
      principal: reader('health', 'town', '431003101', 'ht-1'),
      children: children(['LB000000001', 'LB000000002'], 'SENSITIVE', ['health'], 'Child.chronicConditions'),
    }),
    // 3: Suxian police read a diagnosis under break-glass in an emergency.
    record({
      at: day(3),
      requestId: 'req-3',
      principal: reader('police', 'county', '431003', 'ps-1'),
      purpose: 'EMERGENCY',
      justification: 'child missing since last night, hospital check',
      breakGlass: true,
      children: children(['LB000000002'], 'SENSITIVE', ['health'], 'Child.chronicConditions'),
    }),
    // 4: Beihu civil affairs: partial, two fields denied.
    record({
      at: day(4),
      requestId: 'req-4',
      principal: reader('civil_affairs', 'county', '431002', 'cb-1'),
      children: children(['LB000000003'], 'PROTECTIVE'),
      denied: denials(2),
      outcome: 'partial',
    }),
    // 5: nobody: authentication failed.
    record({ at: day(5), requestId: 'req-5', principal: null, client: null, purpose: null, children: [], fetches: [], outcome: 'rejected', reason: 'authentication failed' }),
    // 6: Fushun (Liaoning) education.
    record({ at: day(6), requestId: 'req-6', principal: reader('education', 'county', '210421', 'fe-1'), children: children(['LB000000004']) }),
    // 7: Suxian's auditor, reading the log (no child data).
    record({ at: day(7), requestId: 'req-7', principal: reader('audit', 'county', '431003', 'auditor-suxian'), purpose: 'SUPERVISION', children: [], operationName: 'AccessLog' }),
    // 8: hs-1 again, with values made to break a CSV export.
    record({
      at: day(8),
      requestId: 'req-8,"quoted"\nline',
      principal: reader('health', 'county', '431003', 'hs-1'),
      operationName: '=HYPERLINK("http://evil.example","open")',
      caseId: '@SUM(A1)',
      children: children(['LB000000001']),
    }),
  ]);
}
