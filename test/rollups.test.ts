import { checkRollups, type RollupDefinition } from '@lbc/subgraph-kit';
import { SERVICES } from '@lbc/scripts/services';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingAs, type Caller } from './harness/acting-as.ts';
import { eventually } from './harness/eventually.ts';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * The agencies' rollups (counts per village that every region aggregate reads) in the
 * running hub: the seed rebuilds them, and writes through the gateway — a mutation in one
 * agency, the exchange's deliveries in the others — keep each one equal to a recount from
 * the rows, visible in the region's counts the moment the write has answered.
 */
const COUNTY = '431003';
const REGISTER = `mutation Register($input: RegisterChildInput!) { registerChild(input: $input) { child { id registryVersion } } }`;
const MOVE = `mutation Move($input: ChangeResidenceInput!) { changeResidence(input: $input) { child { id } } }`;
const PARENT_STATUS = `mutation Status($input: RecordParentPoliceStatusInput!) { recordParentPoliceStatus(input: $input) { __typename } }`;
const COUNTS = `query Counts($code: DivisionCode!) {
  region(code: $code) {
    registryStats { activeChildren bothParentsAway }
    householdStats { childrenWithParentServingSentence }
  }
}`;

let hub: Hub;
const counted = SERVICES.filter((s) => s.definition.rollups?.length).map((s) => ({ name: s.name, rollups: s.definition.rollups! as readonly RollupDefinition[] }));
const db = (name: (typeof counted)[number]['name']) => hub.subgraphs[name].database.db;

async function everyRollupAgrees(): Promise<void> {
  for (const { name, rollups } of counted) expect(await checkRollups(db(name), rollups), name).toEqual([]);
}

beforeAll(async () => {
  hub = await startHub({ children: 1200, scope: [COUNTY], gateway: { rateLimit: { perMinute: 100_000, burst: 10_000 }, exchange: { intervalMs: 100, batchSize: 500 } } });
});
afterAll(() => hub?.stop());

describe('rollups in the running hub', () => {
  it('every agency keeps rollups, and the seed has rebuilt each from what it loaded', async () => {
    expect(counted.map((c) => c.name).sort()).toEqual(['civil-affairs', 'education-enrollment', 'health', 'police-household']);
    for (const { name, rollups } of counted) {
      for (const rollup of rollups) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(rollup.name)}`.execute(db(name));
        expect(rows[0]!.n, `${name}: ${rollup.name} is filled`).toBeGreaterThan(0);
      }
    }
    await everyRollupAgrees();
  });

  it('writes through the gateway move the counts at once, and the exchange keeps the other agencies’ rollups right', async () => {
    const civil: Caller = await actingAs(hub, { agency: 'civil_affairs', level: 'county', region: COUNTY });
    const police: Caller = await actingAs(hub, { agency: 'police', level: 'county', region: COUNTY });
    const towns = await civil(`query($code: DivisionCode!) { region(code: $code) { children(first: 2) { edges { node { children(first: 1) { edges { node { code } } } } } } } }`, { code: COUNTY });
    const [home, next] = towns.region.children.edges.map((e: any) => e.node.children.edges[0].node.code as string);
    const registry = async (code: string) => (await civil(COUNTS, { code })).region.registryStats;
    const [homeBefore, nextBefore, countyBefore] = [await registry(home), await registry(next), await registry(COUNTY)];

    const registered = await civil(REGISTER, {
      input: { name: '周小宇', sex: 'MALE', birthDate: '2017-04-02', residenceVillageCode: home, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2023-09-01' },
    });
    const { id: childId, registryVersion } = registered.registerChild.child as { id: string; registryVersion: number };
    expect(await registry(home)).toEqual({ activeChildren: homeBefore.activeChildren + 1, bothParentsAway: homeBefore.bothParentsAway + 1 });

    // A move leaves the old village's counts and joins the new one's; the county's total stays.
    await civil(MOVE, { input: { childId, expectedVersion: registryVersion, villageCode: next } });
    expect(await registry(home)).toEqual(homeBefore);
    expect(await registry(next)).toEqual({ activeChildren: nextBefore.activeChildren + 1, bothParentsAway: nextBefore.bothParentsAway + 1 });
    expect((await registry(COUNTY)).activeChildren).toBe(countyBefore.activeChildren + 1);

    // The police's counts follow the police's own write about a child they hold.
    const { rows } = await sql<{ id: string; place_code: string }>`
      select c.id, c.place_code from police_child c
      where c.place_code like ${`${COUNTY}%`} and c.registered
        and not exists (select 1 from parent_status s where s.child_id = c.id and s.status = 'SERVING_SENTENCE' and s.ended_on is null)
      order by c.id limit 1`.execute(db('police-household'));
    const pupil = rows[0]!;
    const sentenced = async () => (await police(COUNTS, { code: pupil.place_code })).region.householdStats.childrenWithParentServingSentence as number | null;
    const sentencedBefore = await sentenced();
    await police(PARENT_STATUS, { input: { childId: pupil.id, parent: 'FATHER', status: 'SERVING_SENTENCE', since: '2024-06-01' } });
    const sentencedAfter = await sentenced();
    expect(sentencedAfter).toBe((sentencedBefore ?? 0) + 1);

    // The exchange carries the new child's residence to the other agencies; each applies it in its own transaction.
    for (const name of ['education-enrollment', 'police-household', 'health'] as const) {
      await eventually(async () => {
        const places = await sql`select 1 from child_place where child_id = ${childId} and residence_code = ${next}`.execute(db(name));
        return places.rows.length ? true : undefined;
      }, `${name} receives the residence`);
    }
    await everyRollupAgrees();
  });
});
