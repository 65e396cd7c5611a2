import { todayInChina } from '@lbc/subgraph-kit';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CivilAffairsDB } from '../src/db-types.ts';
import { monthsBefore } from '../src/guardianship/revocation-grounds.ts';
import { civilAffairs } from '../src/index.ts';
import { CROSSING, insertCountyCrossingChild, insertRegistryFixtures } from './fixtures.ts';
import { CALLERS, registryVersion } from './write-helpers.ts';

const bed = useSubgraphTestBed(civilAffairs, {
  fixtures: async (db: Kysely<CivilAffairsDB>) => {
    await insertRegistryFixtures(db);
    await insertCountyCrossingChild(db);
  },
  principal: CALLERS.county,
});

/** Police callers: the Suxian county bureau, and the station of the crossing child's household (in Liuyang, where it does not live). */
const POLICE = {
  county: testPrincipal({ subject: 'suxian-police', agency: 'police', region: '431003' }),
  station: testPrincipal({ subject: 'station-officer', agency: 'police', level: 'town', region: '430181102', org: CROSSING.stationId }),
  village: testPrincipal({ subject: 'village-police', agency: 'police', level: 'village', region: '431003101201' }),
  /** Liuyang's county police: the crossing child's household is registered there. */
  liuyang: testPrincipal({ subject: 'liuyang-police', agency: 'police', region: '430181' }),
};
/** Liuyang's civil affairs: the crossing child is registered there, but lives elsewhere. */
const LIUYANG_CIVIL_AFFAIRS = testPrincipal({ subject: 'liuyang-officer', region: '430181' });

const TODAY = todayInChina();
const CASE_FIELDS = `protectionCase { id version kind status openedOn closedOn closeReason summary handoffId
  assessment { safety guardianship health summary assessedOn approvedOn } } child { id }`;
const OPEN = `mutation Open($input: OpenProtectionCaseInput!) { openProtectionCase(input: $input) { ${CASE_FIELDS} } }`;
const ASSESS = `mutation Assess($input: RecordCaseAssessmentInput!) { recordCaseAssessment(input: $input) { ${CASE_FIELDS} } }`;
const APPROVE = `mutation Approve($input: ApproveCaseAssessmentInput!) { approveCaseAssessment(input: $input) { ${CASE_FIELDS} } }`;
const CLOSE = `mutation Close($input: CloseProtectionCaseInput!) { closeProtectionCase(input: $input) { ${CASE_FIELDS} } }`;
const WARN = `mutation Warn($input: RecordGuardianWarningInput!) {
  recordGuardianWarning(input: $input) { warning { id version warnedOn reason careRefusedSince givenBy outcome } child { id } } }`;
/** The police read back what they may: a warning's reason is civil affairs' SENSITIVE record. */
const POLICE_WARN = `mutation Warn($input: RecordGuardianWarningInput!) { recordGuardianWarning(input: $input) { warning { id givenBy outcome } child { id } } }`;
const OUTCOME = `mutation Outcome($input: RecordWarningOutcomeInput!) { recordWarningOutcome(input: $input) { warning { id version outcome } child { id } } }`;
const PETITION = `mutation Petition($input: FileGuardianshipPetitionInput!) {
  fileGuardianshipPetition(input: $input) { petition { id version filedOn court grounds outcome decidedOn } child { id } } }`;
const DECISION = `mutation Decision($input: RecordPetitionOutcomeInput!) {
  recordPetitionOutcome(input: $input) { petition { id version outcome decidedOn } child { id registryVersion guardian { name relationship capacity confirmationSignedOn } } } }`;
const INTERVENTION = `query($id: ID!) { child(id: $id) { guardianshipIntervention {
  warningsIgnored careRefusedSince revocationGrounds
  warnings { edges { node { id warnedOn outcome givenBy } } }
  petitions { edges { node { id outcome grounds } } } } } }`;

const caseRow = (id: string) => bed.database.db.selectFrom('protection_case').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();
const warningRow = (id: string) => bed.database.db.selectFrom('guardian_warning').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();
const petitionRow = (id: string) => bed.database.db.selectFrom('guardianship_petition').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();

/** A fresh child in Suxian (白露塘村), straight into the database, so each test reads only its own warnings and petitions. */
let childNumber = 100;
async function freshChild(): Promise<string> {
  const id = `LB000000${++childNumber}`;
  await bed.database.db
    .insertInto('child')
    .values({
      id,
      id_number: null,
      name: '测试儿童',
      sex: 'FEMALE',
      birth_date: '2015-05-05',
      ethnicity: null,
      village_code: '431003101201',
      category: 'BOTH_PARENTS_AWAY',
      left_behind_since: '2020-01-01',
      status: 'ACTIVE',
      exit_reason: null,
      registered_on: '2023-01-01',
      responsible_staff_id: null,
    })
    .execute();
  return id;
}

/** An OPEN case of `kind` for the child, straight into the database; returns its id. */
async function openCase(childId: string, kind: 'NEGLECT' | 'SUSPECTED_ABUSE' | 'NO_GUARDIAN' | 'DROPOUT' | 'OTHER' = 'OTHER'): Promise<string> {
  const { id } = await bed.database.db
    .insertInto('protection_case')
    .values({
      child_id: childId,
      kind,
      status: 'OPEN',
      opened_on: '2026-01-05',
      closed_on: null,
      summary: null,
      lead_staff_id: null,
      handoff_id: null,
      close_reason: null,
      assessment_safety: null,
      assessment_guardianship: null,
      assessment_health: null,
      assessment_summary: null,
      assessed_on: null,
      assessment_approved_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(id);
}

/** Records a warning through the mutation (Suxian county civil affairs); returns its id. */
async function warn(childId: string, warnedOn: string, careRefusedSince: string | null = null): Promise<string> {
  const result = await bed.run(WARN, { input: { childId, warnedOn, reason: '长期不回家照料', careRefusedSince } });
  expect(result.errors).toBeUndefined();
  return result.data!.recordGuardianWarning.warning.id;
}

async function setOutcome(warningId: string, outcome: 'HEEDED' | 'IGNORED'): Promise<void> {
  const result = await bed.run(OUTCOME, { input: { warningId, expectedVersion: 1, outcome } });
  expect(result.errors).toBeUndefined();
}

async function intervention(childId: string) {
  const result = await bed.run(INTERVENTION, { id: childId });
  expect(result.errors).toBeUndefined();
  return result.data!.child.guardianshipIntervention;
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

describe('openProtectionCase', () => {
  it('opens a case today, with the hand-off behind it, and reads it back at version 1', async () => {
    const before = await bed.count('protection_case');
    const result = await bed.run(OPEN, { input: { childId: 'LB000000001', kind: 'SUSPECTED_ABUSE', handoffId: 'HO000000123', summary: '邻居报告' } }, CALLERS.town);
    expect(result.errors).toBeUndefined();
    const { protectionCase } = result.data!.openProtectionCase;
    expect(result.data!.openProtectionCase).toEqual({
      protectionCase: {
        id: protectionCase.id,
        version: 1,
        kind: 'SUSPECTED_ABUSE',
        status: 'OPEN',
        openedOn: TODAY,
        closedOn: null,
        closeReason: null,
        summary: '邻居报告',
        handoffId: 'HO000000123',
        assessment: null,
      },
      child: { id: 'LB000000001' },
    });
    expect(await bed.count('protection_case')).toBe(before + 1);
    expect(result.extensions!.lbcWrites).toEqual([
      { record: 'ProtectionCase', id: protectionCase.id, childId: 'LB000000001', change: 'created', fields: ['kind', 'status', 'openedOn', 'summary', 'handoffId'], fromVersion: null, toVersion: 1 },
    ]);
  });

  it('refuses a second OPEN case of the same kind with CONFLICT; another kind is a case of its own', async () => {
    const before = await bed.count('protection_case');
    // The fixtures hold an open NEGLECT case for LB000000002.
    const twice = await bed.run(OPEN, { input: { childId: 'LB000000002', kind: 'NEGLECT' } });
    expect(twice.data!.openProtectionCase).toBeNull();
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await bed.count('protection_case')).toBe(before);
    const other = await bed.run(OPEN, { input: { childId: 'LB000000002', kind: 'DROPOUT' } });
    expect(other.errors).toBeUndefined();
    expect(await bed.count('protection_case')).toBe(before + 1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await bed.count('protection_case');
    for (const [input, field] of [
      [{ childId: 'LB000000001', kind: 'OTHER', handoffId: 'HO123' }, 'input.handoffId'],
      [{ childId: 'LB000000001', kind: 'OTHER', handoffId: 'ho000000123' }, 'input.handoffId'],
      [{ childId: 'LB000000001', kind: 'OTHER', summary: '   ' }, 'input.summary'],
      [{ childId: 'LB000000001', kind: 'OTHER', summary: 'x'.repeat(2001) }, 'input.summary'],
    ] as const) {
      const result = await bed.run(OPEN, { input });
      expect(result.data!.openProtectionCase, field).toBeNull();
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await bed.count('protection_case')).toBe(before);
  });

  it('is the township’s and county’s, for children living in the jurisdiction', async () => {
    const before = await bed.count('protection_case');
    const input = { childId: 'LB000000001', kind: 'NO_GUARDIAN' };
    const elsewhere = await bed.run(OPEN, { input: { ...input, childId: 'LB000000003' } });
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(OPEN, { input: { ...input, childId: 'LB404' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const village = await bed.run(OPEN, { input }, CALLERS.village);
    expect(village.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'township-opens-protection-cases:level' });
    const police = await bed.run(OPEN, { input }, POLICE.county);
    expect(police.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'township-opens-protection-cases:agency' });
    const statistics = await bed.run(OPEN, { input }, CALLERS.town, 'STATISTICS');
    expect(statistics.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'township-opens-protection-cases:purpose' });
    expect(await bed.count('protection_case')).toBe(before);
    // An emergency is a reason to open one.
    const emergency = await bed.run(OPEN, { input }, CALLERS.town, 'EMERGENCY');
    expect(emergency.errors).toBeUndefined();
    expect(await bed.count('protection_case')).toBe(before + 1);
  });

  it('answers a retry with the same Idempotency-Key from the first write, writing once', async () => {
    const childId = await freshChild();
    const before = await bed.count('protection_case');
    const first = await bed.run(OPEN, { input: { childId, kind: 'NEGLECT' } }, undefined, undefined, { idempotencyKey: 'open-1' });
    expect(first.errors).toBeUndefined();
    const again = await bed.run(OPEN, { input: { childId, kind: 'NEGLECT' } }, undefined, undefined, { idempotencyKey: 'open-1' });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(await bed.count('protection_case')).toBe(before + 1);
  });
});

describe('case assessment, approval and closure', () => {
  it('walks a case through: assessed, re-assessed, approved (then fixed), closed (then final)', async () => {
    const caseId = await openCase(await freshChild());
    const assess = (expectedVersion: number, grade: string, caller = CALLERS.town) =>
      bed.run(ASSESS, { input: { caseId, expectedVersion, safety: grade, guardianship: 'HIGH', health: 'LOW', summary: '祖母无力照料' } }, caller);

    const first = await assess(1, 'MEDIUM');
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordCaseAssessment.protectionCase).toMatchObject({
      version: 2,
      status: 'OPEN',
      assessment: { safety: 'MEDIUM', guardianship: 'HIGH', health: 'LOW', summary: '祖母无力照料', assessedOn: TODAY, approvedOn: null },
    });
    expect(first.extensions!.lbcWrites).toEqual([{ record: 'ProtectionCase', id: caseId, childId: expect.any(String), change: 'updated', fields: ['assessment'], fromVersion: 1, toVersion: 2 }]);
    // Not yet approved: a new assessment replaces it.
    const second = await assess(2, 'HIGH');
    expect(second.data!.recordCaseAssessment.protectionCase).toMatchObject({ version: 3, assessment: { safety: 'HIGH' } });
    // A stale version is a CONFLICT, and changes nothing.
    const stale = await assess(2, 'LOW');
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
    expect(await caseRow(caseId)).toMatchObject({ version: 3, assessment_safety: 'HIGH' });

    // Approval is the county's.
    const byTown = await bed.run(APPROVE, { input: { caseId, expectedVersion: 3 } }, CALLERS.town);
    expect(byTown.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'county-approves-assessments:level' });
    const approved = await bed.run(APPROVE, { input: { caseId, expectedVersion: 3 } });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveCaseAssessment.protectionCase).toMatchObject({ version: 4, assessment: { safety: 'HIGH', approvedOn: TODAY } });

    // Approved: fixed. Neither a new assessment nor a second approval, and nothing written.
    const approvedRow = await caseRow(caseId);
    const reassess = await assess(4, 'NONE');
    expect(reassess.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'APPROVED', action: 'assess' });
    const reapprove = await bed.run(APPROVE, { input: { caseId, expectedVersion: 4 } });
    expect(reapprove.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'APPROVED', action: 'approve' });
    expect(await caseRow(caseId)).toEqual(approvedRow);

    // Closing is the county's too.
    const closeByTown = await bed.run(CLOSE, { input: { caseId, expectedVersion: 4, reason: '已落实监护' } }, CALLERS.town);
    expect(closeByTown.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'county-approves-case-closure:level' });
    const closed = await bed.run(CLOSE, { input: { caseId, expectedVersion: 4, reason: '已落实监护' } });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeProtectionCase.protectionCase).toMatchObject({ version: 5, status: 'CLOSED', closedOn: TODAY, closeReason: '已落实监护' });
    expect(closed.extensions!.lbcWrites).toEqual([
      { record: 'ProtectionCase', id: caseId, childId: expect.any(String), change: 'updated', fields: ['status', 'closedOn', 'closeReason'], fromVersion: 4, toVersion: 5 },
    ]);

    // Closed: final.
    const closedRow = await caseRow(caseId);
    const again = await bed.run(CLOSE, { input: { caseId, expectedVersion: 5, reason: '再次关闭' } });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'CLOSED', action: 'close' });
    const assessClosed = await assess(5, 'LOW');
    expect(assessClosed.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'CLOSED' });
    expect(await caseRow(caseId)).toEqual(closedRow);
  });

  it('refuses to approve a case without an assessment, and to close one whose assessment is not approved, writing nothing', async () => {
    const caseId = await openCase(await freshChild());
    const unassessed = await caseRow(caseId);
    const approve = await bed.run(APPROVE, { input: { caseId, expectedVersion: 1 } });
    expect(approve.data!.approveCaseAssessment).toBeNull();
    expect(approve.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'UNASSESSED', action: 'approve' });
    const closeUnassessed = await bed.run(CLOSE, { input: { caseId, expectedVersion: 1, reason: '无需处理' } });
    expect(closeUnassessed.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'UNASSESSED', action: 'close' });
    expect(await caseRow(caseId)).toEqual(unassessed);

    const assessed = await bed.run(ASSESS, { input: { caseId, expectedVersion: 1, safety: 'LOW', guardianship: 'LOW', health: 'NONE' } });
    expect(assessed.errors).toBeUndefined();
    const assessedRow = await caseRow(caseId);
    const closeUnapproved = await bed.run(CLOSE, { input: { caseId, expectedVersion: 2, reason: '无需处理' } });
    expect(closeUnapproved.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'ASSESSED', action: 'close' });
    expect(await caseRow(caseId)).toEqual(assessedRow);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const caseId = await openCase(await freshChild());
    const before = await caseRow(caseId);
    const grades = { safety: 'LOW', guardianship: 'LOW', health: 'LOW' };
    for (const [mutation, input, field] of [
      [ASSESS, { caseId: 'abc', expectedVersion: 1, ...grades }, 'input.caseId'],
      [ASSESS, { caseId, expectedVersion: 0, ...grades }, 'input.expectedVersion'],
      [ASSESS, { caseId, expectedVersion: 1, ...grades, summary: ' ' }, 'input.summary'],
      [APPROVE, { caseId: '1x', expectedVersion: 1 }, 'input.caseId'],
      [APPROVE, { caseId, expectedVersion: -1 }, 'input.expectedVersion'],
      [CLOSE, { caseId, expectedVersion: 1, reason: '' }, 'input.reason'],
      [CLOSE, { caseId: '99999999999999999999', expectedVersion: 1, reason: '结案' }, 'input.caseId'],
    ] as const) {
      const result = await bed.run(mutation, { input });
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await caseRow(caseId)).toEqual(before);
  });

  it('works on the cases of children living in the jurisdiction only', async () => {
    const caseId = await openCase('LB000000003');
    const before = await caseRow(caseId);
    const assess = await bed.run(ASSESS, { input: { caseId, expectedVersion: 1, safety: 'LOW', guardianship: 'LOW', health: 'LOW' } });
    expect(assess.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const close = await bed.run(CLOSE, { input: { caseId, expectedVersion: 1, reason: '结案' } });
    expect(close.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(APPROVE, { input: { caseId: '999999', expectedVersion: 1 } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await caseRow(caseId)).toEqual(before);
    // Fushun's own officer may.
    const fushun = await bed.run(ASSESS, { input: { caseId, expectedVersion: 1, safety: 'LOW', guardianship: 'LOW', health: 'LOW' } }, CALLERS.otherCounty);
    expect(fushun.errors).toBeUndefined();
  });

  it('answers a retried approval from the first write: the version moves once', async () => {
    const caseId = await openCase(await freshChild());
    await bed.run(ASSESS, { input: { caseId, expectedVersion: 1, safety: 'LOW', guardianship: 'LOW', health: 'LOW' } });
    const first = await bed.run(APPROVE, { input: { caseId, expectedVersion: 2 } }, undefined, undefined, { idempotencyKey: 'approve-1' });
    expect(first.errors).toBeUndefined();
    const again = await bed.run(APPROVE, { input: { caseId, expectedVersion: 2 } }, undefined, undefined, { idempotencyKey: 'approve-1' });
    expect(again.data).toEqual(first.data);
    expect((await caseRow(caseId)).version).toBe(3);
  });
});

describe('guardian warnings', () => {
  it('records a warning by civil affairs, outcome PENDING, and its outcome at the version read', async () => {
    const childId = await freshChild();
    const before = await bed.count('guardian_warning');
    const result = await bed.run(WARN, { input: { childId, warnedOn: '2026-06-01', reason: '未按约定照料', careRefusedSince: '2026-03-01' } }, CALLERS.town);
    expect(result.errors).toBeUndefined();
    const { warning } = result.data!.recordGuardianWarning;
    expect(warning).toEqual({ id: warning.id, version: 1, warnedOn: '2026-06-01', reason: '未按约定照料', careRefusedSince: '2026-03-01', givenBy: 'CIVIL_AFFAIRS', outcome: 'PENDING' });
    expect(await bed.count('guardian_warning')).toBe(before + 1);
    expect(result.extensions!.lbcWrites).toEqual([
      { record: 'GuardianWarning', id: warning.id, childId, change: 'created', fields: ['warnedOn', 'reason', 'givenBy', 'outcome', 'careRefusedSince'], fromVersion: null, toVersion: 1 },
    ]);

    const heeded = await bed.run(OUTCOME, { input: { warningId: warning.id, expectedVersion: 1, outcome: 'HEEDED' } }, CALLERS.town);
    expect(heeded.errors).toBeUndefined();
    expect(heeded.data!.recordWarningOutcome).toEqual({ warning: { id: warning.id, version: 2, outcome: 'HEEDED' }, child: { id: childId } });

    // Decided: an outcome stays. A stale version is CONFLICT first; at the current one, INVALID_TRANSITION.
    const stale = await bed.run(OUTCOME, { input: { warningId: warning.id, expectedVersion: 1, outcome: 'IGNORED' } });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const twice = await bed.run(OUTCOME, { input: { warningId: warning.id, expectedVersion: 2, outcome: 'IGNORED' } });
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'HEEDED' });
    expect(await warningRow(warning.id)).toMatchObject({ outcome: 'HEEDED', version: 2 });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const childId = await freshChild();
    const warningId = await warn(childId, '2026-05-01');
    const warnings = await bed.count('guardian_warning');
    const warning = { childId, warnedOn: '2026-05-02', reason: '训诫' };
    for (const [mutation, input, field] of [
      [WARN, { ...warning, warnedOn: '2999-01-01' }, 'input.warnedOn'],
      // Before the child was born (2015-05-05).
      [WARN, { ...warning, warnedOn: '2015-01-01' }, 'input.warnedOn'],
      [WARN, { ...warning, reason: '  ' }, 'input.reason'],
      [WARN, { ...warning, careRefusedSince: '2026-05-03' }, 'input.careRefusedSince'],
      [WARN, { ...warning, careRefusedSince: '2014-01-01' }, 'input.careRefusedSince'],
      [OUTCOME, { warningId, expectedVersion: 1, outcome: 'PENDING' }, 'input.outcome'],
      [OUTCOME, { warningId: 'w-1', expectedVersion: 1, outcome: 'HEEDED' }, 'input.warningId'],
      [OUTCOME, { warningId, expectedVersion: 0, outcome: 'HEEDED' }, 'input.expectedVersion'],
    ] as const) {
      const result = await bed.run(mutation, { input });
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await bed.count('guardian_warning')).toBe(warnings);
    expect(await warningRow(warningId)).toMatchObject({ outcome: 'PENDING', version: 1 });
  });

  it('police warn too: by residence, household registration or station; civil affairs by residence only', async () => {
    const before = await bed.count('guardian_warning');
    const input = { childId: 'LB000000001', warnedOn: '2026-10-01', reason: '训诫' };
    const county = await bed.run(POLICE_WARN, { input }, POLICE.county);
    expect(county.errors).toBeUndefined();
    expect(county.data!.recordGuardianWarning.warning).toMatchObject({ givenBy: 'POLICE', outcome: 'PENDING' });
    // The crossing child lives in Changsha county; its household is registered at a Liuyang station.
    const crossing = { ...input, childId: CROSSING.id };
    const station = await bed.run(POLICE_WARN, { input: crossing }, POLICE.station);
    expect(station.errors).toBeUndefined();
    // Asking for the reason too: the warning is written, the reason not shown to the police.
    const liuyangPolice = await bed.run(WARN, { input: crossing }, POLICE.liuyang);
    expect(liuyangPolice.errors).toEqual([
      expect.objectContaining({ path: ['recordGuardianWarning', 'warning', 'reason'], extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' }) }),
    ]);
    expect(await bed.count('guardian_warning')).toBe(before + 3);
    // The station's outcome, for its own warning.
    const outcome = await bed.run(OUTCOME, { input: { warningId: station.data!.recordGuardianWarning.warning.id, expectedVersion: 1, outcome: 'IGNORED' } }, POLICE.station);
    expect(outcome.errors).toBeUndefined();

    const liuyangCivil = await bed.run(WARN, { input: crossing }, LIUYANG_CIVIL_AFFAIRS);
    expect(liuyangCivil.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const stationElsewhere = await bed.run(WARN, { input }, POLICE.station);
    expect(stationElsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const policeOutcomeElsewhere = await bed.run(OUTCOME, { input: { warningId: county.data!.recordGuardianWarning.warning.id, expectedVersion: 1, outcome: 'HEEDED' } }, POLICE.station);
    expect(policeOutcomeElsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const village = await bed.run(WARN, { input }, POLICE.village);
    expect(village.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'civil-affairs-and-police-warn-guardians:level' });
    const committee = await bed.run(WARN, { input }, CALLERS.villageCommittee);
    expect(committee.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'civil-affairs-and-police-warn-guardians:level' });
    const unknown = await bed.run(WARN, { input: { ...input, childId: 'LB404' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await bed.count('guardian_warning')).toBe(before + 3);
  });

  it('answers a retry with the same Idempotency-Key from the first write, writing once', async () => {
    const childId = await freshChild();
    const input = { childId, warnedOn: '2026-07-01', reason: '批评教育' };
    const first = await bed.run(WARN, { input }, undefined, undefined, { idempotencyKey: 'warn-1' });
    const again = await bed.run(WARN, { input }, undefined, undefined, { idempotencyKey: 'warn-1' });
    expect(first.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect((await intervention(childId)).warnings.edges).toHaveLength(1);
  });
});

describe('computed revocation grounds', () => {
  it('counts six calendar months of refused care to the day, the same day of the month or the month’s last', () => {
    expect(monthsBefore('2026-07-15', 6)).toBe('2026-01-15');
    expect(monthsBefore('2026-03-10', 6)).toBe('2025-09-10');
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2028-08-31', 6)).toBe('2028-02-29');
    expect(monthsBefore('2026-12-31', 6)).toBe('2026-06-30');
  });

  it('shows REFUSED_CARE_SIX_MONTHS from exactly six months of refused care, not a day before', async () => {
    const sixMonthsAgo = monthsBefore(TODAY, 6);
    const exactly = await freshChild();
    await warn(exactly, TODAY, sixMonthsAgo);
    expect(await intervention(exactly)).toMatchObject({ careRefusedSince: sixMonthsAgo, revocationGrounds: ['REFUSED_CARE_SIX_MONTHS'], warningsIgnored: 0 });
    const dayShort = await freshChild();
    await warn(dayShort, TODAY, dayAfter(sixMonthsAgo));
    expect(await intervention(dayShort)).toMatchObject({ careRefusedSince: dayAfter(sixMonthsAgo), revocationGrounds: [] });
  });

  it('takes the earliest refusal since the last heeded warning: heeding ends a refusal', async () => {
    const childId = await freshChild();
    const early = await warn(childId, '2025-10-01', '2025-09-01');
    await setOutcome(early, 'IGNORED');
    await warn(childId, '2025-12-01', '2025-11-01');
    expect(await intervention(childId)).toMatchObject({ careRefusedSince: '2025-09-01', revocationGrounds: ['REFUSED_CARE_SIX_MONTHS'] });
    const heeded = await warn(childId, '2026-02-01');
    await setOutcome(heeded, 'HEEDED');
    expect(await intervention(childId)).toMatchObject({ careRefusedSince: null, revocationGrounds: [], warningsIgnored: 1 });
    // Refusing again after heeding starts a new refusal.
    await warn(childId, '2026-11-01', '2026-10-01');
    expect(await intervention(childId)).toMatchObject({ careRefusedSince: '2026-10-01', revocationGrounds: [] });
  });

  it('shows WARNINGS_IGNORED_THREE_TIMES from the third ignored warning; heeded and pending ones do not count', async () => {
    const childId = await freshChild();
    const ids = [];
    for (const warnedOn of ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-10']) ids.push(await warn(childId, warnedOn));
    await setOutcome(ids[0]!, 'IGNORED');
    await setOutcome(ids[1]!, 'HEEDED');
    await setOutcome(ids[2]!, 'IGNORED');
    expect(await intervention(childId)).toMatchObject({ warningsIgnored: 2, revocationGrounds: [] });
    await setOutcome(ids[3]!, 'IGNORED');
    const shown = await intervention(childId);
    expect(shown).toMatchObject({ warningsIgnored: 3, revocationGrounds: ['WARNINGS_IGNORED_THREE_TIMES'] });
    // Newest first.
    expect(shown.warnings.edges.map((e: any) => e.node.warnedOn)).toEqual(['2026-05-10', '2026-04-10', '2026-03-10', '2026-02-10', '2026-01-10']);
  });

  it('is empty for a child with nothing recorded', async () => {
    expect(await intervention('LB000000001')).toMatchObject({ warningsIgnored: expect.any(Number), petitions: { edges: [] } });
    const childId = await freshChild();
    expect(await intervention(childId)).toEqual({ warningsIgnored: 0, careRefusedSince: null, revocationGrounds: [], warnings: { edges: [] }, petitions: { edges: [] } });
  });

  it('loads the intervention of a page of children in one statement per field, and pages warnings by keyset', async () => {
    const result = await bed.run(`{ children(filter: { regionCode: "431003101201" }, first: 20) { edges { node { id guardianshipIntervention {
      warningsIgnored revocationGrounds warnings(first: 1) { edges { node { id } } } petitions(first: 1) { edges { node { id } } } } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.children.edges.length).toBeGreaterThan(5);
    // The children, the summary (both fields), the warning pages, the petition pages.
    expect(bed.database.statements.count).toBe(4);

    const childId = await freshChild();
    for (const warnedOn of ['2026-01-01', '2026-02-01', '2026-03-01']) await warn(childId, warnedOn);
    const page = `query($id: ID!, $after: String) { child(id: $id) { guardianshipIntervention { warnings(first: 2, after: $after) {
      edges { node { warnedOn } } pageInfo { hasNextPage endCursor } } } } }`;
    const first = (await bed.run(page, { id: childId })).data!.child.guardianshipIntervention.warnings;
    expect(first.edges.map((e: any) => e.node.warnedOn)).toEqual(['2026-03-01', '2026-02-01']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await bed.run(page, { id: childId, after: first.pageInfo.endCursor })).data!.child.guardianshipIntervention.warnings;
    expect(next).toEqual({ edges: [{ node: { warnedOn: '2026-01-01' } }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });
  });
});

describe('guardianship petitions', () => {
  /** A child whose guardian ignored three warnings. */
  async function childWithIgnoredWarnings(): Promise<string> {
    const childId = await freshChild();
    for (const warnedOn of ['2026-01-10', '2026-02-10', '2026-03-10']) await setOutcome(await warn(childId, warnedOn), 'IGNORED');
    return childId;
  }

  it('files a petition on the grounds the records show; the court revokes and appoints a guardian', async () => {
    const childId = await childWithIgnoredWarnings();
    const before = await bed.count('guardianship_petition');
    const filed = await bed.run(PETITION, { input: { childId, filedOn: '2026-04-01', court: '苏仙区人民法院', grounds: ['WARNINGS_IGNORED_THREE_TIMES', 'OTHER'] } });
    expect(filed.errors).toBeUndefined();
    const { petition } = filed.data!.fileGuardianshipPetition;
    expect(petition).toEqual({ id: petition.id, version: 1, filedOn: '2026-04-01', court: '苏仙区人民法院', grounds: ['WARNINGS_IGNORED_THREE_TIMES', 'OTHER'], outcome: 'PENDING', decidedOn: null });
    expect(await bed.count('guardianship_petition')).toBe(before + 1);
    expect((await intervention(childId)).petitions.edges).toEqual([{ node: { id: petition.id, outcome: 'PENDING', grounds: ['WARNINGS_IGNORED_THREE_TIMES', 'OTHER'] } }]);

    const registry = await registryVersion(bed.database.db, childId);
    const newGuardian = { name: '县儿童福利院', relationship: 'VILLAGE_COMMITTEE', capacity: 'ADEQUATE' };
    const decided = await bed.run(DECISION, { input: { petitionId: petition.id, expectedVersion: 1, decidedOn: '2026-06-01', outcome: 'REVOKED', newGuardian } });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.recordPetitionOutcome).toEqual({
      petition: { id: petition.id, version: 2, outcome: 'REVOKED', decidedOn: '2026-06-01' },
      child: { id: childId, registryVersion: registry + 1, guardian: { ...newGuardian, confirmationSignedOn: null } },
    });
    expect(decided.extensions!.lbcWrites).toEqual([
      { record: 'GuardianshipPetition', id: petition.id, childId, change: 'updated', fields: ['outcome', 'decidedOn'], fromVersion: 1, toVersion: 2 },
      {
        record: 'EntrustedGuardian',
        id: childId,
        childId,
        change: 'created',
        fields: ['name', 'relationship', 'capacity', 'phone', 'confirmationSignedOn'],
        fromVersion: registry,
        toVersion: registry + 1,
      },
    ]);

    // Decided: final, and nothing more written.
    const again = await bed.run(DECISION, { input: { petitionId: petition.id, expectedVersion: 2, decidedOn: '2026-06-02', outcome: 'DISMISSED' } });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'REVOKED' });
    const stale = await bed.run(DECISION, { input: { petitionId: petition.id, expectedVersion: 1, decidedOn: '2026-06-02', outcome: 'DISMISSED' } });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await petitionRow(petition.id)).toMatchObject({ outcome: 'REVOKED', decided_on: '2026-06-01', version: 2 });
    expect(await registryVersion(bed.database.db, childId)).toBe(registry + 1);
  });

  it('refuses grounds the records do not show, and bad input, naming the field and writing nothing', async () => {
    const childId = await freshChild();
    // Refused care since 2026-01-01: six months only from 2026-07-01.
    await warn(childId, '2026-02-01', '2026-01-01');
    const before = await bed.count('guardianship_petition');
    const petition = { childId, filedOn: '2026-06-30', court: '苏仙区人民法院', grounds: ['OTHER'] };
    for (const [input, field] of [
      [{ ...petition, grounds: ['REFUSED_CARE_SIX_MONTHS'] }, 'input.grounds'],
      [{ ...petition, grounds: ['WARNINGS_IGNORED_THREE_TIMES'] }, 'input.grounds'],
      [{ ...petition, grounds: [] }, 'input.grounds'],
      [{ ...petition, grounds: ['OTHER', 'OTHER'] }, 'input.grounds'],
      [{ ...petition, court: ' ' }, 'input.court'],
      [{ ...petition, filedOn: '2999-01-01' }, 'input.filedOn'],
      [{ ...petition, filedOn: '2010-01-01' }, 'input.filedOn'],
    ] as const) {
      const result = await bed.run(PETITION, { input });
      expect(result.data!.fileGuardianshipPetition, field).toBeNull();
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await bed.count('guardianship_petition')).toBe(before);
    // Filed a day later, the six months are there.
    const onTime = await bed.run(PETITION, { input: { ...petition, filedOn: '2026-07-01', grounds: ['REFUSED_CARE_SIX_MONTHS'] } });
    expect(onTime.errors).toBeUndefined();
    // One pending petition per child.
    const second = await bed.run(PETITION, { input: { ...petition, filedOn: '2026-07-02' } });
    expect(second.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await bed.count('guardianship_petition')).toBe(before + 1);
  });

  it('refuses bad outcomes naming the field, and writes nothing', async () => {
    const childId = await childWithIgnoredWarnings();
    const filed = await bed.run(PETITION, { input: { childId, filedOn: '2026-04-01', court: '苏仙区人民法院', grounds: ['WARNINGS_IGNORED_THREE_TIMES'] } });
    const petitionId = filed.data!.fileGuardianshipPetition.petition.id;
    const before = await petitionRow(petitionId);
    const guardians = await bed.count('guardian');
    const decision = { petitionId, expectedVersion: 1, decidedOn: '2026-05-01', outcome: 'DISMISSED' };
    for (const [input, field] of [
      [{ ...decision, outcome: 'PENDING' }, 'input.outcome'],
      [{ ...decision, newGuardian: { name: '王叔叔', relationship: 'RELATIVE', capacity: 'ADEQUATE' } }, 'input.newGuardian'],
      [{ ...decision, outcome: 'REVOKED', newGuardian: { name: ' ', relationship: 'RELATIVE', capacity: 'ADEQUATE' } }, 'input.newGuardian.name'],
      [{ ...decision, decidedOn: '2026-03-31' }, 'input.decidedOn'],
      [{ ...decision, decidedOn: '2999-01-01' }, 'input.decidedOn'],
      [{ ...decision, petitionId: 'p1' }, 'input.petitionId'],
      [{ ...decision, expectedVersion: 0 }, 'input.expectedVersion'],
    ] as const) {
      const result = await bed.run(DECISION, { input });
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await petitionRow(petitionId)).toEqual(before);
    expect(await bed.count('guardian')).toBe(guardians);
    const dismissed = await bed.run(DECISION, { input: decision });
    expect(dismissed.data!.recordPetitionOutcome.petition).toMatchObject({ outcome: 'DISMISSED', version: 2 });
  });

  it('is the county’s, for children living in its jurisdiction', async () => {
    const childId = await childWithIgnoredWarnings();
    const before = await bed.count('guardianship_petition');
    const input = { childId, filedOn: '2026-04-01', court: '苏仙区人民法院', grounds: ['OTHER'] };
    const town = await bed.run(PETITION, { input }, CALLERS.town);
    expect(town.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'county-petitions-to-revoke-guardianship:level' });
    const police = await bed.run(PETITION, { input }, POLICE.county);
    expect(police.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'county-petitions-to-revoke-guardianship:agency' });
    const elsewhere = await bed.run(PETITION, { input }, CALLERS.otherCounty);
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await bed.count('guardianship_petition')).toBe(before);
    const filed = await bed.run(PETITION, { input });
    const petitionId = filed.data!.fileGuardianshipPetition.petition.id;
    const decision = { petitionId, expectedVersion: 1, decidedOn: '2026-05-01', outcome: 'DISMISSED' };
    const townDecides = await bed.run(DECISION, { input: decision }, CALLERS.town);
    expect(townDecides.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'county-records-petition-outcomes:level' });
    const otherCounty = await bed.run(DECISION, { input: decision }, CALLERS.otherCounty);
    expect(otherCounty.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(DECISION, { input: { ...decision, petitionId: '999999' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await petitionRow(petitionId)).toMatchObject({ outcome: 'PENDING', version: 1 });
  });

  it('answers a retried revocation from the first write: the guardian and the registry version change once', async () => {
    const childId = await childWithIgnoredWarnings();
    const filed = await bed.run(PETITION, { input: { childId, filedOn: '2026-04-01', court: '苏仙区人民法院', grounds: ['WARNINGS_IGNORED_THREE_TIMES'] } });
    const petitionId = filed.data!.fileGuardianshipPetition.petition.id;
    const registry = await registryVersion(bed.database.db, childId);
    const input = {
      petitionId,
      expectedVersion: 1,
      decidedOn: '2026-05-01',
      outcome: 'REVOKED',
      newGuardian: { name: '李姑姑', relationship: 'RELATIVE', capacity: 'ADEQUATE', phone: '13600000000' },
    };
    const first = await bed.run(DECISION, { input }, undefined, undefined, { idempotencyKey: 'revoke-1' });
    expect(first.errors).toBeUndefined();
    const again = await bed.run(DECISION, { input }, undefined, undefined, { idempotencyKey: 'revoke-1' });
    expect(again.data).toEqual(first.data);
    expect(await registryVersion(bed.database.db, childId)).toBe(registry + 1);
    expect(await petitionRow(petitionId)).toMatchObject({ outcome: 'REVOKED', version: 2 });
  });
});
