import type { Principal } from '@lbc/schema';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/index.ts';
import { auditors } from './entries.ts';
import { insertNotices } from './notice-fixtures.ts';

const health = (level: Principal['level'], region: string, subject = `health-${region}`) => testPrincipal({ subject, agency: 'health', level, region });
const suxianHealth = health('county', '431003', 'hs-officer');

const bed = useSubgraphTestBed(audit, { fixtures: insertNotices, principal: suxianHealth });
const run = bed.run;

const NOTICES = `query($all: Boolean, $first: Int, $after: String) {
  accessNotices(unacknowledgedOnly: $all, first: $first, after: $after) {
    edges { node { id at childId readerAgency readerSubject readerRegion purpose fields entrySeq acknowledgedAt acknowledgedBy } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ACK = `mutation($id: ID!) { acknowledgeAccessNotice(id: $id) { id acknowledgedAt acknowledgedBy } }`;

async function noticeIds(principal: Principal, unacknowledgedOnly?: boolean): Promise<string[]> {
  const result = await run(NOTICES, { all: unacknowledgedOnly }, principal);
  expect(result.errors).toBeUndefined();
  return result.data!.accessNotices.edges.map((e: any) => e.node.id);
}

// Tests run in order and share one database: acknowledgements made here stay.
describe('accessNotices', () => {
  it("lists the owner agency's notices, newest first, with what was read and by whom", async () => {
    const result = await run(NOTICES, {});
    expect(result.errors).toBeUndefined();
    expect(result.data!.accessNotices.edges.map((e: any) => e.node)).toEqual([
      {
        id: '5',
        at: '2024-09-05T02:00:00.000Z',
        childId: 'LB000000004',
        readerAgency: 'police',
        readerSubject: 'ps-1',
        readerRegion: '431003',
        purpose: 'EMERGENCY',
        fields: ['Child.hospitalStays'],
        entrySeq: '5',
        acknowledgedAt: null,
        acknowledgedBy: null,
      },
      expect.objectContaining({ id: '4', childId: 'LB000000003', readerAgency: 'civil_affairs', readerRegion: '431003101001', fields: ['Child.mentalHealthScreenings'], entrySeq: '3' }),
      expect.objectContaining({ id: '1', childId: 'LB000000001', readerSubject: 'ps-1', entrySeq: '1' }),
    ]);
  });

  it("goes to the caller's region and the levels above it: readers at or below the caller, never above it or beside it", async () => {
    // Bailutang town: its village supervisor's read, not the county police's (which may concern any Suxian child).
    expect(await noticeIds(health('town', '431003101'))).toEqual(['4']);
    expect(await noticeIds(health('village', '431003101001'))).toEqual(['4']);
    // Another Suxian town: nothing — neither the county above it nor a village of another town.
    expect(await noticeIds(health('town', '431003102'))).toEqual([]);
    expect(await noticeIds(health('county', '431002'))).toEqual(['2']);
    expect(await noticeIds(health('city', '4310'))).toEqual(['5', '4', '2', '1']);
    expect(await noticeIds(health('province', '43'))).toEqual(['5', '4', '2', '1']);
    expect(await noticeIds(health('province', '21'))).toEqual([]);
  });

  it('a village officer of another village sees nothing of a county reader (the exploit)', async () => {
    const elsewhere = health('village', '431003999999', 'hv-elsewhere');
    const result = await run(NOTICES, { all: false }, elsewhere);
    expect(result.errors).toBeUndefined();
    expect(result.data!.accessNotices.edges).toEqual([]);
  });

  it('goes to the owner agency only', async () => {
    expect(await noticeIds(testPrincipal({ agency: 'education', level: 'county', region: '431003' }))).toEqual(['3']);
    expect(await noticeIds(testPrincipal({ agency: 'police', level: 'county', region: '431003' }))).toEqual([]);
    expect(await noticeIds(auditors.province)).toEqual([]);
  });

  it('pages by cursor', async () => {
    const first = await run(NOTICES, { first: 2 });
    expect(first.data!.accessNotices.edges.map((e: any) => e.node.id)).toEqual(['5', '4']);
    expect(first.data!.accessNotices.pageInfo.hasNextPage).toBe(true);
    const rest = await run(NOTICES, { first: 2, after: first.data!.accessNotices.pageInfo.endCursor });
    expect(rest.data!.accessNotices.edges.map((e: any) => e.node.id)).toEqual(['1']);
    expect(rest.data!.accessNotices.pageInfo.hasNextPage).toBe(false);
    const bad = await run(NOTICES, { after: 'garbage' });
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('acknowledgeAccessNotice', () => {
  it('is refused by its action rule, in the subgraph too, to agencies that own no facts and for statistics: nothing written', async () => {
    const justice = testPrincipal({ subject: 'js-officer', agency: 'justice', level: 'county', region: '431003' });
    for (const [principal, purpose, rule] of [
      [justice, 'CASE_MANAGEMENT', 'owner-agency-acknowledges-its-notices:agency'],
      [suxianHealth, 'STATISTICS', 'owner-agency-acknowledges-its-notices:purpose'],
    ] as const) {
      const result = await run(ACK, { id: '5' }, principal, purpose);
      expect(result.data).toBeNull();
      expect(result.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN', action: 'Mutation.acknowledgeAccessNotice', rule } });
    }
    expect(await bed.database.db.selectFrom('access_notice_ack').select('notice_id').execute()).toEqual([]);
  });

  it('cannot be done from below the reader: the county officer keeps the notice (the exploit)', async () => {
    for (const below of [health('village', '431003999999', 'hv-elsewhere'), health('town', '431003101', 'ht-officer')]) {
      const result = await run(ACK, { id: '5' }, below);
      expect(result.data).toBeNull();
      expect(result.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    }
    expect(await noticeIds(suxianHealth)).toEqual(['5', '4', '1']);
    expect(await bed.database.db.selectFrom('access_notice_ack').select('notice_id').execute()).toEqual([]);
  });

  it('records the acknowledgement once: a second one returns the first', async () => {
    const first = await run(ACK, { id: '1' });
    expect(first.errors).toBeUndefined();
    const acknowledged = first.data!.acknowledgeAccessNotice;
    expect(acknowledged).toMatchObject({ id: '1', acknowledgedBy: 'hs-officer' });
    expect(Number.isNaN(Date.parse(acknowledged.acknowledgedAt))).toBe(false);

    // The city above the reader may acknowledge too; the first acknowledgement stands.
    const again = await run(ACK, { id: '1' }, health('city', '4310', 'hc-officer'));
    expect(again.errors).toBeUndefined();
    expect(again.data!.acknowledgeAccessNotice).toEqual(acknowledged);
    const rows = await bed.database.db.selectFrom('access_notice_ack').selectAll().execute();
    expect(rows.map((r) => [Number(r.notice_id), r.acknowledged_by])).toEqual([[1, 'hs-officer']]);
  });

  it('drops acknowledged notices from the default list and shows them with the acknowledgement otherwise', async () => {
    expect(await noticeIds(suxianHealth)).toEqual(['5', '4']);
    const all = await run(NOTICES, { all: false });
    expect(all.data!.accessNotices.edges.map((e: any) => [e.node.id, e.node.acknowledgedBy])).toEqual([
      ['5', null],
      ['4', null],
      ['1', 'hs-officer'],
    ]);
  });

  it('keeps one acknowledgement when several arrive at once', async () => {
    const callers = ['a', 'b', 'c', 'd', 'e'].map((s) => health('county', '431003', `officer-${s}`));
    const results = await Promise.all(callers.map((caller) => run(ACK, { id: '5' }, caller)));
    const answers = results.map((r) => r.data!.acknowledgeAccessNotice);
    expect(answers.every((a) => a.acknowledgedBy === answers[0].acknowledgedBy && a.acknowledgedAt === answers[0].acknowledgedAt)).toBe(true);
    expect(answers[0].acknowledgedBy).toMatch(/^officer-[a-e]$/);
    const rows = await bed.database.db.selectFrom('access_notice_ack').select('notice_id').where('notice_id', '=', 5).execute();
    expect(rows).toHaveLength(1);
  });

  it('answers unknown, malformed and out-of-reach ids alike, and records nothing', async () => {
    const attempts: [string, Principal][] = [
      ['2', suxianHealth], // Beihu's notice
      ['3', suxianHealth], // education's notice
      ['5', health('county', '431002')], // Suxian's notice, from Beihu
      ['5', testPrincipal({ agency: 'police', level: 'county', region: '431003' })], // the reader itself
      ['5', health('town', '431003101')], // below the county reader
      ['4', health('village', '431003101002')], // beside the village reader
      ['999', suxianHealth],
      ['abc', suxianHealth],
      ['-1', suxianHealth],
      ['99999999999999999999999', suxianHealth],
    ];
    for (const [id, principal] of attempts) {
      const result = await run(ACK, { id }, principal);
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]).toMatchObject({ message: 'no such notice to your agency within your jurisdiction', extensions: { code: 'NOT_FOUND' } });
    }
    const rows = await bed.database.db.selectFrom('access_notice_ack').select('notice_id').orderBy('notice_id').execute();
    expect(rows.map((r) => Number(r.notice_id))).toEqual([1, 5]);
  });
});
