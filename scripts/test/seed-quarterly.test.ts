import type { CivilAffairsDB } from '@lbc/civil-affairs';
import {
  codeAtLevel,
  discoveryFor,
  quarterBounds,
  quarterStep,
  submittedLate,
  UNREGISTERED_PENDING_DAYS,
  villageCodeRange,
  violatedRules,
  type ChildFacts,
  type QuarterAction,
  type QuarterState,
  type QuarterVerifier,
} from '@lbc/schema';
import type { Database } from '@lbc/subgraph-kit';
import { createTestDatabase } from '@lbc/subgraph-kit/testing';
import { sql, type Kysely, type Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryFacts } from '../../subgraphs/civil-affairs/src/quality/registry-facts.ts';
import { educationFacts } from '../../subgraphs/education-enrollment/src/quality/education-facts.ts';
import { healthFacts } from '../../subgraphs/health/src/quality/health-facts.ts';
import { policeFacts } from '../../subgraphs/police-household/src/quality/police-facts.ts';
import { SEED_NOW } from '../src/seed/projections/handoff-lifecycle.ts';
import { seedWorld } from '../src/seed/seed-world.ts';
import { generateChild, IdNumberIssuer, loadPlaces, qualityFacts, SEED_DAY, type SyntheticChild } from '../src/seed/world/index.ts';
import { serviceNamed } from '../src/services.ts';

/**
 * What a new user finds of the quarterly cycle and of active discovery in a seeded world:
 * every township's 2024-Q2 submission done, 2024-Q3 in every state on the morning of the
 * seed's day, each with a history the cycle's own rule allows and the completeness the
 * registry's reviews give; and the children the registry does not hold, present at the
 * other agencies with no residence anywhere. 600 children of Suxian district, in four
 * databases.
 */
const SCOPE = ['431003'];
const CHILDREN = 600;
const SERVICES = ['civil-affairs', 'education-enrollment', 'police-household', 'health', 'handoffs'] as const;

const databases = new Map<string, Database<any>>();
let world: SyntheticChild[];
let towns: string[];
let submissions: Selectable<CivilAffairsDB['quarterly_submission']>[];
let events: Selectable<CivilAffairsDB['quarterly_submission_event']>[];
const db = (name: (typeof SERVICES)[number]): Kysely<any> => databases.get(name)!.db;
const registry = (): Kysely<CivilAffairsDB> => databases.get('civil-affairs')!.db;
const time = (at: Date | string | null) => (at === null ? null : new Date(at).getTime());

beforeAll(async () => {
  const targets = [];
  for (const name of SERVICES) {
    const service = serviceNamed(name);
    const database = await createTestDatabase(service.definition);
    databases.set(name, database);
    targets.push({ service, db: database.db });
  }
  await seedWorld(targets, { children: CHILDREN, scope: SCOPE, seed: 7, batchSize: 250 });
  const places = await loadPlaces(SCOPE);
  const ids = new IdNumberIssuer();
  world = Array.from({ length: CHILDREN }, (_, i) => generateChild(7, i, places, ids));
  towns = [...places.townSeat.keys()].sort();
  submissions = await registry().selectFrom('quarterly_submission').selectAll().orderBy('town_code').orderBy('quarter').execute();
  events = await registry().selectFrom('quarterly_submission_event').selectAll().orderBy('submission_id').orderBy('id').execute();
}, 120_000);

afterAll(async () => {
  await Promise.all([...databases.values()].map((d) => d.close()));
});

describe('the seeded quarterly submissions', () => {
  it('have 2024-Q2 done by every township, some late, and 2024-Q3 in every state', () => {
    const of = (quarter: string) => submissions.filter((s) => s.quarter === quarter);
    expect(of('2024-Q2').map((s) => s.town_code)).toEqual(towns);
    expect(new Set(of('2024-Q2').map((s) => s.state))).toEqual(new Set(['ACCEPTED', 'APPROVED']));
    expect(of('2024-Q2').filter((s) => s.submitted_late).length).toBeGreaterThan(0);
    expect(of('2024-Q2').filter((s) => !s.submitted_late).length).toBeGreaterThan(of('2024-Q2').length / 2);
    expect(of('2024-Q2').some((s) => time(s.submitted_at)! > time(s.first_submitted_at)!)).toBe(true);
    const q3 = of('2024-Q3');
    const open = towns.filter((t) => !q3.some((s) => s.town_code === t));
    console.log('2024-Q3 by state', Object.fromEntries(['SUBMITTED', 'VERIFIED', 'APPROVED', 'ACCEPTED', 'RETURNED'].map((st) => [st, q3.filter((s) => s.state === st).length])), 'OPEN', open.length);
    expect(open.length).toBeGreaterThan(0);
    expect(new Set(q3.map((s) => s.state))).toEqual(new Set(['SUBMITTED', 'VERIFIED', 'APPROVED', 'ACCEPTED', 'RETURNED']));
    expect(q3.filter((s) => s.state === 'SUBMITTED').map((s) => Number(s.education_verified_at !== null) + Number(s.police_verified_at !== null))).toEqual(expect.arrayContaining([0, 1]));
    expect(q3.every((s) => !s.submitted_late)).toBe(true);
    for (const s of q3.filter((x) => x.state === 'RETURNED')) expect(s.returned_reason, s.town_code).toMatch(/[\u4e00-\u9fff]/);
  });

  it('each have the history the cycle allows, ending where the row stands, at times consistent with it', () => {
    const problems = submissions.flatMap((s) => {
      const history = events.filter((e) => e.submission_id === s.id);
      let state: QuarterState = 'OPEN';
      let verifiedBy: readonly QuarterVerifier[] = [];
      const verifiedAt: Partial<Record<QuarterVerifier, number>> = {};
      const checks: [string, boolean][] = [];
      for (const e of history) {
        const step = quarterStep(e.action as QuarterAction, { agency: e.agency as any, level: e.level as any, region: e.region_code }, { townCode: s.town_code, state, verifiedBy });
        checks.push([`${e.action} by ${e.agency} ${e.level} ${e.region_code} allowed from ${state}`, step.ok && e.from_state === state && e.to_state === step.to]);
        checks.push([`${e.action}: region is the actor's unit`, e.region_code === codeAtLevel(s.town_code, e.level as any) && !!e.subject]);
        checks.push([`${e.action}: a reason exactly when returning`, (e.action === 'RETURN') === (e.reason !== null)]);
        if (!step.ok) break;
        if (e.action === 'VERIFY') verifiedAt[e.agency as QuarterVerifier] = time(e.at)!;
        state = step.to;
        verifiedBy = step.verifiedBy;
      }
      const at = history.map((e) => time(e.at)!);
      const submits = history.filter((e) => e.action === 'SUBMIT').map((e) => time(e.at));
      const last = (action: string) => time(history.findLast((e) => e.action === action)?.at ?? null);
      checks.push(
        ['ends in the row state', state === s.state],
        ['version counts the events', s.version === history.length],
        ['in time order, before the seed’s moment', at.every((t, i) => i === 0 || at[i - 1]! < t) && at.at(-1)! < SEED_NOW.getTime() && time(s.updated_at) === at.at(-1)],
        ['after the quarter ended', at[0]! > Date.parse(`${quarterBounds(s.quarter).end}T23:59:59+08:00`)],
        ['first and latest submission', time(s.first_submitted_at) === submits[0] && time(s.submitted_at) === submits.at(-1)],
        ['late as the calendar says', s.submitted_late === submittedLate(s.quarter, new Date(s.first_submitted_at))],
        [
          'standing verifications only',
          time(s.education_verified_at) === (verifiedBy.includes('education') ? verifiedAt.education! : null) &&
            time(s.police_verified_at) === (verifiedBy.includes('police') ? verifiedAt.police! : null),
        ],
        [
          'approved and accepted times',
          time(s.approved_at) === (['APPROVED', 'ACCEPTED'].includes(s.state) ? last('APPROVE') : null) && time(s.accepted_at) === (s.state === 'ACCEPTED' ? last('ACCEPT') : null),
        ],
        ['returned with the reason of its return', s.state === 'RETURNED' ? history.at(-1)!.action === 'RETURN' && s.returned_reason === history.at(-1)!.reason : s.returned_reason === null],
      );
      return checks.filter(([, ok]) => !ok).map(([what]) => `${s.town_code} ${s.quarter} ${s.state}: ${what}`);
    });
    expect(problems).toEqual([]);
  });

  it('snapshot the completeness the registry’s reviews give: whole where submitted, short where a township has not or was sent back', () => {
    const counted = (town: string, quarter: string) => {
      const end = quarterBounds(quarter).end;
      const inTown = world.filter((c) => c.inRegistry && c.townCode === town);
      const reviewed = inTown.filter((c) => c.reviews.some((r) => r.quarter === quarter));
      const expected = inTown.filter((c) => c.reviews.some((r) => r.quarter === quarter) || (c.status === 'ACTIVE' && c.registeredOn <= end));
      return { reviewed: reviewed.length, expected: expected.length };
    };
    for (const s of submissions) expect({ reviewed: s.reviewed_children, expected: s.expected_children }, `${s.town_code} ${s.quarter}`).toEqual(counted(s.town_code, s.quarter));
    const q3 = submissions.filter((s) => s.quarter === '2024-Q3');
    for (const s of q3.filter((x) => x.state !== 'RETURNED')) expect(s.reviewed_children, s.town_code).toBe(s.expected_children);
    expect(q3.filter((s) => s.state === 'RETURNED').some((s) => s.reviewed_children < s.expected_children)).toBe(true);
    const open = towns.filter((t) => !q3.some((s) => s.town_code === t));
    expect(open.some((t) => counted(t, '2024-Q3').reviewed < counted(t, '2024-Q3').expected)).toBe(true);
  });
});

describe('the seeded children the registry does not hold', () => {
  it('are absent from civil affairs, present at education and the police, with no residence place anywhere', async () => {
    const undiscovered = world.filter((c) => !c.inRegistry);
    expect(undiscovered.length).toBeGreaterThanOrEqual(2);
    const ids = undiscovered.map((c) => c.id);
    expect(await db('civil-affairs').selectFrom('child').select('id').where('id', 'in', ids).execute()).toEqual([]);
    for (const table of ['parent', 'quarterly_review', 'risk_flag', 'guardian'] as const) {
      expect(await db('civil-affairs').selectFrom(table).select('child_id').where('child_id', 'in', ids).execute(), table).toEqual([]);
    }
    const pupils = undiscovered.filter((c) => c.school);
    expect(
      (await db('education-enrollment').selectFrom('enrollment').select(['child_id', 'left_behind']).where('child_id', 'in', ids).where('current', '=', true).orderBy('child_id').execute()).map(
        (r) => [r.child_id, r.left_behind],
      ),
    ).toEqual(pupils.map((c) => [c.id, true]));
    expect((await db('police-household').selectFrom('resident').select('child_id').where('child_id', 'in', ids).orderBy('child_id').execute()).map((r) => r.child_id)).toEqual(ids);
    expect((await db('handoffs').selectFrom('handoff').select('id').where('child_id', 'in', ids).execute()).length).toBe(0);
    for (const name of SERVICES) {
      const places = await db(name).selectFrom('child_place').selectAll().where('child_id', 'in', ids).orderBy('child_id').execute();
      expect(
        places.map((p: any) => [p.child_id, p.residence_code, p.registration_code]),
        name,
      ).toEqual(undiscovered.map((c) => [c.id, null, c.household!.addressCode]));
      const withoutResidence = await db(name).selectFrom('child_place').select('child_id').where('residence_code', 'is', null).execute();
      expect(withoutResidence.length, name).toBe(undiscovered.length);
    }
  });
});

describe('the quality check, read from the seeded databases', () => {
  /** Every child's facts as the four agencies' own fact queries return them, township by township. */
  async function factsFromDatabases(): Promise<Map<string, ChildFacts>> {
    const facts = new Map<string, ChildFacts>();
    const add = (agency: 'registry' | 'education' | 'police' | 'health', rows: { childId: string }[]) => {
      for (const row of rows) facts.set(row.childId, { ...(facts.get(row.childId) ?? { childId: row.childId }), [agency]: row });
    };
    for (const townCode of towns) {
      const page = { townCode, ...villageCodeRange(townCode), after: '', first: 1000 };
      add('registry', (await registryFacts(db('civil-affairs'), page)) as any);
      add('education', await educationFacts(db('education-enrollment'), page));
      add('police', await policeFacts(db('police-household'), page));
      add('health', await healthFacts(db('health'), page));
    }
    return facts;
  }

  it('finds exactly the defects the world made, and discovers exactly the children the registry does not hold', async () => {
    const facts = await factsFromDatabases();
    const context = { today: SEED_DAY, pendingDays: UNREGISTERED_PENDING_DAYS };
    const found = world.flatMap((c) => {
      const f = facts.get(c.id);
      const violated = f?.registry ? violatedRules(f, context).sort() : [];
      return violated.join() === [...c.defects].sort().join() ? [] : [`${c.id}: the databases break [${violated.join(', ')}], the world carries [${c.defects.join(', ')}]`];
    });
    expect(found).toEqual([]);
    expect(world.filter((c) => c.defects.length > 0).length).toBeGreaterThan(0);
    const discovered = world.filter((c) => discoveryFor(facts.get(c.id) ?? { childId: c.id }) !== undefined).map((c) => c.id);
    expect(discovered).toEqual(world.filter((c) => !c.inRegistry).map((c) => c.id));
    // The seed's own view of the facts (quality-view.ts) is what the agencies answer.
    for (const c of world) expect(facts.get(c.id)?.registry, c.id).toEqual(qualityFacts(c).registry);
  });
});

describe('the seeded databases', () => {
  it('are analysed: the planner knows how many rows each loaded table holds', async () => {
    const tables: [(typeof SERVICES)[number], string][] = [
      ['civil-affairs', 'child'],
      ['civil-affairs', 'quarterly_review'],
      ['education-enrollment', 'enrollment'],
      ['police-household', 'resident'],
      ['health', 'patient'],
      ['handoffs', 'handoff'],
    ];
    for (const [service, table] of tables) {
      const { rows } = await sql<{ estimated: number; counted: number }>`
        select (select reltuples from pg_class where relname = ${table})::float8 as estimated, (select count(*) from ${sql.table(table)})::float8 as counted`.execute(db(service));
      // Never analysed, a table's estimate is -1 (or 0): the seed's own ANALYZE makes it the count.
      expect(rows[0]!.counted, table).toBeGreaterThan(0);
      expect(rows[0]!.estimated, `${service}.${table}`).toBe(rows[0]!.counted);
    }
  });
});
