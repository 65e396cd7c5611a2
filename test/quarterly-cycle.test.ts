import { discoveryFor, QUALITY_RULES, UNREGISTERED_PENDING_DAYS, violatedRules, type Principal, type Purpose } from '@lbc/schema';
import { generateChild, IdNumberIssuer, loadPlaces, qualityFacts, SEED_DAY, type SyntheticChild } from '@lbc/scripts/seed/world';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingAs, exampleOperation as example, type Caller } from './harness/acting-as.ts';
import { eventually } from './harness/eventually.ts';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * The quarterly cycle and the hub's data-quality check, through the gateway, with the
 * principals who act in them: the township submits, the county education bureau and
 * police branch verify, county civil affairs approves, the city accepts; the exchange runs
 * the check over the seeded county, whose findings must be exactly the rules the synthetic
 * world breaks, and whose discoveries exactly the children it hides from the registry.
 */
const COUNTY = '431003';
const CITY = '4310';
/** Enough children for the seeded county to break every rule at least once. */
const CHILDREN = 2000;
const SEED = 7;
/** The seeded world's moment: the check judges ages and waiting times on its day. */
const CHECKED_AT = new Date(`${SEED_DAY}T12:00:00+08:00`);
const CHECK_QUARTER = '2024-Q4';

let hub: Hub;
/** A caller acting as `principal` in this file's hub. */
const as = (principal: Partial<Principal>, purpose?: Purpose) => actingAs(hub, principal, purpose);
let world: SyntheticChild[];

/** The first error code of an operation that must fail. */
async function refused(
  principal: Partial<Principal>,
  query: string,
  variables: Record<string, unknown>,
  purpose: Purpose = 'CASE_MANAGEMENT',
): Promise<{ code: string; extensions: Record<string, unknown> }> {
  const response = await hub.query(await hub.token(principal), query, variables, { 'x-lbc-purpose': purpose, 'idempotency-key': randomUUID() });
  expect(response.body.errors, JSON.stringify(response.body.data)).toBeDefined();
  return { code: response.body.errors![0].extensions.code, extensions: response.body.errors![0].extensions };
}

const SUBMIT = example('quarterly-submission', 'SubmitQuarter');
const VERIFY = example('quarterly-submission', 'VerifyQuarter');
const APPROVE = example('quarterly-submission', 'ApproveQuarter');
const ACCEPT = example('quarterly-submission', 'AcceptQuarter');
const RETURN = example('quarterly-submission', 'ReturnQuarter');
const UNDO = example('quarterly-submission', 'UndoQuarterApproval');
const REPORTING = example('quarterly-submission', 'QuarterlyReporting');
const FINDINGS = example('data-quality', 'QualityFindings');
const DATA_QUALITY = example('data-quality', 'RegionDataQuality');
const REQUEST_CHECK = example('data-quality', 'RequestQualityCheck');
const REVIEW = `mutation($input: RecordQuarterlyReviewInput!) { recordQuarterlyReview(input: $input) { quarterlyReview { id quarter } } }`;

const db = (subgraph: keyof Hub['subgraphs']) => hub.subgraphs[subgraph].database.db;

/** Every finding a caller may list in the county for the check's quarter, paged through. */
async function allFindings(caller: Caller, variables: Record<string, unknown> = {}): Promise<{ rule: { id: string }; child: { id: string }; resolvedAt: string | null; owner: string }[]> {
  const found = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await caller(FINDINGS, { regionCode: COUNTY, quarter: CHECK_QUARTER, first: 100, after, ...variables });
    found.push(...data.qualityFindings.edges.map((e: any) => e.node));
    if (!data.qualityFindings.pageInfo.hasNextPage) return found;
    after = data.qualityFindings.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  hub = await startHub({
    children: CHILDREN,
    scope: [COUNTY],
    gateway: {
      rateLimit: { perMinute: 100_000, burst: 10_000 },
      exchange: {
        intervalMs: 100,
        batchSize: 500,
        clock: () => CHECKED_AT,
        quality: { intervalMs: 24 * 3600_000, townsPerRound: 50, pendingDays: UNREGISTERED_PENDING_DAYS, today: SEED_DAY },
      },
    },
  });
  // The same world the hub was seeded with: generated again, child by child, in order.
  const places = await loadPlaces([COUNTY]);
  const ids = new IdNumberIssuer();
  world = Array.from({ length: CHILDREN }, (_, i) => generateChild(SEED, i, places, ids));
  // The first sweep checks every township of the county once.
  await eventually(async () => (await hub.hubDatabase.db.selectFrom('quality_sweep').select('finished_at').executeTakeFirst())?.finished_at, 'the first data-quality sweep finishes', 120_000);
}, 300_000);
afterAll(() => hub?.stop());

describe('the quarterly cycle, level by level', () => {
  it('is walked by the township, the county bureaus, county civil affairs and the city, with a return and a resubmission', async () => {
    const { rows } = await sql<{ code: string }>`select code from region where level = 'TOWN' and code like ${`${COUNTY}%`} order by code`.execute(db('civil-affairs'));
    const town = rows[0]!.code;
    const quarter = '2026-Q4';
    const key = { townCode: town, quarter };
    const township = await as({ agency: 'civil_affairs', level: 'town', region: town });
    const education = await as({ agency: 'education', level: 'county', region: COUNTY });
    const police = await as({ agency: 'police', level: 'county', region: COUNTY });
    const county = await as({ agency: 'civil_affairs', level: 'county', region: COUNTY });
    // The city reads no child's record: it oversees (SUPERVISION), and the history's reasons are BASIC.
    const city = await as({ agency: 'civil_affairs', level: 'city', region: CITY }, 'SUPERVISION');

    // The township submits, on time; the answer says what it may do next (nothing, until it comes back).
    const submitted = (await township(SUBMIT, { ...key, expectedVersion: 0 })).submitQuarter.submission;
    expect(submitted).toMatchObject({ state: 'SUBMITTED', version: 1, submittedLate: false, deadline: '2027-01-10', allowedActions: [] });
    expect(submitted.completeness.expectedChildren).toBeGreaterThan(0);

    // Police verify first; education returns it (a wrong flag in the school file); the township corrects and resubmits.
    expect((await police(VERIFY, { ...key, expectedVersion: 1 })).verifyQuarter.submission).toMatchObject({ state: 'SUBMITTED', verifiedBy: ['police'], allowedActions: ['RETURN'] });
    const returned = (await education(RETURN, { ...key, expectedVersion: 2, reason: '学籍留守标记与名册不一致，请核对后重报' })).returnQuarter.submission;
    expect(returned).toMatchObject({ state: 'RETURNED', verifiedBy: [], returnedReason: '学籍留守标记与名册不一致，请核对后重报', allowedActions: [] });
    const resubmitted = (await township(SUBMIT, { ...key, expectedVersion: 3 })).submitQuarter.submission;
    expect(resubmitted).toMatchObject({ state: 'SUBMITTED', version: 4 });

    // Both bureaus verify, in the other order; county civil affairs approves; the city accepts.
    await education(VERIFY, { ...key, expectedVersion: 4 });
    expect((await police(VERIFY, { ...key, expectedVersion: 5 })).verifyQuarter.submission).toMatchObject({ state: 'VERIFIED', verifiedBy: ['education', 'police'] });
    expect((await county(APPROVE, { ...key, expectedVersion: 6 })).approveQuarter.submission).toMatchObject({ state: 'APPROVED', allowedActions: ['UNDO'] });
    expect((await city(ACCEPT, { ...key, expectedVersion: 7 })).acceptQuarter.submission).toMatchObject({ state: 'ACCEPTED', allowedActions: ['UNDO'] });

    // Who may not: the township cannot approve (its action rule), the county cannot accept, nor act twice on a stale version.
    expect((await refused({ agency: 'civil_affairs', level: 'town', region: town }, APPROVE, { ...key, expectedVersion: 8 })).code).toBe('FORBIDDEN');
    expect((await refused({ agency: 'civil_affairs', level: 'county', region: COUNTY }, UNDO, { ...key, expectedVersion: 8, reason: '县级不能撤销市级接收' })).code).toBe('INVALID_TRANSITION');
    expect((await refused({ agency: 'civil_affairs', level: 'city', region: CITY }, UNDO, { ...key, expectedVersion: 7, reason: '版本已过期' }, 'SUPERVISION')).code).toBe('CONFLICT');

    // The city undoes its acceptance; the history keeps every step, who took it, and why.
    const undone = (await city(UNDO, { ...key, expectedVersion: 8, reason: '接收有误，退回县级复核' })).undoQuarterApproval.submission;
    expect(undone.state).toBe('APPROVED');
    expect(undone.history.map((h: any) => `${h.action}:${h.agency}/${h.level}`)).toEqual([
      'SUBMIT:civil_affairs/TOWN',
      'VERIFY:police/COUNTY',
      'RETURN:education/COUNTY',
      'SUBMIT:civil_affairs/TOWN',
      'VERIFY:education/COUNTY',
      'VERIFY:police/COUNTY',
      'APPROVE:civil_affairs/COUNTY',
      'ACCEPT:civil_affairs/CITY',
      'UNDO:civil_affairs/CITY',
    ]);
    expect(undone.history.at(-1).reason).toBe('接收有误，退回县级复核');

    // The county sees its towns by state, the city its county.
    const countyView = (await county(REPORTING, { code: COUNTY, quarter })).region.quarterlyReporting;
    expect(countyView.towns.find((t: any) => t.townCode === town)).toMatchObject({ state: 'APPROVED', submittedLate: false });
    expect(countyView.summary.townsByState.find((s: any) => s.state === 'APPROVED').towns).toBe(1);
    const cityView = (await city(REPORTING, { code: CITY, quarter })).region.quarterlyReporting;
    expect(cityView.towns).toBeNull();
    expect(cityView.areas.find((a: any) => a.region.code === COUNTY).townsByState.find((s: any) => s.state === 'APPROVED').towns).toBe(1);
  });

  it('locks an approved quarter’s reviews until the county undoes its approval', async () => {
    const child = world.find((c) => c.inRegistry && c.status === 'ACTIVE' && c.townCode !== world.find((w) => w.inRegistry)!.townCode)!;
    const town = child.townCode;
    const quarter = '2026-Q4';
    const key = { townCode: town, quarter };
    const township = await as({ agency: 'civil_affairs', level: 'town', region: town });
    const county = await as({ agency: 'civil_affairs', level: 'county', region: COUNTY });
    let version = (await township(SUBMIT, { ...key, expectedVersion: 0 })).submitQuarter.submission.version;
    version = (await (await as({ agency: 'education', level: 'county', region: COUNTY }))(VERIFY, { ...key, expectedVersion: version })).verifyQuarter.submission.version;
    version = (await (await as({ agency: 'police', level: 'county', region: COUNTY }))(VERIFY, { ...key, expectedVersion: version })).verifyQuarter.submission.version;
    version = (await county(APPROVE, { ...key, expectedVersion: version })).approveQuarter.submission.version;

    const review = { input: { childId: child.id, quarter, reviewedOn: '2026-11-30', stillLeftBehind: true, outcome: 'NO_CHANGE' } };
    const before = (
      await db('civil-affairs')
        .selectFrom('quarterly_review')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const locked = await refused({ agency: 'civil_affairs', level: 'town', region: town }, REVIEW, review);
    expect(locked.code).toBe('INVALID_TRANSITION');
    expect(
      (
        await db('civil-affairs')
          .selectFrom('quarterly_review')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(before);

    await county(UNDO, { ...key, expectedVersion: version, reason: '需补录一名儿童的季度核查' });
    expect((await township(REVIEW, review)).recordQuarterlyReview.quarterlyReview.quarter).toBe(quarter);
  });

  it('marks a quarter submitted after its deadline late, and shows the seeded quarters in every state', async () => {
    const town = world.filter((c) => c.inRegistry).at(-1)!.townCode;
    const late = (await (await as({ agency: 'civil_affairs', level: 'town', region: town }))(SUBMIT, { townCode: town, quarter: '2025-Q1', expectedVersion: 0 })).submitQuarter.submission;
    expect(late).toMatchObject({ state: 'SUBMITTED', submittedLate: true, deadline: '2025-04-10' });

    const seeded = (await (await as({ agency: 'civil_affairs', level: 'county', region: COUNTY }))(REPORTING, { code: COUNTY, quarter: '2024-Q3' })).region.quarterlyReporting;
    const states = new Set(seeded.towns.map((t: any) => t.state));
    expect(states.size, JSON.stringify([...states])).toBeGreaterThanOrEqual(3);
    expect(seeded.summary.townsTotal).toBe(seeded.towns.length);
  });
});

describe('the data-quality check over the seeded county', () => {
  const context = { today: SEED_DAY, pendingDays: UNREGISTERED_PENDING_DAYS };

  it('finds exactly the rules the world breaks, child by child, each routed to the agency that corrects it', async () => {
    const expected = world.filter((c) => c.inRegistry).flatMap((c) => violatedRules(qualityFacts(c), context).map((rule) => `${rule}:${c.id}`));
    const county = await as({ agency: 'civil_affairs', level: 'county', region: COUNTY });
    const found = await allFindings(county);
    expect(found.map((f) => `${f.rule.id}:${f.child.id}`).sort()).toEqual(expected.sort());
    // Every rule is broken somewhere in the county (the seed makes sure), and one that is not listed is not broken.
    for (const rule of QUALITY_RULES)
      expect(
        found.some((f) => f.rule.id === rule.id),
        rule.id,
      ).toBe(true);
    for (const f of found) expect(f.owner).toBe(QUALITY_RULES.find((r) => r.id === f.rule.id)!.owner);

    // Education sees the rules it takes part in, and can filter to what it must correct.
    const education = await as({ agency: 'education', level: 'county', region: COUNTY });
    const forEducation = await allFindings(education, { owner: 'education' });
    expect(forEducation.length).toBeGreaterThan(0);
    expect(new Set(forEducation.map((f) => f.rule.id))).toEqual(new Set(QUALITY_RULES.filter((r) => r.owner === 'education' && found.some((f) => f.rule.id === r.id)).map((r) => r.id)));

    // Counted for dashboards: per rule, the same numbers for a county officer at work.
    const counts = (await county(DATA_QUALITY, { code: COUNTY, quarter: CHECK_QUARTER })).region.dataQuality.byRule;
    for (const rule of QUALITY_RULES) {
      expect(counts.find((c: any) => c.rule.id === rule.id).found, rule.id).toBe(found.filter((f) => f.rule.id === rule.id).length);
    }
  });

  it('hands every child the registry lacks, and only those, to its township to verify', async () => {
    const hidden = world.filter((c) => !c.inRegistry);
    expect(hidden.length).toBeGreaterThan(0);
    const { rows } = await sql<{ child_id: string; reason: string; to_region: string }>`select child_id, reason, to_region from handoff where kind = 'DISCOVERY' order by child_id`.execute(
      db('handoffs'),
    );
    expect(rows.map((r) => `${r.reason}:${r.child_id}`).sort()).toEqual(hidden.map((c) => `${discoveryFor(qualityFacts(c))!.rule.id}:${c.id}`).sort());
    // The township sees it in its queue, carrying the derived fact only.
    const first = rows[0]!;
    const township = await as({ agency: 'civil_affairs', level: 'town', region: first.to_region });
    const queue = await township(`{ workQueue(first: 100) { edges { node { handoff { kind reason note child { id } from { agency level } } } } } }`);
    const item = queue.workQueue.edges.map((e: any) => e.node.handoff).find((h: any) => h.kind === 'DISCOVERY' && h.child.id === first.child_id);
    expect(item).toMatchObject({ reason: first.reason, from: { level: 'COUNTY' } });

    // The hub's disclosure is in the audit log: an entry to civil affairs at the township, naming the child and the derived fact.
    const entries = await hub.hubDatabase.db
      .selectFrom('audit_entry')
      .select(['agency', 'region', 'operation_name', 'children', 'client'])
      .where('operation_name', '=', `quality check ${first.to_region}`)
      .where('agency', '=', 'civil_affairs')
      .execute();
    const disclosed = entries.flatMap((e) => e.children as { childId: string; fields: { coordinate: string; fieldClass: string; owners: string[] }[] }[]);
    expect(entries.every((e) => e.client === 'lbc-exchange' && e.region === first.to_region)).toBe(true);
    expect(disclosed.find((c) => c.childId === first.child_id)?.fields).toContainEqual(expect.objectContaining({ coordinate: `finding:${first.reason}`, fieldClass: 'PROTECTIVE' }));
  });

  it('lets the township register a discovered child under the id the others know, which joins its records and closes the hand-off', async () => {
    const { rows } = await sql<{ id: string; child_id: string; to_region: string }>`
      select id, child_id, to_region from handoff where kind = 'DISCOVERY' and reason = 'SCHOOL_FLAGS_LEFT_BEHIND' order by child_id`.execute(db('handoffs'));
    // The world is dated 2024: a child registered today must still be under 16 today.
    const youngest = new Date(Date.now() - 15 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    const found = rows.find((r) => world.find((c) => c.id === r.child_id)!.birthDate > youngest)!;
    expect(found, 'a discovered pupil still under 16').toBeDefined();
    const child = world.find((c) => c.id === found.child_id)!;
    const village = discoveryFor(qualityFacts(child))!.villageCode;
    const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { child { id } } }`;
    const input = { name: child.name, sex: child.sex, birthDate: child.birthDate, residenceVillageCode: village, category: child.category, leftBehindSince: child.leftBehindSince, knownAs: child.id };
    // Not an id the hub discovered, nor one discovered in another township's jurisdiction.
    const other = (await sql<{ code: string }>`select code from region where level = 'TOWN' and code like ${`${COUNTY}%`} and code <> ${found.to_region} limit 1`.execute(db('civil-affairs'))).rows[0]!
      .code;
    expect((await refused({ agency: 'civil_affairs', level: 'town', region: found.to_region }, REGISTER, { input: { ...input, knownAs: 'LB999999999' } })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'input.knownAs',
    });
    expect((await refused({ agency: 'civil_affairs', level: 'town', region: other }, REGISTER, { input: { ...input, residenceVillageCode: `${other}201` } })).code).toBe('BAD_USER_INPUT');

    const township = await as({ agency: 'civil_affairs', level: 'town', region: found.to_region });
    expect((await township(REGISTER, { input })).registerChild.child.id).toBe(child.id);
    // The residence reaches the hand-offs (which close the discovery) and the school (whose record joins the registry's).
    await eventually(async () => (await sql<{ state: string }>`select state from handoff where id = ${found.id}`.execute(db('handoffs'))).rows[0]?.state === 'DONE', 'the discovery closes');
    const record = await eventually(async () => {
      const data = await township(`query($id: ID!) { child(id: $id) { id name leftBehindFlag } }`, { id: child.id });
      return data.child?.leftBehindFlag === true && data.child;
    }, 'the school’s record joins the registered child');
    expect(record).toMatchObject({ id: child.id, name: child.name });
  });

  it('shows a township its open findings when it submits, and a correction clears the finding at the next check it asks for', async () => {
    const broken = world.find((c) => c.inRegistry && c.defects.includes('PARENT_IN_PRISON_AT_HOME' as never))!;
    expect(broken, 'the seeded county holds a parent in prison recorded at home').toBeDefined();
    const town = broken.townCode;
    const township = await as({ agency: 'civil_affairs', level: 'town', region: town });

    const submitted = (await township(SUBMIT, { townCode: town, quarter: '2026-Q3', expectedVersion: 0 })).submitQuarter.submission;
    expect(submitted.qualityWarnings.find((w: any) => w.rule.id === 'PARENT_IN_PRISON_AT_HOME').stillOpen).toBeGreaterThan(0);

    // The township corrects the parent's record; the check it asks for resolves the finding.
    const role = broken.father.policeStatus === 'SERVING_SENTENCE' ? 'FATHER' : 'MOTHER';
    const record = (await township(`query($id: ID!) { child(id: $id) { registryVersion father { name } mother { name } } }`, { id: broken.id })).child;
    await township(`mutation($input: RecordParentStatusInput!) { recordParentStatus(input: $input) { child { registryVersion } } }`, {
      input: { childId: broken.id, expectedVersion: record.registryVersion, role, name: (role === 'FATHER' ? record.father : record.mother).name, isAway: false, unableToGuardReason: '服刑' },
    });
    await township(REQUEST_CHECK, { townCode: town });
    const county = await as({ agency: 'civil_affairs', level: 'county', region: COUNTY });
    const resolved = await eventually(
      async () => (await allFindings(county, { rule: 'PARENT_IN_PRISON_AT_HOME' })).find((f) => f.child.id === broken.id && f.resolvedAt),
      'the finding is resolved by the requested check',
    );
    expect(resolved.resolvedAt).not.toBeNull();
  });
});
