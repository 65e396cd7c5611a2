import { checkRollups, migrateToLatest, regionRanges } from '@lbc/subgraph-kit';
import { createTestDatabase, deliveredEvent, identityIssued, testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { idNumberCheckChar } from '@lbc/schema';
import { Migrator, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CivilAffairsDB } from '../src/db-types.ts';
import { civilAffairs } from '../src/index.ts';
import { createLoaders, type RegistryStatsRow } from '../src/loaders.ts';
import { migrations } from '../src/migrations/index.ts';
import { REGISTRY_COUNT_COLUMNS, ROLLUPS } from '../src/rollups/index.ts';
import { CROSSING, insertCountyCrossingChild, insertRegistryFixtures } from './fixtures.ts';
import { CALLERS, registryVersion } from './write-helpers.ts';

const bed = useSubgraphTestBed(civilAffairs, {
  fixtures: async (db: Kysely<CivilAffairsDB>) => {
    await insertRegistryFixtures(db);
    await insertCountyCrossingChild(db);
  },
  principal: CALLERS.county,
});
const db = () => bed.database.db;

const BAILUTANG = '431003101201';
const TANGXI = '431003101202';
const SHIWEN = '210421100201';
/** Every level of the fixtures' hierarchy, and Beijing, which holds nothing. */
const REGIONS = ['43', '4310', '431003', '431003101', BAILUTANG, TANGXI, '4301', '430121', CROSSING.residence, '21', '210421', SHIWEN, '11'];

type Counts = Omit<RegistryStatsRow, 'code'>;
type Stats = Record<string, RegistryStatsRow>;

/** The region stats as Region.registryStats reads them: its loader, one batch for every region. */
async function stats(codes: readonly string[] = REGIONS): Promise<Stats> {
  const loaders = createLoaders(db(), testPrincipal());
  const rows = await Promise.all(codes.map((code) => loaders.registryStats.load(code)));
  return Object.fromEntries(rows.map((row, i) => [codes[i]!, row!]));
}

/** A recount from the children's rows: the SQL the region stats ran per request before the rollup. */
async function recount(codes: readonly string[] = REGIONS): Promise<Stats> {
  const flag = (kind: string) => sql`exists (select 1 from risk_flag f where f.child_id = c.id and f.kind = ${kind} and f.cleared_on is null)`;
  const { rows } = await sql<RegistryStatsRow>`
    select r.code,
      count(c.id)::int as active_children,
      count(c.id) filter (where c.category = 'BOTH_PARENTS_AWAY')::int as both_parents_away,
      count(c.id) filter (where c.category = 'ONE_PARENT_AWAY_OTHER_UNABLE')::int as one_parent_away_other_unable,
      count(c.id) filter (where ${flag('DE_FACTO_UNSUPPORTED')})::int as de_facto_unsupported,
      count(c.id) filter (where ${flag('GUARDIAN_MISSING')})::int as guardian_missing,
      count(c.id) filter (where not exists (select 1 from guardian g where g.child_id = c.id))::int as without_entrusted_guardian,
      count(c.id) filter (where exists (
        select 1 from protection_case p where p.child_id = c.id and p.status = 'OPEN'))::int as open_protection_cases,
      count(c.id) filter (where exists (
        select 1 from assistance a where a.child_id = c.id and a.kind = 'MINIMUM_LIVING_ALLOWANCE' and a.status = 'GRANTED'
      ))::int as on_minimum_living_allowance
    from ${regionRanges(codes)}
    left join child c on c.village_code between r.low and r.high and c.status = 'ACTIVE'
    group by r.code`.execute(db());
  return Object.fromEntries(rows.map((row) => [row.code, row]));
}

/** The rollup agrees with the rows everywhere, and every region's stats equal a recount. */
async function expectConsistent(): Promise<Stats> {
  expect(await checkRollups(db(), ROLLUPS)).toEqual([]);
  const now = await stats();
  expect(now).toEqual(await recount());
  return now;
}

/**
 * Runs `write` and expects each village's counts to move by its `moves` (nothing else to
 * move), in the stats of that village and of every region holding it, read once the write
 * has answered; the rollup stays consistent.
 */
async function expectMoves(write: () => Promise<unknown>, moves: Record<string, Partial<Counts>>): Promise<void> {
  const before = await expectConsistent();
  await write();
  const after = await expectConsistent();
  const expected = Object.fromEntries(
    REGIONS.map((code) => {
      const row = { ...before[code]! };
      for (const [village, delta] of Object.entries(moves)) {
        if (!village.startsWith(code)) continue;
        for (const [column, by] of Object.entries(delta) as [keyof Counts, number][]) row[column] += by;
      }
      return [code, row];
    }),
  );
  expect(after).toEqual(expected);
}

/** Runs a mutation as `principal` (default: the Suxian county officer) and returns its result. */
const mutate = (query: string, input: Record<string, unknown>, principal = CALLERS.county) => bed.run(query, { input }, principal);
const succeeds = async (query: string, input: Record<string, unknown>, principal = CALLERS.county) => {
  const result = await mutate(query, input, principal);
  expect(result.errors).toBeUndefined();
  return result.data!;
};
const fails = async (query: string, input: Record<string, unknown>, code: string, principal = CALLERS.county) => {
  const result = await mutate(query, input, principal);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code });
};

const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { child { id } } }`;
const RESIDENCE = `mutation($input: ChangeResidenceInput!) { changeResidence(input: $input) { child { id } } }`;
const GUARDIAN = `mutation($input: ChangeGuardianInput!) { changeGuardian(input: $input) { child { id } } }`;
const EXIT = `mutation($input: ExitChildInput!) { exitChild(input: $input) { child { id } } }`;
const READMIT = `mutation($input: ReadmitChildInput!) { readmitChild(input: $input) { child { id } } }`;
const APPLY = `mutation($input: ApplyForAssistanceInput!) { applyForAssistance(input: $input) { assistance { id version } } }`;
const DECIDE = `mutation($input: DecideAssistanceInput!) { decideAssistance(input: $input) { assistance { id } } }`;
const OPEN = `mutation($input: OpenProtectionCaseInput!) { openProtectionCase(input: $input) { protectionCase { id version } } }`;
const ASSESS = `mutation($input: RecordCaseAssessmentInput!) { recordCaseAssessment(input: $input) { protectionCase { version } } }`;
const APPROVE = `mutation($input: ApproveCaseAssessmentInput!) { approveCaseAssessment(input: $input) { protectionCase { version } } }`;
const CLOSE = `mutation($input: CloseProtectionCaseInput!) { closeProtectionCase(input: $input) { protectionCase { version } } }`;
const PETITION = `mutation($input: FileGuardianshipPetitionInput!) { fileGuardianshipPetition(input: $input) { petition { id version } } }`;
const DECISION = `mutation($input: RecordPetitionOutcomeInput!) { recordPetitionOutcome(input: $input) { petition { id } } }`;

const GRANNY = { name: '李奶奶', relationship: 'GRANDPARENT', capacity: 'ADEQUATE' };

describe('registry_village_counts after the fixtures', () => {
  it('agrees with the rows, and every region level sums its villages as a recount counts them', async () => {
    const now = await expectConsistent();
    // Spelled out for two regions, so that "equal to a recount" cannot be two empty answers.
    expect(now['431003']).toEqual({
      code: '431003',
      active_children: 2,
      both_parents_away: 1,
      one_parent_away_other_unable: 1,
      de_facto_unsupported: 0,
      guardian_missing: 0,
      without_entrusted_guardian: 1,
      open_protection_cases: 1,
      on_minimum_living_allowance: 1,
    });
    expect(now['43']!.active_children).toBe(3);
    expect(now['11']).toEqual({ code: '11', ...Object.fromEntries(REGISTRY_COUNT_COLUMNS.map((c) => [c, 0])) });
    const { rows } = await sql<{ village_code: string }>`select village_code from registry_village_counts order by village_code`.execute(db());
    expect(rows.map((r) => r.village_code)).toEqual([SHIWEN, CROSSING.residence, BAILUTANG, TANGXI]);
  });

  it('reads a batch of regions, of every level, in one statement', async () => {
    const loaders = createLoaders(db(), testPrincipal());
    bed.database.statements.reset();
    await Promise.all(REGIONS.map((code) => loaders.registryStats.load(code)));
    expect(bed.database.statements.count).toBe(1);
  });
});

describe('writes move the counts at once', () => {
  it('registerChild counts the new child in its village, as the graph reads the region', async () => {
    const read = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { registryStats { activeChildren withoutEntrustedGuardian } } } }`;
    const province = testPrincipal({ level: 'province', region: '43' });
    const graph = async () => (await bed.run(read, { reps: [{ __typename: 'Region', code: TANGXI }] }, province, 'SUPERVISION')).data!._entities[0].registryStats;
    const before = await graph();
    const input = { name: '赵小军', sex: 'MALE', birthDate: '2018-05-01', residenceVillageCode: TANGXI, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2024-03-01' };
    await expectMoves(() => succeeds(REGISTER, input), { [TANGXI]: { active_children: 1, both_parents_away: 1, without_entrusted_guardian: 1 } });
    expect(await graph()).toEqual({ activeChildren: before.activeChildren + 1, withoutEntrustedGuardian: before.withoutEntrustedGuardian + 1 });
    // Refused (outside the jurisdiction): nothing counted.
    await expectMoves(() => fails(REGISTER, { ...input, residenceVillageCode: SHIWEN }, 'BAD_USER_INPUT'), {});
  });

  it('changeResidence moves every count of the child from the old village to the new one', async () => {
    // LB000000002: one parent away, no guardian, an open case, a granted allowance.
    const counts = { active_children: 1, one_parent_away_other_unable: 1, without_entrusted_guardian: 1, open_protection_cases: 1, on_minimum_living_allowance: 1 };
    const negative = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, -v]));
    const move = async (to: string) => succeeds(RESIDENCE, { childId: 'LB000000002', expectedVersion: await registryVersion(db(), 'LB000000002'), villageCode: to });
    await expectMoves(() => move(BAILUTANG), { [TANGXI]: negative, [BAILUTANG]: counts });
    // A stale version is refused: the child stays, and so do its counts.
    await expectMoves(() => fails(RESIDENCE, { childId: 'LB000000002', expectedVersion: 1, villageCode: TANGXI }, 'CONFLICT'), {});
    await expectMoves(() => move(TANGXI), { [BAILUTANG]: negative, [TANGXI]: counts });
  });

  it('changeGuardian gives a child without one an entrusted guardian; replacing it moves nothing', async () => {
    const change = async () => succeeds(GUARDIAN, { childId: 'LB000000002', expectedVersion: await registryVersion(db(), 'LB000000002'), guardian: GRANNY });
    await expectMoves(change, { [TANGXI]: { without_entrusted_guardian: -1 } });
    await expectMoves(change, {});
    await sql`delete from guardian where child_id = 'LB000000002'`.execute(db());
  });

  it('exitChild takes the child out of every count, readmitChild puts it back; a refused exit moves nothing', async () => {
    const id = 'LB000000001'; // both parents away, with a guardian, in Bailutang
    // Refused after the update ran (a child of 14 has not turned sixteen): the transaction rolls back with its marks.
    await expectMoves(async () => fails(EXIT, { childId: id, expectedVersion: await registryVersion(db(), id), reason: 'TURNED_SIXTEEN', exitedOn: '2026-01-10' }, 'BAD_USER_INPUT'), {});
    await expectMoves(async () => succeeds(EXIT, { childId: id, expectedVersion: await registryVersion(db(), id), reason: 'JOINED_PARENTS', exitedOn: '2026-01-10' }), {
      [BAILUTANG]: { active_children: -1, both_parents_away: -1 },
    });
    await expectMoves(async () => succeeds(READMIT, { childId: id, expectedVersion: await registryVersion(db(), id), category: 'ONE_PARENT_AWAY_OTHER_UNABLE', leftBehindSince: '2026-02-01' }), {
      [BAILUTANG]: { active_children: 1, one_parent_away_other_unable: 1 },
    });
  });

  it('a minimum living allowance counts once granted, not while applied for; other kinds never', async () => {
    const apply = async (kind: string) => (await succeeds(APPLY, { childId: 'LB000000001', kind, appliedOn: '2026-11-01' })).applyForAssistance.assistance as { id: string; version: number };
    let allowance: { id: string; version: number } | undefined;
    await expectMoves(async () => (allowance = await apply('MINIMUM_LIVING_ALLOWANCE')), {});
    await expectMoves(() => succeeds(DECIDE, { assistanceId: allowance!.id, expectedVersion: allowance!.version, decision: 'GRANTED', amountYuan: 500, decidedOn: '2026-11-10' }), {
      [BAILUTANG]: { on_minimum_living_allowance: 1 },
    });
    // A stale decision is refused: the allowance stays granted.
    await expectMoves(() => fails(DECIDE, { assistanceId: allowance!.id, expectedVersion: allowance!.version, decision: 'REJECTED', decidedOn: '2026-11-11' }, 'CONFLICT'), {});
    const aid = await apply('TEMPORARY_AID');
    await expectMoves(() => succeeds(DECIDE, { assistanceId: aid.id, expectedVersion: aid.version, decision: 'GRANTED', amountYuan: 300, decidedOn: '2026-11-12' }), {});
    // Ended by SQL (no mutation ends one yet): the trigger serves every path.
    await expectMoves(() => sql`update assistance set status = 'ENDED', ended_on = '2026-12-01' where id = ${Number(allowance!.id)}`.execute(db()), {
      [BAILUTANG]: { on_minimum_living_allowance: -1 },
    });
  });

  it('a protection case counts while OPEN: opened, assessed, approved, closed; a second OPEN one of a kind is refused', async () => {
    // LB000000001 has none open.
    let opened: { id: string; version: number } | undefined;
    await expectMoves(async () => (opened = (await succeeds(OPEN, { childId: 'LB000000001', kind: 'SUSPECTED_ABUSE' })).openProtectionCase.protectionCase), {
      [BAILUTANG]: { open_protection_cases: 1 },
    });
    await expectMoves(() => fails(OPEN, { childId: 'LB000000001', kind: 'SUSPECTED_ABUSE' }, 'CONFLICT'), {});
    // A second open case of another kind: the child counts once.
    await expectMoves(() => succeeds(OPEN, { childId: 'LB000000001', kind: 'DROPOUT' }), {});
    const caseId = opened!.id;
    await expectMoves(() => succeeds(ASSESS, { caseId, expectedVersion: 1, safety: 'LOW', guardianship: 'LOW', health: 'NONE' }), {});
    await expectMoves(() => succeeds(APPROVE, { caseId, expectedVersion: 2 }), {});
    await expectMoves(() => succeeds(CLOSE, { caseId, expectedVersion: 3, reason: '已落实监护' }), {});
    await expectMoves(() => sql`update protection_case set status = 'CLOSED', closed_on = '2026-12-01' where child_id = 'LB000000001' and status = 'OPEN'`.execute(db()), {
      [BAILUTANG]: { open_protection_cases: -1 },
    });
  });

  it('a revoked guardianship that appoints a guardian counts the child as having one', async () => {
    // LB000000002 has no guardian (the guardian test above removed the one it gave).
    const petition = (await succeeds(PETITION, { childId: 'LB000000002', filedOn: '2026-04-01', court: '苏仙区人民法院', grounds: ['OTHER'] })).fileGuardianshipPetition.petition;
    await expectMoves(() => succeeds(DECISION, { petitionId: petition.id, expectedVersion: petition.version, decidedOn: '2026-05-01', outcome: 'REVOKED', newGuardian: GRANNY }), {
      [TANGXI]: { without_entrusted_guardian: -1 },
    });
    await sql`delete from guardian where child_id = 'LB000000002'`.execute(db());
  });
});

describe('writes by SQL and in transactions', () => {
  it('risk flags count while not cleared, of the two kinds counted only', async () => {
    const flag = (kind: string) => sql`insert into risk_flag (child_id, kind, raised_on) values ('LB000000002', ${kind}, '2026-01-01')`.execute(db());
    await expectMoves(() => flag('DE_FACTO_UNSUPPORTED'), { [TANGXI]: { de_facto_unsupported: 1 } });
    // The fixtures' GUARDIAN_MISSING flag was cleared: raised again, it counts.
    await expectMoves(() => sql`update risk_flag set cleared_on = null where child_id = 'LB000000002' and kind = 'GUARDIAN_MISSING'`.execute(db()), { [TANGXI]: { guardian_missing: 1 } });
    await expectMoves(() => flag('DISABILITY'), {});
    await expectMoves(() => sql`update risk_flag set cleared_on = '2026-02-01' where child_id = 'LB000000002' and kind = 'DE_FACTO_UNSUPPORTED'`.execute(db()), {
      [TANGXI]: { de_facto_unsupported: -1 },
    });
    await expectMoves(() => sql`delete from risk_flag where child_id = 'LB000000002' and kind in ('GUARDIAN_MISSING', 'DISABILITY', 'DE_FACTO_UNSUPPORTED')`.execute(db()), {
      [TANGXI]: { guardian_missing: -1 },
    });
  });

  it('a row moved to another child moves its count between their villages', async () => {
    // The granted allowance of LB000000002 (Tangxi) given to LB000000003 (Shiwen, none of its own).
    await expectMoves(() => sql`update assistance set child_id = 'LB000000003' where child_id = 'LB000000002' and kind = 'MINIMUM_LIVING_ALLOWANCE'`.execute(db()), {
      [TANGXI]: { on_minimum_living_allowance: -1 },
      [SHIWEN]: { on_minimum_living_allowance: 1 },
    });
    await expectMoves(() => sql`update assistance set child_id = 'LB000000002' where child_id = 'LB000000003' and kind = 'MINIMUM_LIVING_ALLOWANCE'`.execute(db()), {
      [TANGXI]: { on_minimum_living_allowance: 1 },
      [SHIWEN]: { on_minimum_living_allowance: -1 },
    });
  });

  it('a transaction moving a child and flagging it counts both at commit; one rolled back counts nothing', async () => {
    const moveAndFlag = async (trx: Kysely<CivilAffairsDB>) => {
      await sql`insert into risk_flag (child_id, kind, raised_on) values ('LB000000003', 'DE_FACTO_UNSUPPORTED', '2026-01-01')`.execute(trx);
      await sql`update child set village_code = ${BAILUTANG} where id = 'LB000000003'`.execute(trx);
    };
    await expectMoves(
      () =>
        db()
          .transaction()
          .execute(async (trx) => {
            await moveAndFlag(trx);
            throw new Error('the write fails');
          })
          .catch(() => undefined),
      {},
    );
    expect((await sql`select * from rollup_pending`.execute(db())).rows).toEqual([]);
    const counts = { active_children: 1, both_parents_away: 1, without_entrusted_guardian: 1 };
    await expectMoves(() => db().transaction().execute(moveAndFlag), {
      [SHIWEN]: { active_children: -1, both_parents_away: -1, without_entrusted_guardian: -1 },
      [BAILUTANG]: { ...counts, de_facto_unsupported: 1 },
    });
    // Back home, its flag gone with it.
    await expectMoves(
      () =>
        db()
          .transaction()
          .execute(async (trx) => {
            await sql`update child set village_code = ${SHIWEN} where id = 'LB000000003'`.execute(trx);
            await sql`delete from risk_flag where child_id = 'LB000000003'`.execute(trx);
          }),
      { [BAILUTANG]: { active_children: -1, both_parents_away: -1, without_entrusted_guardian: -1, de_facto_unsupported: -1 }, [SHIWEN]: counts },
    );
  });

  it('a village left without active children loses its row', async () => {
    await expectMoves(() => sql`update child set status = 'EXITED', category = null where id = 'LB000000003'`.execute(db()), {
      [SHIWEN]: { active_children: -1, both_parents_away: -1, without_entrusted_guardian: -1 },
    });
    expect((await sql`select * from registry_village_counts where village_code = ${SHIWEN}`.execute(db())).rows).toEqual([]);
    await expectMoves(() => sql`update child set status = 'ACTIVE', category = 'BOTH_PARENTS_AWAY' where id = 'LB000000003'`.execute(db()), {
      [SHIWEN]: { active_children: 1, both_parents_away: 1, without_entrusted_guardian: 1 },
    });
  });
});

describe('exchange deliveries', () => {
  it('an issued ID number, a discovered child and the other agencies’ places change no registry count', async () => {
    const issued = `21042120160120001${idNumberCheckChar('21042120160120001')}`;
    const events = [
      identityIssued('LB000000003', issued, 1),
      // The hand-offs subgraph (the auditors' agency) publishes discoveries.
      deliveredEvent('audit', 'LB000000777', 'handoff.discovered', { villageCode: TANGXI, handoffId: 'HO000000777', reason: 'SCHOOL_ONLY' }, 2),
      // The police register LB000000002's household in Shiwen, a school there enrols it: the registry counts it where it lives.
      deliveredEvent('police', 'LB000000002', 'place.registration', { registrationCode: SHIWEN, stationId: 'PS-210421100' }, 3),
      deliveredEvent('education', 'LB000000002', 'place.school', { schoolCode: SHIWEN, schoolId: '210421100-PRIMARY' }, 4),
    ];
    await expectMoves(async () => expect((await bed.deliver(events)).data!._applyEvents).toEqual({ applied: 4, duplicates: 0 }), {});
    expect(await db().selectFrom('child').select('id_number').where('id', '=', 'LB000000003').executeTakeFirstOrThrow()).toEqual({ id_number: issued });
    expect(await db().selectFrom('discovered_child').select('child_id').execute()).toEqual([{ child_id: 'LB000000777' }]);
  });

  it('registering a discovered child counts it like any other', async () => {
    const input = {
      name: '孙小花',
      sex: 'FEMALE',
      birthDate: '2017-03-01',
      residenceVillageCode: TANGXI,
      category: 'ONE_PARENT_AWAY_OTHER_UNABLE',
      leftBehindSince: '2023-01-01',
      knownAs: 'LB000000777',
    };
    await expectMoves(() => succeeds(REGISTER, input), { [TANGXI]: { active_children: 1, one_parent_away_other_unable: 1, without_entrusted_guardian: 1 } });
  });
});

describe('upgrading a database that holds children', () => {
  it('counts what was there before the rollup existed (and the migration goes down cleanly)', async () => {
    const old = await createTestDatabase<CivilAffairsDB>(civilAffairs);
    try {
      const migrator = new Migrator({ db: old.db, provider: { getMigrations: async () => migrations } });
      const down = await migrator.migrateTo('0009-discovered-child');
      expect(down.error).toBeUndefined();
      expect(down.results).toEqual([{ migrationName: '0010-registry-rollup', direction: 'Down', status: 'Success' }]);
      await insertRegistryFixtures(old.db);
      await insertCountyCrossingChild(old.db);
      await migrateToLatest(old.db, migrations);
      expect(await checkRollups(old.db, ROLLUPS)).toEqual([]);
      const { rows } = await sql<{ n: number }>`select sum(active_children)::int as n from registry_village_counts`.execute(old.db);
      expect(rows[0]!.n).toBe(4);
    } finally {
      await old.close();
    }
  });
});
