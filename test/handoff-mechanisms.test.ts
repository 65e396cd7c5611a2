import type { Principal, Purpose } from '@lbc/schema';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingAs, exampleOperation as example, type Caller } from './harness/acting-as.ts';
import { eventually } from './harness/eventually.ts';
import { startHub, type Hub } from './harness/start-hub.ts';
import { startWebhookReceiver, type WebhookReceiver } from './harness/webhook-receiver.ts';

/**
 * The protection mechanisms of the seed texts, walked end to end through the gateway by
 * the principals who act in them — a school, a police station, a township officer, the
 * county civil affairs, a clinic, the Youth League — with the exchange, the hand-offs'
 * clock and the webhook push running in the hub as `npm run up` runs them. The clock is
 * the hub's and the test moves it on: escalation is seen as it is recorded, not waited for.
 */
const COUNTY = '431003';
const SECRET = 'a-shared-secret-for-the-test-receivers-0123456789';
const PERSUADED = '家里缺劳力，回家照顾弟妹';

let hub: Hub;
/** A caller acting as `principal` in this file's hub. */
const as = (principal: Partial<Principal>, purpose?: Purpose) => actingAs(hub, principal, purpose);
let receiver: WebhookReceiver;
/** How far the hub's clock runs ahead of the wall clock. */
let clockAheadMs = 0;

const HANDOFF = `id kind state version reason dueAt overdueSince child { id } from { agency level regionCode org } to { agency level regionCode org } escalatedTo { level regionCode } history { kind }`;
const QUEUE = example('work-queue', 'WorkQueue');
const READ = `query($id: ID!) { handoff(id: $id) { ${HANDOFF} outcome outcomeReason } }`;
const ACCEPT = example('answer-handoff', 'AcceptHandoff');
const COMPLETE = example('answer-handoff', 'CompleteHandoff');
const FILE_REPORT = example('file-mandatory-report', 'FileMandatoryReport');

/** The queue items of a caller, by hand-off id. */
async function queue(caller: Caller): Promise<Map<string, { why: string; overdue: boolean; handoff: { id: string; kind: string; state: string; version: number; child: { id: string } } }>> {
  const data = await caller(QUEUE, { first: 500 });
  return new Map(data.workQueue.edges.map((e: any) => [e.node.handoff.id, e.node]));
}

const db = (subgraph: keyof Hub['subgraphs']) => hub.subgraphs[subgraph].database.db;

/** Webhooks a path received about a hand-off, oldest first. */
const pushed = (path: string, handoffId: string) => receiver.received.filter((r) => r.path === path && r.body?.handoff?.id === handoffId);

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  const subscription = (id: string, agency: string) => ({ id, agency, regionCode: COUNTY, url: receiver.url(`/${id}`), secret: SECRET });
  hub = await startHub({
    children: 150,
    scope: [COUNTY],
    gateway: {
      rateLimit: { perMinute: 100_000, burst: 10_000 },
      exchange: {
        intervalMs: 100,
        batchSize: 500,
        clock: () => new Date(Date.now() + clockAheadMs),
        webhookRetryBaseMs: 50,
        webhooks: [subscription('county-police', 'police'), subscription('county-civil-affairs', 'civil_affairs'), subscription('county-education', 'education')],
      },
    },
  });
});
afterAll(async () => {
  await hub?.stop();
  await receiver?.stop();
});

describe('mandatory report → emergency response → assessment → services', () => {
  it('is walked by the school, the station, the township, the county and a clinic, each recording its own part', async () => {
    // A pupil of a school in the county, registered at a station there, living there, with no open protection case.
    const { rows: candidates } = await sql<{ child_id: string; residence_code: string; registration_code: string; station_id: string; school_code: string; school_id: string }>`
      select * from child_place where school_id is not null and station_id is not null
        and residence_code like ${`${COUNTY}%`} and registration_code like ${`${COUNTY}%`} and school_code like ${`${COUNTY}%`} order by child_id`.execute(db('handoffs'));
    const { rows: withCases } = await sql<{ child_id: string }>`select child_id from protection_case where status = 'OPEN'`.execute(db('civil-affairs'));
    const child = candidates.find((c) => !withCases.some((w) => w.child_id === c.child_id))!;
    expect(child).toBeDefined();
    const town = child.residence_code.slice(0, 9);

    const school = await as({ agency: 'education', level: 'town', region: child.school_code.slice(0, 9), org: child.school_id });
    const station = await as({ agency: 'police', level: 'town', region: child.registration_code.slice(0, 9), org: child.station_id }, 'EMERGENCY');
    const township = await as({ agency: 'civil_affairs', level: 'town', region: town }, 'ASSESSMENT');
    const county = await as({ agency: 'civil_affairs', level: 'county', region: COUNTY }, 'ASSESSMENT');
    const clinic = await as({ agency: 'health', level: 'town', region: town });

    // The school reports at once: to the station of the child's household, due within the hour.
    const knewAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const filed = await school(FILE_REPORT, { input: { childId: child.child_id, situation: 'LIVING_ALONE', knewAt, note: '连续三天独自在家' } });
    const report = filed.fileMandatoryReport.handoff;
    expect(report).toMatchObject({ kind: 'MANDATORY_REPORT', state: 'SENT', reportedLate: false, to: { agency: 'police', level: 'TOWN', org: child.station_id } });
    expect((await queue(station)).get(report.id)).toMatchObject({ why: 'ADDRESSED', overdue: false });

    // The station accepts, responds (its own record, in the police subgraph), and completes.
    await station(ACCEPT, { input: { id: report.id, expectedVersion: 1, note: '已出警' } });
    const response = await station(
      `mutation($input: RecordEmergencyResponseInput!) { recordEmergencyResponse(input: $input) { mandatoryReport { id handoffId status emergencyResponses { edges { node { action } } } } } }`,
      { input: { childId: child.child_id, handoffId: report.id, category: 'LIVING_ALONE', reporterKind: 'SCHOOL', reportedAt: knewAt, actions: ['PLACED_WITH_RELATIVES'], notes: '暂由姑姑照看' } },
    );
    expect(response.recordEmergencyResponse.mandatoryReport).toMatchObject({ handoffId: report.id, emergencyResponses: { edges: [{ node: { action: 'PLACED_WITH_RELATIVES' } }] } });
    await station(COMPLETE, { input: { id: report.id, expectedVersion: 2, outcome: 'SUCCESSFUL', reason: '已妥善安置' } });

    // The hub notifies the township (an EMERGENCY_NOTICE in its queue) and the county civil affairs (a copy, by webhook).
    const notice = await eventually(
      async () => [...(await queue(township)).values()].find((i) => i.handoff.kind === 'EMERGENCY_NOTICE' && i.handoff.child.id === child.child_id),
      'the township is notified',
    );
    const noticeRead = (await township(READ, { id: notice.handoff.id })).handoff;
    expect(noticeRead).toMatchObject({ child: { id: child.child_id }, from: { agency: 'police' }, to: { agency: 'civil_affairs', level: 'TOWN', regionCode: town } });
    const copy = await eventually(async () => pushed('/county-civil-affairs', notice.handoff.id).find((r) => r.body.reason === 'COPIED'), 'the county civil affairs gets its copy');
    expect(copy).toMatchObject({ verified: true, body: { type: 'handoff.notice', handoff: { kind: 'EMERGENCY_NOTICE', childId: child.child_id } } });
    // Minimum necessary: the push carries the derived reason, never the reporter's note.
    expect(JSON.stringify(copy.body)).not.toContain('独自在家');
    expect(copy.body.handoff.reason).toBe('LIVING_ALONE');

    // The township takes it on, opens a protection case from it and assesses the three dimensions.
    await township(ACCEPT, { input: { id: notice.handoff.id, expectedVersion: 1 } });
    const opened = await township(`mutation($input: OpenProtectionCaseInput!) { openProtectionCase(input: $input) { protectionCase { id version handoffId status } } }`, {
      input: { childId: child.child_id, kind: 'NEGLECT', handoffId: notice.handoff.id, summary: '独居，监护缺失' },
    });
    const protectionCase = opened.openProtectionCase.protectionCase;
    expect(protectionCase).toMatchObject({ handoffId: notice.handoff.id, status: 'OPEN' });
    const assessed = await township(
      `mutation($input: RecordCaseAssessmentInput!) { recordCaseAssessment(input: $input) { protectionCase { id version assessment { safety guardianship health approvedOn } } } }`,
      {
        input: { caseId: protectionCase.id, expectedVersion: protectionCase.version, safety: 'MEDIUM', guardianship: 'HIGH', health: 'LOW', summary: '需监护指导' },
      },
    );
    expect(assessed.recordCaseAssessment.protectionCase.assessment).toMatchObject({ safety: 'MEDIUM', guardianship: 'HIGH', health: 'LOW', approvedOn: null });
    await township(COMPLETE, { input: { id: notice.handoff.id, expectedVersion: 2, outcome: 'SUCCESSFUL', reason: '已立案评估' } });

    // The assessment goes to the county for approval; the county approves in the record, then answers the hand-off.
    const requested = await township(`mutation($input: RequestAssessmentApprovalInput!) { requestAssessmentApproval(input: $input) { handoff { id to { level regionCode } } } }`, {
      input: { childId: child.child_id, caseId: protectionCase.id },
    });
    const approval = requested.requestAssessmentApproval.handoff;
    expect(approval.to).toEqual({ level: 'COUNTY', regionCode: COUNTY });
    expect((await queue(county)).get(approval.id)).toMatchObject({ why: 'ADDRESSED' });
    await county(ACCEPT, { input: { id: approval.id, expectedVersion: 1 } });
    const approved = await county(`mutation($input: ApproveCaseAssessmentInput!) { approveCaseAssessment(input: $input) { protectionCase { version assessment { approvedOn } } } }`, {
      input: { caseId: protectionCase.id, expectedVersion: assessed.recordCaseAssessment.protectionCase.version },
    });
    expect(approved.approveCaseAssessment.protectionCase.assessment.approvedOn).not.toBeNull();
    await county(COMPLETE, { input: { id: approval.id, expectedVersion: 2, outcome: 'SUCCESSFUL', reason: '评估通过' } });

    // A service, to the township clinic, with a due date; the clinic does it.
    const arranged = await township(`mutation($input: ArrangeServiceInput!) { arrangeService(input: $input) { handoff { id kind service to { agency regionCode } } } }`, {
      input: { childId: child.child_id, caseId: protectionCase.id, service: 'COUNSELLING', provider: { agency: 'health', regionCode: town }, dueOn: '2999-01-01' },
    });
    const service = arranged.arrangeService.handoff;
    expect(service).toMatchObject({ kind: 'SERVICE', service: 'COUNSELLING', to: { agency: 'health', regionCode: town } });
    expect((await queue(clinic)).get(service.id)).toMatchObject({ why: 'ADDRESSED' });
    await clinic(ACCEPT, { input: { id: service.id, expectedVersion: 1 } });
    await clinic(COMPLETE, { input: { id: service.id, expectedVersion: 2, outcome: 'SUCCESSFUL', reason: '完成三次心理疏导' } });

    // The county closes the case.
    const closed = await county(`mutation($input: CloseProtectionCaseInput!) { closeProtectionCase(input: $input) { protectionCase { status } } }`, {
      input: { caseId: protectionCase.id, expectedVersion: approved.approveCaseAssessment.protectionCase.version, reason: '监护已落实' },
    });
    expect(closed.closeProtectionCase.protectionCase.status).toBe('CLOSED');

    // Each party's part is in the child's hand-offs, as the township sees them.
    const history = await township(`query($id: ID!) { child(id: $id) { handoffs(first: 20) { edges { node { kind state } } } } }`, { id: child.child_id });
    const kinds = history.child.handoffs.edges.map((e: any) => `${e.node.kind}:${e.node.state}`);
    expect(kinds).toEqual(expect.arrayContaining(['EMERGENCY_NOTICE:DONE', 'ASSESSMENT:DONE', 'SERVICE:DONE']));
  });
});

describe('the clock', () => {
  it('escalates an unanswered report to the county police, then the city, and pushes it to a receiver that fails first', async () => {
    const { rows } = await sql<{ child_id: string; school_code: string; school_id: string; registration_code: string; station_id: string }>`
      select * from child_place where school_id is not null and station_id is not null and school_code like ${`${COUNTY}%`} and registration_code like ${`${COUNTY}%`}
      order by child_id desc limit 1`.execute(db('handoffs'));
    const child = rows[0]!;
    const school = await as({ agency: 'education', level: 'town', region: child.school_code.slice(0, 9), org: child.school_id });
    const countyPolice = await as({ agency: 'police', level: 'county', region: COUNTY }, 'EMERGENCY');
    const cityPolice = await as({ agency: 'police', level: 'city', region: COUNTY.slice(0, 4) }, 'SUPERVISION');
    const station = await as({ agency: 'police', level: 'town', region: child.registration_code.slice(0, 9), org: child.station_id }, 'EMERGENCY');

    receiver.failFirstAttempts('/county-police', 2);
    const filed = await school(FILE_REPORT, { input: { childId: child.child_id, situation: 'MISSING', knewAt: new Date().toISOString() } });
    const id = filed.fileMandatoryReport.handoff.id as string;
    expect((await queue(countyPolice)).has(id)).toBe(false);

    // An hour and a minute later by the hub's clock: overdue at the station, escalated to the county.
    clockAheadMs = 61 * 60_000;
    const escalated = await eventually(async () => (await queue(countyPolice)).get(id), 'the county police see it escalated');
    expect(escalated).toMatchObject({ why: 'ESCALATED', overdue: true });
    expect((await queue(station)).get(id)).toMatchObject({ why: 'ADDRESSED', overdue: true });
    expect((await queue(cityPolice)).has(id)).toBe(false);

    // Another hour unanswered: the city.
    clockAheadMs = 122 * 60_000;
    await eventually(async () => (await queue(cityPolice)).get(id), 'the city police see it escalated');
    const read = (await station(READ, { id })).handoff;
    expect(read.escalatedTo).toEqual({ level: 'CITY', regionCode: COUNTY.slice(0, 4) });
    expect(read.history.map((h: any) => h.kind)).toEqual(['SENT', 'ESCALATED', 'ESCALATED']);

    // The county police's system got the report (to its station) and the escalation to the county, each at least once,
    // signed, though its first two attempts failed; the escalation to the city is the city's, not the county's, to receive.
    const deliveries = await eventually(async () => {
      const got = pushed('/county-police', id).filter((r) => r.status === 204);
      return new Set(got.map((d) => d.body.reason)).size === 2 && got;
    }, 'the county police system receives every notice');
    expect(new Set(deliveries.map((d) => d.body.reason))).toEqual(new Set(['ADDRESSED', 'ESCALATED']));
    expect(deliveries.every((d) => d.verified)).toBe(true);
    const attempts = pushed('/county-police', id);
    const failed = attempts.filter((r) => r.status === 503);
    expect(failed.length).toBe(2 * deliveries.length);
    // A retry carries the id of the first attempt: the receiver's idempotency key.
    for (const f of failed) expect(deliveries.map((d) => d.id)).toContain(f.id);
    // Every attempt, failed or not, is in the audit log before it left.
    const { rows: audited } = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_entry where operation_name like ${'webhook county-police notice %'} and variables->>'handoffId' = ${id}`.execute(hub.hubDatabase.db);
    expect(audited[0]!.n).toBeGreaterThanOrEqual(attempts.length);

    // The hub's operators see the push per subscription.
    const operator = await hub.token({ agency: 'audit', level: 'province', region: '43' });
    const backlog = await hub.query(operator, '{ webhookBacklog { subscription pending failed delivered } }', {}, { 'x-lbc-purpose': 'SUPERVISION' });
    const police = backlog.body.data.webhookBacklog.find((b: any) => b.subscription === 'county-police');
    expect(police).toMatchObject({ failed: 0 });
    expect(police.delivered).toBeGreaterThanOrEqual(deliveries.length);

    // Answering ends the escalation: the county's queue no longer holds it.
    clockAheadMs = 0;
    await station(ACCEPT, { input: { id, expectedVersion: 1 } });
    expect((await queue(countyPolice)).has(id)).toBe(false);
    expect((await station(READ, { id })).handoff).toMatchObject({ state: 'ACCEPTED', overdueSince: null, escalatedTo: null });
  });
});

describe('dropout control', () => {
  it('sends the school’s written report to the county bureau and the township; the return to school closes both', async () => {
    const { rows } = await sql<{ child_id: string; school_id: string; region_code: string }>`
      select e.child_id, e.school_id, s.region_code from enrollment e join school s on s.id = e.school_id
      where e.current and s.region_code like ${`${COUNTY}%`}
        and not exists (select 1 from dropout_report d where d.child_id = e.child_id and d.status <> 'RETURNED') order by e.child_id`.execute(db('education-enrollment'));
    const { rows: places } = await sql<{ child_id: string; residence_code: string }>`select child_id, residence_code from child_place where residence_code like ${`${COUNTY}%`}`.execute(
      db('handoffs'),
    );
    const pupil = rows.find((r) => places.some((p) => p.child_id === r.child_id))!;
    const home = places.find((p) => p.child_id === pupil.child_id)!.residence_code;
    const school = await as({ agency: 'education', level: 'town', region: pupil.region_code.slice(0, 9), org: pupil.school_id }, 'DROPOUT_RETURN');
    const bureau = await as({ agency: 'education', level: 'county', region: COUNTY }, 'DROPOUT_RETURN');
    const township = await as({ agency: 'civil_affairs', level: 'town', region: home.slice(0, 9) });

    const reported = await school(`mutation($input: ReportDropoutInput!) { reportDropout(input: $input) { dropoutReport { id version } } }`, {
      input: { childId: pupil.child_id, reportedOn: '2026-11-02', reason: PERSUADED },
    });
    let dropout = reported.reportDropout.dropoutReport;
    const persuaded = await school(`mutation($input: RecordPersuasionAttemptInput!) { recordPersuasionAttempt(input: $input) { dropoutReport { id version } } }`, {
      input: { reportId: dropout.id, expectedVersion: dropout.version, attemptedOn: '2026-11-09', status: 'REFERRED' },
    });
    dropout = persuaded.recordPersuasionAttempt.dropoutReport;

    const sent = await school(`mutation($input: ReportDropoutToAuthoritiesInput!) { reportDropoutToAuthorities(input: $input) { handoffs { id to { agency level regionCode } } } }`, {
      input: { childId: pupil.child_id, note: '三次劝返无效' },
    });
    const [toBureau, toTownship] = sent.reportDropoutToAuthorities.handoffs;
    expect(toBureau.to).toEqual({ agency: 'education', level: 'COUNTY', regionCode: COUNTY });
    expect(toTownship.to).toEqual({ agency: 'civil_affairs', level: 'TOWN', regionCode: home.slice(0, 9) });
    expect((await queue(bureau)).get(toBureau.id)).toMatchObject({ why: 'ADDRESSED' });
    expect((await queue(township)).get(toTownship.id)).toMatchObject({ why: 'ADDRESSED' });
    await bureau(ACCEPT, { input: { id: toBureau.id, expectedVersion: 1 } });
    await eventually(async () => pushed('/county-education', toBureau.id).some((r) => r.status === 204), 'the county bureau’s system is told');

    // The child goes back: education records it, the exchange carries it, the hub closes both reports.
    await school(`mutation($input: RecordReturnToSchoolInput!) { recordReturnToSchool(input: $input) { dropoutReport { id } } }`, {
      input: { reportId: dropout.id, expectedVersion: dropout.version, returnedOn: '2026-11-20' },
    });
    for (const [caller, id] of [
      [bureau, toBureau.id],
      [township, toTownship.id],
    ] as const) {
      const done = await eventually(async () => {
        const h = (await caller(READ, { id })).handoff;
        return h.state === 'DONE' && h;
      }, `hand-off ${id} closes`);
      expect(done).toMatchObject({ outcome: 'SUCCESSFUL', outcomeReason: 'back at school on 2026-11-20' });
    }
  });
});

describe('unregistered children', () => {
  it('are handed by civil affairs to the police at the same level; the ID number the police issue closes the hand-off', async () => {
    const civil = await as({ agency: 'civil_affairs', level: 'county', region: COUNTY });
    const police = await as({ agency: 'police', level: 'county', region: COUNTY }, 'HOUSEHOLD_REGISTRATION');
    const village = (await civil(`query($code: DivisionCode!) { region(code: $code) { children(first: 1) { edges { node { children(first: 1) { edges { node { code } } } } } } } }`, { code: COUNTY }))
      .region.children.edges[0].node.children.edges[0].node.code as string;
    const registered = await civil(`mutation($input: RegisterChildInput!) { registerChild(input: $input) { child { id } } }`, {
      input: { name: '刘小雨', sex: 'FEMALE', birthDate: '2019-03-04', residenceVillageCode: village, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2024-01-01' },
    });
    const childId = registered.registerChild.child.id as string;
    // The residence reaches the hand-off subgraph by the exchange before it can route anything.
    await eventually(async () => (await sql`select 1 from child_place where child_id = ${childId}`.execute(db('handoffs'))).rows.length > 0, 'the hub knows where the child lives');

    const handedOver = await civil(`mutation($input: HandOverUnregisteredChildInput!) { handOverUnregisteredChild(input: $input) { handoff { ${HANDOFF} } } }`, { input: { childId } });
    const handover = handedOver.handOverUnregisteredChild.handoff;
    expect(handover).toMatchObject({ kind: 'UNREGISTERED_HANDOVER', to: { agency: 'police', level: 'COUNTY', regionCode: COUNTY } });
    expect((await queue(police)).get(handover.id)).toMatchObject({ why: 'ADDRESSED' });

    // The exchange makes it pending at the police, who register the child and issue its number.
    const pending = await eventually(async () => {
      const { rows } = await sql<{ version: number }>`select version from unregistered_child where child_id = ${childId} and status = 'PENDING'`.execute(db('police-household'));
      return rows[0];
    }, 'the police list the child as pending');
    await police(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } });
    await police(`mutation($input: RegisterUnregisteredChildInput!) { registerUnregisteredChild(input: $input) { registration { status } } }`, {
      input: {
        childId,
        expectedVersion: pending.version,
        birthDate: '2019-03-04',
        sex: 'FEMALE',
        relationshipToHead: 'DAUGHTER',
        newHousehold: { villageCode: village, addressDetail: '三组七号', headName: '刘建军', stationId: `PS-${village.slice(0, 9)}` },
      },
    });
    const done = await eventually(async () => {
      const h = (await civil(READ, { id: handover.id })).handoff;
      return h.state === 'DONE' && h;
    }, 'the issued ID number closes the hand-off');
    expect(done).toMatchObject({ outcome: 'SUCCESSFUL', outcomeReason: 'the police registered the child and issued its ID number' });
    // Civil affairs is told, on its system.
    await eventually(async () => pushed('/county-civil-affairs', handover.id).find((r) => r.body.reason === 'FINISHED' && r.status === 204), 'civil affairs is told');
  });
});

describe('guardianship intervention', () => {
  it('records warnings, surfaces the grounds for revocation, and the petition, its outcome and the new guardian', async () => {
    const { rows } = await sql<{ child_id: string; version: number; village_code: string }>`
      select c.id as child_id, c.version, c.village_code from child c
      where c.status = 'ACTIVE' and c.village_code like ${`${COUNTY}%`} and not exists (select 1 from guardianship_petition p where p.child_id = c.id) order by c.id desc`.execute(db('civil-affairs'));
    const child = rows[0]!;
    const township = await as({ agency: 'civil_affairs', level: 'town', region: child.village_code.slice(0, 9) });
    const county = await as({ agency: 'civil_affairs', level: 'county', region: COUNTY });
    const GROUNDS = `query($id: ID!) { child(id: $id) { guardianshipIntervention { warningsIgnored revocationGrounds } } }`;

    for (const warnedOn of ['2026-06-01', '2026-07-01', '2026-08-01']) {
      const warned = await township(`mutation($input: RecordGuardianWarningInput!) { recordGuardianWarning(input: $input) { warning { id version } } }`, {
        input: { childId: child.child_id, warnedOn, reason: '长期不履行监护职责' },
      });
      const warning = warned.recordGuardianWarning.warning;
      await township(`mutation($input: RecordWarningOutcomeInput!) { recordWarningOutcome(input: $input) { warning { outcome } } }`, {
        input: { warningId: warning.id, expectedVersion: warning.version, outcome: 'IGNORED' },
      });
    }
    const grounds = (await county(GROUNDS, { id: child.child_id })).child.guardianshipIntervention;
    expect(grounds).toMatchObject({ warningsIgnored: 3, revocationGrounds: ['WARNINGS_IGNORED_THREE_TIMES'] });

    const filed = await county(`mutation($input: FileGuardianshipPetitionInput!) { fileGuardianshipPetition(input: $input) { petition { id version outcome } } }`, {
      input: { childId: child.child_id, filedOn: '2026-09-01', court: '苏仙区人民法院', grounds: ['WARNINGS_IGNORED_THREE_TIMES'] },
    });
    const petition = filed.fileGuardianshipPetition.petition;
    expect(petition.outcome).toBe('PENDING');
    const decided = await county(`mutation($input: RecordPetitionOutcomeInput!) { recordPetitionOutcome(input: $input) { petition { outcome decidedOn } child { id } } }`, {
      input: {
        petitionId: petition.id,
        expectedVersion: petition.version,
        decidedOn: '2026-10-15',
        outcome: 'REVOKED',
        newGuardian: { name: '王桂兰', relationship: 'GRANDPARENT', capacity: 'ADEQUATE' },
      },
    });
    expect(decided.recordPetitionOutcome.petition).toEqual({ outcome: 'REVOKED', decidedOn: '2026-10-15' });
    const guardian = await county(`query($id: ID!) { child(id: $id) { guardian { name relationship } } }`, { id: child.child_id });
    expect(guardian.child.guardian).toEqual({ name: '王桂兰', relationship: 'GRANDPARENT' });
  });
});

describe('the 12355 hotline', () => {
  it('takes a call, transfers it to the township, follows it up and closes it once the transfer is done', async () => {
    const { rows } = await sql<{
      child_id: string;
      residence_code: string;
    }>`select child_id, residence_code from child_place where residence_code like ${`${COUNTY}%`} order by child_id limit 1 offset 3`.execute(db('handoffs'));
    const child = rows[0]!;
    const league = await as({ agency: 'youth_league', level: 'county', region: COUNTY });
    const township = await as({ agency: 'civil_affairs', level: 'town', region: child.residence_code.slice(0, 9) });
    const opened = await league(example('hotline-ticket', 'OpenHotlineTicket'), {
      input: { regionCode: child.residence_code, caller: 'NEIGHBOUR', childId: child.child_id, situation: 'GUARDIAN_CANNOT_ACT', summary: '邻居反映孩子奶奶卧病在床，无人照看' },
    });
    const ticket = opened.openHotlineTicket.ticket;
    expect(ticket).toMatchObject({ status: 'OPEN', child: { id: child.child_id } });
    const transferred = await league(example('hotline-ticket', 'TransferHotlineTicket'), {
      input: { ticketId: ticket.id, to: { agency: 'civil_affairs', regionCode: child.residence_code.slice(0, 9) } },
    });
    const transfer = transferred.transferHotlineTicket.handoff;
    expect(transfer).toMatchObject({ kind: 'HOTLINE_TRANSFER', reason: 'GUARDIAN_CANNOT_ACT' });
    expect((await queue(township)).get(transfer.id)).toMatchObject({ why: 'ADDRESSED' });
    // The receiver reads what the caller said on the ticket itself.
    expect((await township(`query($id: ID!) { hotlineTicket(id: $id) { summary } }`, { id: ticket.id })).hotlineTicket.summary).toContain('卧病在床');

    await township(ACCEPT, { input: { id: transfer.id, expectedVersion: 1 } });
    await league(example('hotline-ticket', 'FollowUpHotlineTicket'), { input: { ticketId: ticket.id, note: '已电话回访乡镇' } });
    await township(COMPLETE, { input: { id: transfer.id, expectedVersion: 2, outcome: 'SUCCESSFUL', reason: '已联系其姑姑照看' } });
    const closed = await league(example('hotline-ticket', 'CloseHotlineTicket'), {
      input: { ticketId: ticket.id, expectedVersion: 2, outcome: 'RESOLVED', note: '回访确认已解决' },
    });
    expect(closed.closeHotlineTicket.ticket).toEqual({ status: 'CLOSED', outcome: 'RESOLVED', followUps: [{ note: '已电话回访乡镇' }, { note: '回访确认已解决' }], transfers: [{ state: 'DONE' }] });
  });
});

describe('transitions', () => {
  it('an invalid transition is INVALID_TRANSITION, audited, with nothing written; a retry with the same key writes once', async () => {
    const civil = await hub.token({ agency: 'civil_affairs', level: 'county', region: COUNTY });
    const { rows } = await sql<{ id: string; version: number; to_region: string }>`
      select id, version, to_region from handoff where state = 'DONE' and to_agency = 'civil_affairs' and to_region like ${`${COUNTY}%`} order by id limit 1`.execute(db('handoffs'));
    const done = rows[0]!;
    const count = async () => (await sql<{ n: number }>`select (select count(*) from handoff_event) + (select count(*) from handoff_notice) as n`.execute(db('handoffs'))).rows[0]!.n;
    const before = await count();
    const refused = await hub.query(civil, ACCEPT, { input: { id: done.id, expectedVersion: done.version } });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'DONE', action: 'accept' });
    expect(await count()).toBe(before);
    const entry = await hub.auditEntry(refused.headers.get('x-request-id')!);
    expect(entry.errorCodes).toEqual(['INVALID_TRANSITION']);
    expect(entry.writes ?? []).toEqual([]);

    // The same report sent twice under one key is one report; the second answer is the first's.
    const { rows: kids } = await sql<{ child_id: string }>`select child_id from child_place where residence_code like ${`${COUNTY}%`} order by child_id limit 1`.execute(db('handoffs'));
    const input = { childId: kids[0]!.child_id, situation: 'SUSPECTED_VIOLENCE', knewAt: new Date().toISOString() };
    const key = randomUUID();
    const FILE = `mutation($input: FileMandatoryReportInput!) { fileMandatoryReport(input: $input) { handoff { id } } }`;
    const reports = async () => (await sql<{ n: number }>`select count(*)::int as n from handoff where kind = 'MANDATORY_REPORT'`.execute(db('handoffs'))).rows[0]!.n;
    const n = await reports();
    const first = await hub.query(civil, FILE, { input }, { 'idempotency-key': key });
    const second = await hub.query(civil, FILE, { input }, { 'idempotency-key': key });
    expect(second.body.data).toEqual(first.body.data);
    expect(await reports()).toBe(n + 1);
  });
});
