import { previousQuarter, quarterBounds, quarterOf, submissionDeadline, type Principal } from '@lbc/schema';
import { todayInChina } from '@lbc/subgraph-kit';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CivilAffairsDB } from '../src/db-types.ts';
import { civilAffairs } from '../src/index.ts';
import { insertRegistryFixtures } from './fixtures.ts';
import { CALLERS } from './write-helpers.ts';

const TODAY = todayInChina();
/** The quarter running now: its deadline is ahead, a submission is on time. */
const CURRENT = quarterOf(TODAY);
/** Two quarters back: its deadline (ten days after its end) has passed, whatever today is. */
const LATE = previousQuarter(previousQuarter(CURRENT));
/** Three quarters back: the reporting fixtures, written straight into the database. */
const EARLIER = previousQuarter(LATE);
const NEXT = quarterOf(addDays(quarterBounds(CURRENT).end, 1));

const TOWN = '431003101';
/** A second township of Suxian, with one village and no children. */
const TOWN_2 = '431003102';
/** A township of Beihu district, another county of the same city. */
const BEIHU_TOWN = '431002101';

/** The callers of the cycle: the township, the county's three bureaus, the city, and some who may not act. */
const P = {
  town: CALLERS.town,
  education: testPrincipal({ subject: 'suxian-education', agency: 'education', region: '431003' }),
  police: testPrincipal({ subject: 'suxian-police', agency: 'police', region: '431003' }),
  county: CALLERS.county,
  city: CALLERS.city,
  province: testPrincipal({ subject: 'province-officer', level: 'province', region: '43' }),
  village: CALLERS.village,
  /** Fushun county's civil affairs, and its education bureau: another county. */
  otherCounty: CALLERS.otherCounty,
  otherEducation: testPrincipal({ subject: 'fushun-education', agency: 'education', region: '210421' }),
  otherTown: testPrincipal({ subject: 'other-town-officer', level: 'town', region: TOWN_2 }),
  health: testPrincipal({ subject: 'suxian-health', agency: 'health', region: '431003' }),
  townPolice: testPrincipal({ subject: 'town-police', agency: 'police', level: 'town', region: TOWN }),
};

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Children of the walk's township beside the two of the shared fixtures, each placing the count rules. */
const CHILDREN = {
  /** Village 201, exited after its review of CURRENT: expected and reviewed. */
  exitedReviewed: 'LB000000051',
  /** Village 201, exited, never reviewed: not expected. */
  exitedUnreviewed: 'LB000000052',
  /** Village 202, registered after CURRENT ends: not expected. */
  registeredLater: 'LB000000053',
};

async function fixtures(db: Kysely<CivilAffairsDB>): Promise<void> {
  await insertRegistryFixtures(db);
  await db
    .insertInto('region')
    .values([
      { code: TOWN_2, name: '栖凤渡镇', level: 'TOWN', parent_code: '431003' },
      { code: `${TOWN_2}201`, name: '栖凤渡村', level: 'VILLAGE', parent_code: TOWN_2 },
      { code: '431002', name: '北湖区', level: 'COUNTY', parent_code: '4310' },
      { code: BEIHU_TOWN, name: '华塘镇', level: 'TOWN', parent_code: '431002' },
    ])
    .execute();
  const child = {
    id_number: null,
    name: '测试儿童',
    sex: 'MALE' as const,
    birth_date: '2014-01-01',
    ethnicity: null,
    category: null,
    left_behind_since: '2019-01-01',
    responsible_staff_id: null,
  };
  await db
    .insertInto('child')
    .values([
      { ...child, id: CHILDREN.exitedReviewed, village_code: `${TOWN}201`, status: 'EXITED', exit_reason: 'JOINED_PARENTS', registered_on: '2023-01-01', exited_on: TODAY },
      { ...child, id: CHILDREN.exitedUnreviewed, village_code: `${TOWN}201`, status: 'EXITED', exit_reason: 'PARENT_RETURNED', registered_on: '2023-01-01', exited_on: '2023-06-01' },
      {
        ...child,
        id: CHILDREN.registeredLater,
        village_code: `${TOWN}202`,
        status: 'ACTIVE',
        exit_reason: null,
        category: 'BOTH_PARENTS_AWAY',
        registered_on: addDays(quarterBounds(CURRENT).end, 1),
      },
    ])
    .execute();
  await db
    .insertInto('quarterly_review')
    .values([
      { child_id: 'LB000000001', quarter: CURRENT, reviewed_on: TODAY, still_left_behind: true, outcome: 'NO_CHANGE' },
      { child_id: CHILDREN.exitedReviewed, quarter: CURRENT, reviewed_on: TODAY, still_left_behind: false, outcome: 'EXITED' },
    ])
    .execute();
  // EARLIER, as the towns left it: Suxian's first town approved on time, its second never submitted; Beihu's submitted late.
  const end = quarterBounds(EARLIER).end;
  const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
  const row = { quarter: EARLIER, education_verified_at: null, police_verified_at: null, approved_at: null, accepted_at: null, returned_reason: null, updated_at: at(addDays(end, 30)) };
  await db
    .insertInto('quarterly_submission')
    .values([
      {
        ...row,
        town_code: TOWN,
        state: 'APPROVED',
        version: 4,
        first_submitted_at: at(addDays(end, 3)),
        submitted_at: at(addDays(end, 3)),
        submitted_late: false,
        education_verified_at: at(addDays(end, 5)),
        police_verified_at: at(addDays(end, 6)),
        approved_at: at(addDays(end, 8)),
        reviewed_children: 5,
        expected_children: 6,
      },
      {
        ...row,
        town_code: BEIHU_TOWN,
        state: 'SUBMITTED',
        version: 1,
        first_submitted_at: at(addDays(end, 25)),
        submitted_at: at(addDays(end, 25)),
        submitted_late: true,
        reviewed_children: 1,
        expected_children: 4,
      },
    ])
    .execute();
}

const bed = useSubgraphTestBed(civilAffairs, { fixtures, principal: P.town });

const SUBMISSION = `townCode quarter state version deadline firstSubmittedAt submittedAt submittedLate overdue verifiedBy
  approvedAt acceptedAt returnedReason completeness { reviewedChildren expectedChildren ratio } allowedActions`;
const step = (field: string, input: string) => `mutation Step($input: ${input}!) { ${field}(input: $input) { submission { ${SUBMISSION} } } }`;
const SUBMIT = step('submitQuarter', 'QuarterSubmissionInput');
const VERIFY = step('verifyQuarter', 'QuarterSubmissionInput');
const APPROVE = step('approveQuarter', 'QuarterSubmissionInput');
const ACCEPT = step('acceptQuarter', 'QuarterSubmissionInput');
const RETURN = step('returnQuarter', 'QuarterDecisionInput');
const UNDO = step('undoQuarterApproval', 'QuarterDecisionInput');
const READ = `query Read($townCode: DivisionCode!, $quarter: String!) { quarterlySubmission(townCode: $townCode, quarter: $quarter) {
  ${SUBMISSION}
  town { code name }
  villages { edges { node { village { code } completeness { reviewedChildren expectedChildren ratio } } } }
  history { action fromState toState agency level regionCode subject reason } } }`;
const REVIEW = `mutation Review($input: RecordQuarterlyReviewInput!) { recordQuarterlyReview(input: $input) { quarterlyReview { id } } }`;

type Step = typeof SUBMIT;

/** One step as `caller`; the submission it answered, or the failure for the test to inspect. */
async function take(mutation: Step, caller: Principal, input: Record<string, unknown>, purpose: 'CASE_MANAGEMENT' | 'SUPERVISION' = 'CASE_MANAGEMENT') {
  return bed.run(mutation, { input }, caller, purpose);
}

/** One step that must succeed: the submission after it. */
async function ok(mutation: Step, caller: Principal, input: Record<string, unknown>) {
  const result = await take(mutation, caller, input);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return Object.values(result.data!)[0].submission;
}

async function read(townCode: string, quarter: string, caller: Principal = P.town, purpose: 'CASE_MANAGEMENT' | 'SUPERVISION' = 'CASE_MANAGEMENT') {
  const result = await bed.run(READ, { townCode, quarter }, caller, purpose);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.quarterlySubmission;
}

/** Rows of the cycle's two tables, and the reviews: what "nothing written" is checked on. */
async function tables() {
  return { submissions: await bed.count('quarterly_submission'), events: await bed.count('quarterly_submission_event'), reviews: await bed.count('quarterly_review') };
}

const key = (townCode: string, quarter: string) => ({ townCode, quarter });

describe('the quarterly cycle, walked through by the real callers', () => {
  const at = key(TOWN, CURRENT);
  let version = 0;
  let firstSubmittedAt: string;

  it('starts OPEN: version 0, live completeness counted per village, only the township may act', async () => {
    const open = await read(TOWN, CURRENT);
    expect(open).toMatchObject({
      townCode: TOWN,
      quarter: CURRENT,
      state: 'OPEN',
      version: 0,
      deadline: submissionDeadline(CURRENT),
      firstSubmittedAt: null,
      submittedAt: null,
      submittedLate: null,
      overdue: false,
      verifiedBy: [],
      returnedReason: null,
      // LB1 and the exited-after-review child reviewed; LB2 not yet; the other exited child and the one registered later not expected.
      completeness: { reviewedChildren: 2, expectedChildren: 3, ratio: 2 / 3 },
      allowedActions: ['SUBMIT'],
      town: { code: TOWN, name: '白露塘镇' },
      history: [],
    });
    expect(open.villages.edges.map((e: any) => e.node)).toEqual([
      { village: { code: `${TOWN}201` }, completeness: { reviewedChildren: 2, expectedChildren: 2, ratio: 1 } },
      { village: { code: `${TOWN}202` }, completeness: { reviewedChildren: 0, expectedChildren: 1, ratio: 0 } },
    ]);
    for (const caller of [P.education, P.police, P.county, P.city, P.otherTown]) {
      const result = await bed.run(READ, at, caller);
      if (caller === P.otherTown) expect(result.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
      else expect(result.data!.quarterlySubmission.allowedActions, caller.subject).toEqual([]);
    }
  });

  it('the township submits: the counts are kept, on time, with its history and audit entry', async () => {
    const before = await tables();
    const result = await take(SUBMIT, P.town, { ...at, expectedVersion: 0 });
    expect(result.errors).toBeUndefined();
    const submitted = result.data!.submitQuarter.submission;
    expect(submitted).toMatchObject({ state: 'SUBMITTED', version: 1, submittedLate: false, overdue: false, completeness: { reviewedChildren: 2, expectedChildren: 3 } });
    expect(submitted.firstSubmittedAt).toBe(submitted.submittedAt);
    firstSubmittedAt = submitted.firstSubmittedAt;
    version = submitted.version;
    const row = await bed.database.db.selectFrom('quarterly_submission').select('id').where('town_code', '=', TOWN).where('quarter', '=', CURRENT).executeTakeFirstOrThrow();
    expect(result.extensions!.lbcWrites).toEqual([
      {
        record: 'QuarterlySubmission',
        id: String(row.id),
        childId: null,
        change: 'created',
        fields: ['state', 'firstSubmittedAt', 'submittedAt', 'submittedLate', 'completeness'],
        fromVersion: null,
        toVersion: 1,
      },
    ]);
    expect(await tables()).toEqual({ ...before, submissions: before.submissions + 1, events: before.events + 1 });
  });

  it('tells each caller what it may do now', async () => {
    const expected: [Principal, string[]][] = [
      [P.town, []],
      [P.education, ['VERIFY', 'RETURN']],
      [P.police, ['VERIFY', 'RETURN']],
      [P.county, ['RETURN']],
      [P.city, ['RETURN']],
      [P.province, ['RETURN']],
      [P.village, []],
      [P.health, []],
    ];
    for (const [caller, actions] of expected) {
      const result = await bed.run(READ, at, caller, 'SUPERVISION');
      expect(result.data!.quarterlySubmission.allowedActions, caller.subject).toEqual(actions);
    }
  });

  it('education and police verify, in that order; a second verification by the same bureau is refused', async () => {
    const one = await ok(VERIFY, P.education, { ...at, expectedVersion: version });
    expect(one).toMatchObject({ state: 'SUBMITTED', verifiedBy: ['education'], version: version + 1 });
    const before = await tables();
    const again = await take(VERIFY, P.education, { ...at, expectedVersion: one.version });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'SUBMITTED', allowedFrom: ['SUBMITTED'] });
    expect(await tables()).toEqual(before);
    const both = await ok(VERIFY, P.police, { ...at, expectedVersion: one.version });
    // Verified, the police may still send it back; verify it again, no.
    expect(both).toMatchObject({ state: 'VERIFIED', verifiedBy: ['education', 'police'], allowedActions: ['RETURN'] });
    version = both.version;
  });

  it('the county returns it with a reason: the verifications go, the counts are live again', async () => {
    const returned = await ok(RETURN, P.county, { ...at, expectedVersion: version, reason: '村二未完成核查，请补齐后重新报送' });
    expect(returned).toMatchObject({ state: 'RETURNED', verifiedBy: [], returnedReason: '村二未完成核查，请补齐后重新报送', completeness: { reviewedChildren: 2, expectedChildren: 3 } });
    // The township reviews the missing child: a returned quarter is the township's to correct.
    expect((await bed.run(REVIEW, { input: { childId: 'LB000000002', quarter: CURRENT, reviewedOn: TODAY, stillLeftBehind: true, outcome: 'NO_CHANGE' } })).errors).toBeUndefined();
    expect((await read(TOWN, CURRENT)).completeness).toEqual({ reviewedChildren: 3, expectedChildren: 3, ratio: 1 });
    expect((await read(TOWN, CURRENT)).allowedActions).toEqual(['SUBMIT']);
    version = returned.version;
  });

  it('the township submits again: timeliness stays the first submission’s, the new counts are kept', async () => {
    const result = await take(SUBMIT, P.town, { ...at, expectedVersion: version });
    expect(result.errors).toBeUndefined();
    const again = result.data!.submitQuarter.submission;
    expect(again).toMatchObject({ state: 'SUBMITTED', verifiedBy: [], returnedReason: null, firstSubmittedAt, submittedLate: false, completeness: { reviewedChildren: 3, expectedChildren: 3 } });
    expect(again.submittedAt >= firstSubmittedAt).toBe(true);
    expect((result.extensions!.lbcWrites as object[])[0]).toMatchObject({
      change: 'updated',
      fromVersion: version,
      toVersion: version + 1,
      fields: ['state', 'submittedAt', 'completeness', 'returnedReason'],
    });
    version = again.version;
  });

  it('police and education verify, the other order; the county approves', async () => {
    expect(await ok(VERIFY, P.police, { ...at, expectedVersion: version })).toMatchObject({ state: 'SUBMITTED', verifiedBy: ['police'] });
    const verified = await ok(VERIFY, P.education, { ...at, expectedVersion: version + 1 });
    expect(verified).toMatchObject({ state: 'VERIFIED', verifiedBy: ['education', 'police'] });
    expect((await read(TOWN, CURRENT, P.county)).allowedActions).toEqual(['APPROVE', 'RETURN']);
    const approved = await ok(APPROVE, P.county, { ...at, expectedVersion: verified.version });
    expect(approved).toMatchObject({ state: 'APPROVED', version: verified.version + 1 });
    expect(approved.approvedAt).not.toBeNull();
    version = approved.version;
  });

  it('an approved quarter locks the township’s reviews; the county cannot return it, only undo its approval', async () => {
    await bed.database.db.deleteFrom('quarterly_review').where('child_id', '=', 'LB000000002').where('quarter', '=', CURRENT).execute();
    const before = await tables();
    const review = { childId: 'LB000000002', quarter: CURRENT, reviewedOn: TODAY, stillLeftBehind: true, outcome: 'UPDATED' };
    const locked = await bed.run(REVIEW, { input: review });
    expect(locked.data!.recordQuarterlyReview).toBeNull();
    expect(locked.errors![0]!.message).toContain(`${CURRENT} is approved for township ${TOWN}: the county must undo the approval first`);
    expect(locked.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'APPROVED', allowedFrom: ['OPEN', 'SUBMITTED', 'VERIFIED', 'RETURNED'] });
    // The county officer is refused alike: the lock is the quarter's, not the caller's.
    expect((await bed.run(REVIEW, { input: review }, P.county)).errors![0]!.extensions!.code).toBe('INVALID_TRANSITION');
    const returned = await take(RETURN, P.county, { ...at, expectedVersion: version, reason: '退回' });
    expect(returned.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'APPROVED', allowedFrom: ['SUBMITTED', 'VERIFIED'] });
    expect(await tables()).toEqual(before);

    const undone = await ok(UNDO, P.county, { ...at, expectedVersion: version, reason: '乡镇需更正一名儿童的核查结果' });
    expect(undone).toMatchObject({ state: 'VERIFIED', approvedAt: null, verifiedBy: ['education', 'police'] });
    expect((await bed.run(REVIEW, { input: review })).errors).toBeUndefined();
    expect(await bed.count('quarterly_review')).toBe(before.reviews + 1);
    version = undone.version;
  });

  it('approved again, the city accepts; the county cannot undo an acceptance, the city can', async () => {
    const approved = await ok(APPROVE, P.county, { ...at, expectedVersion: version });
    expect((await read(TOWN, CURRENT, P.city, 'SUPERVISION')).allowedActions).toEqual(['ACCEPT', 'RETURN', 'UNDO']);
    const accepted = await ok(ACCEPT, P.city, { ...at, expectedVersion: approved.version });
    expect(accepted).toMatchObject({ state: 'ACCEPTED' });
    expect(accepted.acceptedAt).not.toBeNull();
    const before = await tables();
    const review = await bed.run(REVIEW, { input: { childId: 'LB000000001', quarter: CURRENT, reviewedOn: TODAY, stillLeftBehind: true, outcome: 'NO_CHANGE' } });
    expect(review.errors![0]!.message).toContain(`${CURRENT} is accepted for township ${TOWN}`);
    expect(review.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'ACCEPTED' });
    const byCounty = await take(UNDO, P.county, { ...at, expectedVersion: accepted.version, reason: '撤销' });
    expect(byCounty.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'ACCEPTED', allowedFrom: ['APPROVED'] });
    expect(await tables()).toEqual(before);
    const undone = await ok(UNDO, P.city, { ...at, expectedVersion: accepted.version, reason: '市级抽查发现问题，撤销验收' });
    expect(undone).toMatchObject({ state: 'APPROVED', acceptedAt: null });
    expect(undone.approvedAt).toBe(approved.approvedAt);
  });

  it('keeps every step in the history, oldest first, with who acted and why', async () => {
    const { history } = await read(TOWN, CURRENT, P.city, 'SUPERVISION');
    expect(history.map((e: any) => [e.action, e.fromState, e.toState, e.agency, e.level, e.regionCode])).toEqual([
      ['SUBMIT', 'OPEN', 'SUBMITTED', 'civil_affairs', 'TOWN', TOWN],
      ['VERIFY', 'SUBMITTED', 'SUBMITTED', 'education', 'COUNTY', '431003'],
      ['VERIFY', 'SUBMITTED', 'VERIFIED', 'police', 'COUNTY', '431003'],
      ['RETURN', 'VERIFIED', 'RETURNED', 'civil_affairs', 'COUNTY', '431003'],
      ['SUBMIT', 'RETURNED', 'SUBMITTED', 'civil_affairs', 'TOWN', TOWN],
      ['VERIFY', 'SUBMITTED', 'SUBMITTED', 'police', 'COUNTY', '431003'],
      ['VERIFY', 'SUBMITTED', 'VERIFIED', 'education', 'COUNTY', '431003'],
      ['APPROVE', 'VERIFIED', 'APPROVED', 'civil_affairs', 'COUNTY', '431003'],
      ['UNDO', 'APPROVED', 'VERIFIED', 'civil_affairs', 'COUNTY', '431003'],
      ['APPROVE', 'VERIFIED', 'APPROVED', 'civil_affairs', 'COUNTY', '431003'],
      ['ACCEPT', 'APPROVED', 'ACCEPTED', 'civil_affairs', 'CITY', '4310'],
      ['UNDO', 'ACCEPTED', 'APPROVED', 'civil_affairs', 'CITY', '4310'],
    ]);
    expect(history[3]).toMatchObject({ subject: P.county.subject, reason: '村二未完成核查，请补齐后重新报送' });
    expect(history[0]).toMatchObject({ subject: P.town.subject, reason: null });
    // The city reads aggregates only outside SUPERVISION: the officers' words and names are BASIC.
    const asCaseWork = await bed.run(READ, at, P.city, 'CASE_MANAGEMENT');
    expect(asCaseWork.errors!.map((e) => e.extensions!.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});

describe('timeliness', () => {
  it('a quarter past its deadline is overdue until submitted, then late; a resubmission stays late', async () => {
    const at = key(TOWN, LATE);
    expect(await read(TOWN, LATE)).toMatchObject({ state: 'OPEN', overdue: true, deadline: submissionDeadline(LATE) });
    const submitted = await ok(SUBMIT, P.town, { ...at, expectedVersion: 0 });
    expect(submitted).toMatchObject({ state: 'SUBMITTED', submittedLate: true, overdue: false });
    const returned = await ok(RETURN, P.education, { ...at, expectedVersion: 1, reason: '学籍信息与核查不符' });
    const again = await ok(SUBMIT, P.town, { ...at, expectedVersion: returned.version });
    expect(again).toMatchObject({ submittedLate: true, firstSubmittedAt: submitted.firstSubmittedAt });
  });

  it('judges timeliness on the first submission: one on time stays on time when resubmitted after the deadline', async () => {
    const firstAt = new Date(`${quarterBounds(LATE).end}T12:00:00+08:00`);
    await bed.database.db
      .insertInto('quarterly_submission')
      .values({
        town_code: TOWN_2,
        quarter: LATE,
        state: 'RETURNED',
        version: 3,
        first_submitted_at: firstAt,
        submitted_at: firstAt,
        submitted_late: false,
        education_verified_at: null,
        police_verified_at: null,
        approved_at: null,
        accepted_at: null,
        returned_reason: '请补充',
        reviewed_children: 0,
        expected_children: 0,
        updated_at: firstAt,
      })
      .execute();
    const again = await ok(SUBMIT, P.otherTown, { townCode: TOWN_2, quarter: LATE, expectedVersion: 3 });
    expect(again).toMatchObject({ state: 'SUBMITTED', submittedLate: false, firstSubmittedAt: firstAt.toISOString(), version: 4 });
    expect(again.submittedAt > again.firstSubmittedAt).toBe(true);
  });

  it('takes the deadline days from LBC_QUARTER_SUBMISSION_DAYS', async () => {
    const saved = process.env.LBC_QUARTER_SUBMISSION_DAYS;
    process.env.LBC_QUARTER_SUBMISSION_DAYS = '30';
    try {
      expect((await read(TOWN_2, EARLIER, P.county)).deadline).toBe(addDays(quarterBounds(EARLIER).end, 30));
    } finally {
      if (saved === undefined) delete process.env.LBC_QUARTER_SUBMISSION_DAYS;
      else process.env.LBC_QUARTER_SUBMISSION_DAYS = saved;
    }
    expect((await read(TOWN_2, EARLIER, P.county)).deadline).toBe(addDays(quarterBounds(EARLIER).end, 10));
  });
});

describe('refusals write nothing', () => {
  /** A fresh SUBMITTED quarter of Suxian's first town: the previous one before LATE, not used above. */
  const at = key(TOWN, previousQuarter(EARLIER));

  it('refuses callers of another county, or of an agency or level the step is not for: FORBIDDEN', async () => {
    expect(await ok(SUBMIT, P.town, { ...at, expectedVersion: 0 })).toMatchObject({ state: 'SUBMITTED', version: 1 });
    const before = await tables();
    const cases: [Step, Principal, Record<string, unknown>][] = [
      // Outside the region: another county's bureaus, another township.
      [VERIFY, P.otherEducation, { reason: 'OUTSIDE_JURISDICTION' }],
      [RETURN, P.otherCounty, { reason: 'OUTSIDE_JURISDICTION' }],
      [SUBMIT, P.otherTown, { reason: 'OUTSIDE_JURISDICTION' }],
      // Not their step: the action rules refuse health, the township's police, civil affairs verifying, education approving.
      [VERIFY, P.health, { action: 'Mutation.verifyQuarter', rule: 'county-education-and-police-verify-quarters:agency' }],
      [VERIFY, P.townPolice, { action: 'Mutation.verifyQuarter', rule: 'county-education-and-police-verify-quarters:level' }],
      [VERIFY, P.county, { action: 'Mutation.verifyQuarter', rule: 'county-education-and-police-verify-quarters:agency' }],
      [APPROVE, P.education, { action: 'Mutation.approveQuarter', rule: 'county-approves-quarters:agency' }],
      [ACCEPT, P.county, { action: 'Mutation.acceptQuarter', rule: 'city-accepts-quarters:level' }],
      [SUBMIT, P.county, { action: 'Mutation.submitQuarter', rule: 'township-submits-its-quarter:level' }],
    ];
    for (const [mutation, caller, extensions] of cases) {
      const input = { ...at, expectedVersion: mutation === SUBMIT ? 0 : 1, reason: '测试' };
      const result = await take(mutation, caller, mutation === RETURN ? input : { townCode: input.townCode, quarter: input.quarter, expectedVersion: input.expectedVersion });
      expect(Object.values(result.data!)[0], caller.subject).toBeNull();
      expect(result.errors![0]!.extensions, `${caller.subject}: ${result.errors![0]!.message}`).toMatchObject({ code: 'FORBIDDEN', ...extensions });
    }
    // Education of the city level passes the action rule of a return (the city's civil affairs may return), not the cycle's:
    // refused as not its step even at a stale version.
    const cityEducation = testPrincipal({ subject: 'city-education', agency: 'education', level: 'city', region: '4310' });
    const result = await take(RETURN, cityEducation, { ...at, expectedVersion: 9, reason: '测试' });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_STEP' });
    expect(await tables()).toEqual(before);
  });

  it('refuses a step the state does not allow: INVALID_TRANSITION with the state and allowedFrom', async () => {
    const before = await tables();
    const open = key(TOWN_2, CURRENT);
    for (const [mutation, caller, input, state, allowedFrom] of [
      [APPROVE, P.county, { ...open, expectedVersion: 0 }, 'OPEN', ['VERIFIED']],
      [VERIFY, P.police, { ...open, expectedVersion: 0 }, 'OPEN', ['SUBMITTED']],
      [ACCEPT, P.city, { ...at, expectedVersion: 1 }, 'SUBMITTED', ['APPROVED']],
      [SUBMIT, P.town, { ...at, expectedVersion: 1 }, 'SUBMITTED', ['OPEN', 'RETURNED']],
      [UNDO, P.county, { ...at, expectedVersion: 1, reason: '撤销' }, 'SUBMITTED', ['APPROVED', 'ACCEPTED']],
    ] as const) {
      const result = await take(mutation, caller, input);
      expect(result.errors![0]!.extensions, result.errors![0]!.message).toMatchObject({ code: 'INVALID_TRANSITION', state, allowedFrom });
    }
    expect(await tables()).toEqual(before);
  });

  it('refuses a stale version with CONFLICT and the current one, before the state is judged', async () => {
    const before = await tables();
    const stale = await take(VERIFY, P.education, { ...at, expectedVersion: 7 });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    const submittedMeanwhile = await take(SUBMIT, P.town, { ...at, expectedVersion: 0 });
    expect(submittedMeanwhile.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    const notYet = await take(SUBMIT, P.otherTown, { townCode: TOWN_2, quarter: CURRENT, expectedVersion: 1 });
    expect(notYet.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 0 });
    expect(await tables()).toEqual(before);
  });

  it('refuses bad input naming the field', async () => {
    const before = await tables();
    const base = { ...at, expectedVersion: 1 };
    for (const [mutation, input, field] of [
      [VERIFY, { ...base, quarter: '2026-Q5' }, 'input.quarter'],
      [VERIFY, { ...base, quarter: NEXT }, 'input.quarter'],
      [VERIFY, { ...base, townCode: '431003' }, 'input.townCode'],
      [VERIFY, { ...base, townCode: '431003999' }, 'input.townCode'],
      [VERIFY, { ...base, expectedVersion: -1 }, 'input.expectedVersion'],
      [RETURN, { ...base, reason: '  ' }, 'input.reason'],
      [RETURN, { ...base, reason: '退'.repeat(501) }, 'input.reason'],
    ] as const) {
      const result = await take(mutation, P.education, input);
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await tables()).toEqual(before);
  });

  it('answers a retry with the same Idempotency-Key once, writing once', async () => {
    const before = await tables();
    const input = { townCode: TOWN_2, quarter: CURRENT, expectedVersion: 0 };
    const first = await bed.run(SUBMIT, { input }, P.otherTown, 'CASE_MANAGEMENT', { idempotencyKey: 'submit-1' });
    expect(first.errors).toBeUndefined();
    const again = await bed.run(SUBMIT, { input }, P.otherTown, 'CASE_MANAGEMENT', { idempotencyKey: 'submit-1' });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(await tables()).toEqual({ ...before, submissions: before.submissions + 1, events: before.events + 1 });
  });
});

describe('reading submissions', () => {
  it('is for any agency whose region holds the township or lies in it; elsewhere FORBIDDEN, unknown NOT_FOUND', async () => {
    for (const caller of [P.village, P.education, P.police, P.health, P.province]) {
      expect((await read(TOWN, EARLIER, caller)).state, caller.subject).toBe('APPROVED');
    }
    const elsewhere = await bed.run(READ, key(TOWN, EARLIER), P.otherCounty);
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect((await bed.run(READ, key('431003999', EARLIER), P.county)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await bed.run(READ, key(TOWN, '2026-Q9'), P.county)).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'quarter' });
    expect((await bed.run(READ, key('431003', EARLIER), P.county)).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'townCode' });
  });

  it('is an entity: another subgraph enters it by township and quarter', async () => {
    const result = await bed.run(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on QuarterlySubmission { townCode quarter state completeness { reviewedChildren } } } }`,
      {
        representations: [
          { __typename: 'QuarterlySubmission', townCode: TOWN, quarter: EARLIER },
          { __typename: 'QuarterlySubmission', townCode: TOWN_2, quarter: EARLIER },
        ],
      },
      P.county,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { townCode: TOWN, quarter: EARLIER, state: 'APPROVED', completeness: { reviewedChildren: 5 } },
      { townCode: TOWN_2, quarter: EARLIER, state: 'OPEN', completeness: { reviewedChildren: 0 } },
    ]);
  });
});

describe('Region.quarterlyReporting', () => {
  const AREA = `region { code } townsTotal townsByState { state towns } townsOnTime townsLate townsOverdue reviewedChildren expectedChildren`;
  const REPORTING = `query($code: DivisionCode!, $quarter: String!) { region(code: $code) { quarterlyReporting(quarter: $quarter) {
    quarter deadline region { code } summary { ${AREA} } areas { ${AREA} }
    towns { townCode state overdue submittedLate completeness { reviewedChildren expectedChildren ratio } } } } }`;
  const byState = (counts: Partial<Record<string, number>>) => ['OPEN', 'SUBMITTED', 'VERIFIED', 'APPROVED', 'ACCEPTED', 'RETURNED'].map((state) => ({ state, towns: counts[state] ?? 0 }));
  const area = (code: string, counts: { total: number; states: Partial<Record<string, number>>; onTime: number; late: number; overdue: number; reviewed: number; expected: number }) => ({
    region: { code },
    townsTotal: counts.total,
    townsByState: byState(counts.states),
    townsOnTime: counts.onTime,
    townsLate: counts.late,
    townsOverdue: counts.overdue,
    reviewedChildren: counts.reviewed,
    expectedChildren: counts.expected,
  });
  const SUXIAN_TOWN = area(TOWN, { total: 1, states: { APPROVED: 1 }, onTime: 1, late: 0, overdue: 0, reviewed: 5, expected: 6 });
  const SUXIAN_TOWN_2 = area(TOWN_2, { total: 1, states: { OPEN: 1 }, onTime: 0, late: 0, overdue: 1, reviewed: 0, expected: 0 });
  const SUXIAN = { total: 2, states: { OPEN: 1, APPROVED: 1 }, onTime: 1, late: 0, overdue: 1, reviewed: 5, expected: 6 };
  const BEIHU = { total: 1, states: { SUBMITTED: 1 }, onTime: 0, late: 1, overdue: 0, reviewed: 1, expected: 4 };

  it('for a county: each town side by side, and each town’s submission (live counts until submitted), in one fetch of few statements', async () => {
    bed.database.statements.reset();
    const result = await bed.run(REPORTING, { code: '431003', quarter: EARLIER }, P.county);
    expect(result.errors).toBeUndefined();
    const reporting = result.data!.region.quarterlyReporting;
    expect(reporting).toMatchObject({ quarter: EARLIER, deadline: submissionDeadline(EARLIER), region: { code: '431003' } });
    expect(reporting.summary).toEqual(area('431003', SUXIAN));
    expect(reporting.areas).toEqual([SUXIAN_TOWN, SUXIAN_TOWN_2]);
    expect(reporting.towns).toEqual([
      { townCode: TOWN, state: 'APPROVED', overdue: false, submittedLate: false, completeness: { reviewedChildren: 5, expectedChildren: 6, ratio: 5 / 6 } },
      { townCode: TOWN_2, state: 'OPEN', overdue: true, submittedLate: null, completeness: { reviewedChildren: 0, expectedChildren: 0, ratio: null } },
    ]);
    // The region, the reporting, the areas' regions, the county's towns, their submissions, the live counts: one statement each.
    expect(bed.database.statements.count).toBe(6);
  });

  it('for a city: each county, summed over its towns as submitted; for the province: each city', async () => {
    const city = (await bed.run(REPORTING, { code: '4310', quarter: EARLIER }, P.city, 'SUPERVISION')).data!.region.quarterlyReporting;
    const CITY = { total: 3, states: { OPEN: 1, SUBMITTED: 1, APPROVED: 1 }, onTime: 1, late: 1, overdue: 1, reviewed: 6, expected: 10 };
    expect(city.summary).toEqual(area('4310', CITY));
    expect(city.areas).toEqual([area('431002', BEIHU), area('431003', SUXIAN)]);
    expect(city.towns).toBeNull();
    const province = (await bed.run(REPORTING, { code: '43', quarter: EARLIER }, P.province)).data!.region.quarterlyReporting;
    expect(province.areas).toEqual([area('4310', CITY)]);
    expect(province.summary).toEqual(area('43', CITY));
  });

  it('is readable inside the jurisdiction only; a village reports nothing; a bad quarter is BAD_USER_INPUT', async () => {
    const above = await bed.run(REPORTING, { code: '4310', quarter: EARLIER }, P.county);
    expect(above.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect((await bed.run(REPORTING, { code: `${TOWN}201`, quarter: EARLIER }, P.county)).data!.region.quarterlyReporting).toBeNull();
    const town = (await bed.run(REPORTING, { code: TOWN, quarter: EARLIER }, P.town)).data!.region.quarterlyReporting;
    expect(town).toMatchObject({ summary: SUXIAN_TOWN, areas: [], towns: [{ townCode: TOWN, state: 'APPROVED' }] });
    const bad = await bed.run(REPORTING, { code: '431003', quarter: 'Q3' }, P.county);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'quarter' });
  });
});
