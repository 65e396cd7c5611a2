import { ACTION_RULES, ADMIN_LEVELS, AGENCIES, decideAction, ORG_KIND_OF_AGENCY, type Agency, type Principal } from '@lbc/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Every mutation × agency × level, with and without an org, through the gateway, with the
 * action rules as the oracle: a refused action is 403 FORBIDDEN naming its rule, audited,
 * and no subgraph is asked to write; a permitted one reaches the agency that owns it,
 * whose own rules then answer (the records named here do not exist).
 */
const REGION = { province: '43', city: '4310', county: '431003', town: '431003101', village: '431003101001' } as const;
const CHILD = 'LB999999999';
const HANDOFF = 'HO999999999';
const TICKET = 'HT999999999';
/** A step of the quarterly cycle for a township that does not exist, in a quarter that has begun. */
const QUARTER_STEP = { townCode: '431003999', quarter: '2026-Q1', expectedVersion: 0 };
const mutation = (field: string, input: string) => `mutation($input: ${input}!) { ${field}(input: $input) { __typename } }`;

/**
 * One call per mutation, with input that passes the schema and names nothing that exists; the
 * subgraph that owns it; and, where it is certain, the one code its refusal must carry (a call
 * naming an unknown record by id: NOT_FOUND, whoever asks).
 */
const CALLS: Record<string, { query: string; variables: Record<string, unknown>; subgraph: string; answer?: 'NOT_FOUND' | 'FORBIDDEN' }> = {
  'Mutation.acknowledgeAccessNotice': { query: 'mutation Ack($id: ID!) { acknowledgeAccessNotice(id: $id) { id } }', variables: { id: '999999' }, subgraph: 'audit' },
  'Mutation.registerChild': {
    query: mutation('registerChild', 'RegisterChildInput'),
    variables: { input: { name: '测试', sex: 'FEMALE', birthDate: '2018-01-01', residenceVillageCode: '431003101001', category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2024-01-01' } },
    subgraph: 'civil-affairs',
  },
  'Mutation.recordHomeVisit': {
    query: mutation('recordHomeVisit', 'RecordHomeVisitInput'),
    variables: { input: { childId: CHILD, visitedOn: '2026-11-01', concernRaised: false } },
    subgraph: 'civil-affairs',
  },
  'Mutation.recordQuarterlyReview': {
    query: mutation('recordQuarterlyReview', 'RecordQuarterlyReviewInput'),
    variables: { input: { childId: CHILD, quarter: '2026-Q3', reviewedOn: '2026-09-20', stillLeftBehind: true, outcome: 'NO_CHANGE' } },
    subgraph: 'civil-affairs',
  },
  'Mutation.changeResidence': {
    query: mutation('changeResidence', 'ChangeResidenceInput'),
    variables: { input: { childId: CHILD, expectedVersion: 1, villageCode: '431003101001' } },
    subgraph: 'civil-affairs',
  },
  'Mutation.changeGuardian': {
    query: mutation('changeGuardian', 'ChangeGuardianInput'),
    variables: { input: { childId: CHILD, expectedVersion: 1, guardian: { name: '测试', relationship: 'GRANDPARENT', capacity: 'ADEQUATE' } } },
    subgraph: 'civil-affairs',
  },
  'Mutation.recordParentStatus': {
    query: mutation('recordParentStatus', 'RecordParentStatusInput'),
    variables: { input: { childId: CHILD, expectedVersion: 1, role: 'FATHER', name: '测试', isAway: true } },
    subgraph: 'civil-affairs',
  },
  'Mutation.applyForAssistance': {
    query: mutation('applyForAssistance', 'ApplyForAssistanceInput'),
    variables: { input: { childId: CHILD, kind: 'TEMPORARY_AID', appliedOn: '2026-11-01' } },
    subgraph: 'civil-affairs',
  },
  'Mutation.decideAssistance': {
    query: mutation('decideAssistance', 'DecideAssistanceInput'),
    variables: { input: { assistanceId: '999999', expectedVersion: 1, decision: 'REJECTED', decidedOn: '2026-11-01' } },
    subgraph: 'civil-affairs',
  },
  'Mutation.exitChild': {
    query: mutation('exitChild', 'ExitChildInput'),
    variables: { input: { childId: CHILD, expectedVersion: 1, reason: 'OTHER', exitedOn: '2026-11-01' } },
    subgraph: 'civil-affairs',
  },
  'Mutation.readmitChild': {
    query: mutation('readmitChild', 'ReadmitChildInput'),
    variables: { input: { childId: CHILD, expectedVersion: 1, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2026-01-01' } },
    subgraph: 'civil-affairs',
  },
  'Mutation.openProtectionCase': {
    query: mutation('openProtectionCase', 'OpenProtectionCaseInput'),
    variables: { input: { childId: CHILD, kind: 'NEGLECT', handoffId: HANDOFF } },
    subgraph: 'civil-affairs',
    answer: 'NOT_FOUND',
  },
  'Mutation.recordCaseAssessment': {
    query: mutation('recordCaseAssessment', 'RecordCaseAssessmentInput'),
    variables: { input: { caseId: '999999', expectedVersion: 1, safety: 'LOW', guardianship: 'MEDIUM', health: 'NONE' } },
    subgraph: 'civil-affairs',
    answer: 'NOT_FOUND',
  },
  'Mutation.approveCaseAssessment': {
    query: mutation('approveCaseAssessment', 'ApproveCaseAssessmentInput'),
    variables: { input: { caseId: '999999', expectedVersion: 1 } },
    subgraph: 'civil-affairs',
    answer: 'NOT_FOUND',
  },
  'Mutation.closeProtectionCase': {
    query: mutation('closeProtectionCase', 'CloseProtectionCaseInput'),
    variables: { input: { caseId: '999999', expectedVersion: 1, reason: '测试' } },
    subgraph: 'civil-affairs',
    answer: 'NOT_FOUND',
  },
  'Mutation.recordGuardianWarning': {
    query: mutation('recordGuardianWarning', 'RecordGuardianWarningInput'),
    variables: { input: { childId: CHILD, warnedOn: '2026-11-01', reason: '测试' } },
    subgraph: 'civil-affairs',
    answer: 'NOT_FOUND',
  },
  'Mutation.recordWarningOutcome': {
    query: mutation('recordWarningOutcome', 'RecordWarningOutcomeInput'),
    variables: { input: { warningId: '999999', expectedVersion: 1, outcome: 'IGNORED' } },
    subgraph: 'civil-affairs',
    answer: 'NOT_FOUND',
  },
  'Mutation.fileGuardianshipPetition': {
    query: mutation('fileGuardianshipPetition', 'FileGuardianshipPetitionInput'),
    variables: { input: { childId: CHILD, filedOn: '2026-11-01', court: '测试', grounds: ['OTHER'] } },
    subgraph: 'civil-affairs',
    answer: 'NOT_FOUND',
  },
  'Mutation.recordPetitionOutcome': {
    query: mutation('recordPetitionOutcome', 'RecordPetitionOutcomeInput'),
    variables: { input: { petitionId: '999999', expectedVersion: 1, decidedOn: '2026-11-01', outcome: 'DISMISSED' } },
    subgraph: 'civil-affairs',
    answer: 'NOT_FOUND',
  },
  // The quarterly cycle: a township the region table does not hold, so civil affairs refuses every step (BAD_USER_INPUT) and writes nothing.
  'Mutation.submitQuarter': { query: mutation('submitQuarter', 'QuarterSubmissionInput'), variables: { input: QUARTER_STEP }, subgraph: 'civil-affairs' },
  'Mutation.verifyQuarter': { query: mutation('verifyQuarter', 'QuarterSubmissionInput'), variables: { input: QUARTER_STEP }, subgraph: 'civil-affairs' },
  'Mutation.approveQuarter': { query: mutation('approveQuarter', 'QuarterSubmissionInput'), variables: { input: QUARTER_STEP }, subgraph: 'civil-affairs' },
  'Mutation.acceptQuarter': { query: mutation('acceptQuarter', 'QuarterSubmissionInput'), variables: { input: QUARTER_STEP }, subgraph: 'civil-affairs' },
  'Mutation.returnQuarter': { query: mutation('returnQuarter', 'QuarterDecisionInput'), variables: { input: { ...QUARTER_STEP, reason: '测试' } }, subgraph: 'civil-affairs' },
  'Mutation.undoQuarterApproval': {
    query: mutation('undoQuarterApproval', 'QuarterDecisionInput'),
    variables: { input: { ...QUARTER_STEP, reason: '测试' } },
    subgraph: 'civil-affairs',
  },
  'Mutation.enrollChild': {
    query: mutation('enrollChild', 'EnrollChildInput'),
    variables: { input: { childId: CHILD, schoolId: '431003101-P', studentNumber: 'L20180101000000001', grade: 1, className: '1班', boarding: false, leftBehind: true, enrolledOn: '2026-09-01' } },
    subgraph: 'education-enrollment',
  },
  'Mutation.transferChild': {
    query: mutation('transferChild', 'TransferChildInput'),
    variables: { input: { enrollmentId: '999999', expectedVersion: 1, toSchoolId: '431003101-P', transferredOn: '2026-11-01', className: '1班', boarding: false } },
    subgraph: 'education-enrollment',
  },
  'Mutation.recordAttendance': {
    query: mutation('recordAttendance', 'RecordAttendanceInput'),
    variables: { input: { childId: CHILD, month: '2026-10', schoolDays: 20, unexcusedDays: 0, excusedDays: 0 } },
    subgraph: 'education-enrollment',
  },
  'Mutation.reportDropout': {
    query: mutation('reportDropout', 'ReportDropoutInput'),
    variables: { input: { childId: CHILD, reportedOn: '2026-11-01', reason: '长期缺课' } },
    subgraph: 'education-enrollment',
  },
  'Mutation.recordPersuasionAttempt': {
    query: mutation('recordPersuasionAttempt', 'RecordPersuasionAttemptInput'),
    variables: { input: { reportId: '999999', expectedVersion: 1, attemptedOn: '2026-11-01', status: 'PERSUADING' } },
    subgraph: 'education-enrollment',
  },
  'Mutation.recordReturnToSchool': {
    query: mutation('recordReturnToSchool', 'RecordReturnToSchoolInput'),
    variables: { input: { reportId: '999999', expectedVersion: 1, returnedOn: '2026-11-01' } },
    subgraph: 'education-enrollment',
  },
  'Mutation.registerUnregisteredChild': {
    query: mutation('registerUnregisteredChild', 'RegisterUnregisteredChildInput'),
    variables: { input: { childId: CHILD, expectedVersion: 1, birthDate: '2018-01-01', sex: 'MALE', relationshipToHead: 'SON', newHousehold: { villageCode: '431003101001', headName: '测试' } } },
    subgraph: 'police-household',
  },
  'Mutation.recordParentPoliceStatus': {
    query: mutation('recordParentPoliceStatus', 'RecordParentPoliceStatusInput'),
    variables: { input: { childId: CHILD, parent: 'FATHER', status: 'DETAINED', since: '2026-10-01' } },
    subgraph: 'police-household',
  },
  'Mutation.recordEmergencyResponse': {
    query: mutation('recordEmergencyResponse', 'RecordEmergencyResponseInput'),
    variables: { input: { childId: CHILD, handoffId: HANDOFF, category: 'LIVING_ALONE', reporterKind: 'SCHOOL', reportedAt: '2026-11-01T08:00:00Z', actions: ['SEARCH_STARTED'] } },
    subgraph: 'police-household',
    answer: 'NOT_FOUND',
  },
  'Mutation.recordGrowthMeasurement': {
    query: mutation('recordGrowthMeasurement', 'RecordGrowthMeasurementInput'),
    variables: { input: { childId: CHILD, measuredOn: '2026-11-01', heightCm: 120, weightKg: 22, assessment: 'NORMAL' } },
    subgraph: 'health',
  },
  'Mutation.recordImmunisation': {
    query: mutation('recordImmunisation', 'RecordImmunisationInput'),
    variables: { input: { childId: CHILD, vaccine: 'MMR', dose: 1, givenOn: '2026-11-01' } },
    subgraph: 'health',
  },
  'Mutation.recordMentalHealthScreening': {
    query: mutation('recordMentalHealthScreening', 'RecordMentalHealthScreeningInput'),
    variables: { input: { childId: CHILD, screenedOn: '2026-11-01', instrument: 'SDQ', score: 10, risk: 'LOW' } },
    subgraph: 'health',
  },
  // The hub's hand-offs: every one names an unknown child, hand-off or ticket, so the hand-off subgraph answers NOT_FOUND and writes nothing.
  'Mutation.fileMandatoryReport': {
    query: mutation('fileMandatoryReport', 'FileMandatoryReportInput'),
    // Learned an hour ago: `knewAt` may be neither in the future nor more than a year back.
    variables: { input: { childId: CHILD, situation: 'LIVING_ALONE', knewAt: new Date(Date.now() - 3600_000).toISOString() } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.acceptHandoff': { query: mutation('acceptHandoff', 'AnswerHandoffInput'), variables: { input: { id: HANDOFF, expectedVersion: 1 } }, subgraph: 'handoffs', answer: 'NOT_FOUND' },
  'Mutation.declineHandoff': {
    query: mutation('declineHandoff', 'DeclineHandoffInput'),
    variables: { input: { id: HANDOFF, expectedVersion: 1, reason: '测试' } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.completeHandoff': {
    query: mutation('completeHandoff', 'CompleteHandoffInput'),
    variables: { input: { id: HANDOFF, expectedVersion: 1, outcome: 'SUCCESSFUL', reason: '测试' } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.withdrawHandoff': {
    query: mutation('withdrawHandoff', 'DeclineHandoffInput'),
    variables: { input: { id: HANDOFF, expectedVersion: 1, reason: '测试' } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.requestAssessmentApproval': {
    query: mutation('requestAssessmentApproval', 'RequestAssessmentApprovalInput'),
    variables: { input: { childId: CHILD, caseId: '999999' } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.arrangeService': {
    query: mutation('arrangeService', 'ArrangeServiceInput'),
    variables: { input: { childId: CHILD, caseId: '999999', service: 'COUNSELLING', provider: { agency: 'health', regionCode: REGION.county } } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.reportDropoutToAuthorities': {
    query: mutation('reportDropoutToAuthorities', 'ReportDropoutToAuthoritiesInput'),
    variables: { input: { childId: CHILD } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.handOverUnregisteredChild': {
    query: mutation('handOverUnregisteredChild', 'HandOverUnregisteredChildInput'),
    variables: { input: { childId: CHILD } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.openHotlineTicket': {
    query: mutation('openHotlineTicket', 'OpenHotlineTicketInput'),
    // About a child: the unknown child is NOT_FOUND, and no ticket is opened (a call about nobody in particular would be).
    variables: { input: { regionCode: REGION.county, caller: 'NEIGHBOUR', childId: CHILD, situation: 'LIVING_ALONE', summary: '测试' } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.transferHotlineTicket': {
    query: mutation('transferHotlineTicket', 'TransferHotlineTicketInput'),
    variables: { input: { ticketId: TICKET, to: { agency: 'civil_affairs', regionCode: REGION.county } } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  'Mutation.followUpHotlineTicket': {
    query: mutation('followUpHotlineTicket', 'FollowUpHotlineTicketInput'),
    variables: { input: { ticketId: TICKET, note: '测试' } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
  // A township of another province: every caller the rule lets through is outside it.
  'Mutation.requestQualityCheck': { query: mutation('requestQualityCheck', 'RequestQualityCheckInput'), variables: { input: { townCode: '110101001' } }, subgraph: 'handoffs', answer: 'FORBIDDEN' },
  'Mutation.closeHotlineTicket': {
    query: mutation('closeHotlineTicket', 'CloseHotlineTicketInput'),
    variables: { input: { ticketId: TICKET, expectedVersion: 1, outcome: 'RESOLVED' } },
    subgraph: 'handoffs',
    answer: 'NOT_FOUND',
  },
};

/** Each agency at each level, as its officers and — where the agency has orgs — as staff bound to one. */
function callers(): Pick<Principal, 'agency' | 'level' | 'region' | 'org'>[] {
  return AGENCIES.flatMap((agency: Agency) =>
    ADMIN_LEVELS.flatMap((level) => {
      const officer = { agency, level, region: REGION[level] };
      return ORG_KIND_OF_AGENCY[agency] ? [officer, { ...officer, org: `ORG-${agency}` }] : [officer];
    }),
  );
}

let hub: Hub;

beforeAll(async () => {
  // Hundreds of calls from one client system: the rate limit is not what is tested here.
  hub = await startHub({ children: 0, gateway: { rateLimit: { perMinute: 100_000, burst: 10_000 } } });
});
afterAll(() => hub?.stop());

describe('action rules through the gateway', () => {
  it('has a call for every mutation with a rule', () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(ACTION_RULES).sort());
  });

  for (const [action, call] of Object.entries(CALLS)) {
    it(`${action}: refused or let through exactly as its rule says, for every agency, level and org`, async () => {
      const seen = { deny: 0, allow: 0 };
      for (const caller of callers()) {
        const expected = decideAction({ principal: { ...caller, subject: 's', issuer: 'i', roles: [] }, purpose: 'CASE_MANAGEMENT' }, action);
        const response = await hub.query(await hub.token(caller), call.query, call.variables);
        const label = `${caller.agency}/${caller.level}${caller.org ? '/org' : ''}`;
        const entry = await hub.auditEntry(response.headers.get('x-request-id')!);
        seen[expected.effect === 'deny' ? 'deny' : 'allow']++;
        if (expected.effect === 'deny') {
          expect(response.status, label).toBe(403);
          expect(response.body.data, label).toBeUndefined();
          expect(response.body.errors![0].extensions, label).toMatchObject({ code: 'FORBIDDEN', action, rule: expected.rule });
          expect(entry, label).toMatchObject({ outcome: 'rejected', errorCodes: ['FORBIDDEN'], fetches: [] });
        } else {
          expect(response.status, label).toBe(200);
          // Permitted, it reached the agency that owns it, whose own rules answered: nothing named exists.
          expect(
            entry.fetches.map((f) => f.subgraph),
            label,
          ).toEqual([call.subgraph]);
          const codes = (response.body.errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code);
          expect(codes.length, label).toBe(1);
          expect(call.answer ? [call.answer] : ['NOT_FOUND', 'BAD_USER_INPUT', 'FORBIDDEN'], `${label}: ${JSON.stringify(response.body.errors)}`).toContain(codes[0]);
          expect(response.body.errors![0].extensions.rule ?? '', label).not.toContain(ACTION_RULES[action]!.name);
        }
      }
      // Not vacuous: both answers were exercised.
      expect(seen.deny).toBeGreaterThan(0);
      expect(seen.allow).toBeGreaterThan(0);
    });
  }

  it('refuses an action for a purpose its rule does not name', async () => {
    const response = await hub.query(await hub.token({ agency: 'health' }), CALLS['Mutation.acknowledgeAccessNotice']!.query, { id: '1' }, { 'x-lbc-purpose': 'STATISTICS' });
    expect(response.status).toBe(403);
    expect(response.body.errors![0].extensions.rule).toBe('owner-agency-acknowledges-its-notices:purpose');
  });

  it('refuses staff of an org kind the rule does not name (a school recording a home visit)', async () => {
    const teacher = await hub.token({ agency: 'education', level: 'town', region: REGION.town, org: '431003101-P' });
    const response = await hub.query(teacher, CALLS['Mutation.recordHomeVisit']!.query, CALLS['Mutation.recordHomeVisit']!.variables);
    expect(response.status).toBe(403);
    expect(response.body.errors![0].extensions.rule).toBe('civil-affairs-records-home-visits:agency');
    const village = await hub.token({ agency: 'civil_affairs', level: 'town', region: REGION.town, org: 'VC-431003101001' });
    const allowed = await hub.query(village, CALLS['Mutation.recordHomeVisit']!.query, CALLS['Mutation.recordHomeVisit']!.variables);
    expect(allowed.body.errors![0].extensions.code).toBe('NOT_FOUND');
    const registrar = await hub.query(village, CALLS['Mutation.registerChild']!.query, CALLS['Mutation.registerChild']!.variables);
    expect(registrar.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'civil-affairs-registers-children:org-kind' });
  });
});
