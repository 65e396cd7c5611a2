import { useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import type { DropoutReportRow } from '../src/db-types.ts';
import { educationEnrollment } from '../src/index.ts';
import { insertEnrollmentFixtures } from './fixtures.ts';
import { BAILUTANG_PRIMARY, FUSHUN_COUNTY, SUXIAN_COUNTY, count, refusal, written } from './write-helpers.ts';

const bed = useSubgraphTestBed(educationEnrollment, { fixtures: insertEnrollmentFixtures, principal: SUXIAN_COUNTY });

const PAYLOAD = `dropoutReport { id version school { id } reportedOn reason status persuasionAttempts lastPersuasionOn returnedOn } child { id dropoutStatus }`;
const REPORT = `mutation Report($input: ReportDropoutInput!) { reportDropout(input: $input) { ${PAYLOAD} } }`;
const PERSUADE = `mutation Persuade($input: RecordPersuasionAttemptInput!) { recordPersuasionAttempt(input: $input) { ${PAYLOAD} } }`;
const RETURN = `mutation Return($input: RecordReturnToSchoolInput!) { recordReturnToSchool(input: $input) { ${PAYLOAD} } }`;

/** A child's reports as stored, newest first. */
const reportsOf = (childId: string) => bed.database.db.selectFrom('dropout_report').selectAll().where('child_id', '=', childId).orderBy('reported_on', 'desc').orderBy('id', 'desc').execute();
const latestOf = async (childId: string) => (await reportsOf(childId))[0]!;
const allReports = () => bed.database.db.selectFrom('dropout_report').selectAll().orderBy('id').execute();

const attempt = (report: DropoutReportRow, overrides: Record<string, unknown> = {}) => ({
  reportId: String(report.id),
  expectedVersion: report.version,
  attemptedOn: '2026-05-25',
  status: 'PERSUADING',
  ...overrides,
});
const back = (report: DropoutReportRow, overrides: Record<string, unknown> = {}) => ({ reportId: String(report.id), expectedVersion: report.version, returnedOn: '2026-06-01', ...overrides });

describe('dropout control: report, persuade, return', () => {
  it('follows a dropout from the report through persuasion and referral to the return', async () => {
    const reported = await bed.run(REPORT, { input: { childId: 'LB000000001', reportedOn: '2026-03-10', reason: '厌学' } });
    expect(reported.errors).toBeUndefined();
    const report = reported.data!.reportDropout;
    expect(report).toEqual({
      dropoutReport: {
        id: expect.any(String),
        version: 1,
        school: { id: '431003101-P' },
        reportedOn: '2026-03-10',
        reason: '厌学',
        status: 'REPORTED',
        persuasionAttempts: 0,
        lastPersuasionOn: null,
        returnedOn: null,
      },
      child: { id: 'LB000000001', dropoutStatus: 'REPORTED' },
    });
    expect(reported.extensions?.lbcWrites).toEqual([
      { record: 'DropoutReport', id: report.dropoutReport.id, childId: 'LB000000001', change: 'created', fields: ['school', 'reportedOn', 'reason', 'status'], fromVersion: null, toVersion: 1 },
    ]);
    const id = report.dropoutReport.id;

    const persuading = await written(bed, PERSUADE, 'recordPersuasionAttempt', { reportId: id, expectedVersion: 1, attemptedOn: '2026-03-12', status: 'PERSUADING' });
    expect(persuading).toMatchObject({ dropoutReport: { version: 2, status: 'PERSUADING', persuasionAttempts: 1, lastPersuasionOn: '2026-03-12' }, child: { dropoutStatus: 'PERSUADING' } });
    const referred = await bed.run(PERSUADE, { input: { reportId: id, expectedVersion: 2, attemptedOn: '2026-03-20', status: 'REFERRED' } });
    expect(referred.errors).toBeUndefined();
    expect(referred.data!.recordPersuasionAttempt).toMatchObject({ dropoutReport: { version: 3, status: 'REFERRED', persuasionAttempts: 2, lastPersuasionOn: '2026-03-20' } });
    expect(referred.extensions?.lbcWrites).toEqual([
      { record: 'DropoutReport', id, childId: 'LB000000001', change: 'updated', fields: ['status', 'persuasionAttempts', 'lastPersuasionOn'], fromVersion: 2, toVersion: 3 },
    ]);
    // Later visits on a referred report are counted; it stays referred.
    const again = await written(bed, PERSUADE, 'recordPersuasionAttempt', { reportId: id, expectedVersion: 3, attemptedOn: '2026-03-27', status: 'REFERRED' });
    expect(again.dropoutReport).toMatchObject({ version: 4, status: 'REFERRED', persuasionAttempts: 3 });

    const returned = await bed.run(RETURN, { input: { reportId: id, expectedVersion: 4, returnedOn: '2026-04-01' } });
    expect(returned.errors).toBeUndefined();
    expect(returned.data!.recordReturnToSchool).toEqual({
      dropoutReport: { ...report.dropoutReport, version: 5, status: 'RETURNED', persuasionAttempts: 3, lastPersuasionOn: '2026-03-27', returnedOn: '2026-04-01' },
      child: { id: 'LB000000001', dropoutStatus: 'RETURNED' },
    });
    expect(returned.extensions?.lbcWrites).toEqual([{ record: 'DropoutReport', id, childId: 'LB000000001', change: 'updated', fields: ['status', 'returnedOn'], fromVersion: 4, toVersion: 5 }]);
    // Closed: the next dropout is a new report.
    const closed = await bed.run(PERSUADE, { input: { reportId: id, expectedVersion: 5, attemptedOn: '2026-04-02', status: 'PERSUADING' } });
    expect(refusal(closed, 'recordPersuasionAttempt')).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.reportId' });
  });

  it('refuses a bad report naming the field, and writes nothing', async () => {
    const before = await count(bed, 'dropout_report');
    const report = (childId: string, overrides: Record<string, unknown> = {}) => ({ childId, reportedOn: '2026-05-20', reason: '照顾家人', ...overrides });
    for (const [input, field] of [
      [report(''), 'input.childId'],
      [report('LB000000002', { reportedOn: '2999-01-01' }), 'input.reportedOn'],
      [report('LB000000002', { reason: '   ' }), 'input.reason'],
      [report('LB000000002', { reason: '因'.repeat(501) }), 'input.reason'],
      // 李小红 enrolled at her current school on 2024-02-26.
      [report('LB000000002', { reportedOn: '2024-02-01' }), 'input.reportedOn'],
      // 杨小宇's REFERRED report is open; 刘小军 returned on 2024-04-01; 陈小燕 is enrolled nowhere now.
      [report('LB000000006'), 'input.childId'],
      [report('LB000000004', { reportedOn: '2024-03-20' }), 'input.reportedOn'],
      [report('LB000000005'), 'input.childId'],
    ] as const) {
      const result = await bed.run(REPORT, { input });
      expect(refusal(result, 'reportDropout'), field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await count(bed, 'dropout_report')).toBe(before);
  });

  it('refuses bad persuasion and return input naming the field, and changes nothing', async () => {
    const referred = await latestOf('LB000000006');
    const closed = await latestOf('LB000000004');
    const before = await allReports();
    for (const [query, field, input, argument] of [
      [PERSUADE, 'recordPersuasionAttempt', attempt(referred, { reportId: 'x' }), 'input.reportId'],
      [PERSUADE, 'recordPersuasionAttempt', attempt(referred, { expectedVersion: -1 }), 'input.expectedVersion'],
      [PERSUADE, 'recordPersuasionAttempt', attempt(referred, { attemptedOn: '2999-01-01', status: 'REFERRED' }), 'input.attemptedOn'],
      [PERSUADE, 'recordPersuasionAttempt', attempt(referred, { attemptedOn: '2024-05-01', status: 'REFERRED' }), 'input.attemptedOn'],
      [PERSUADE, 'recordPersuasionAttempt', attempt(referred, { status: 'RETURNED' }), 'input.status'],
      [PERSUADE, 'recordPersuasionAttempt', attempt(referred, { status: 'REPORTED' }), 'input.status'],
      // Referred is referred until the child returns.
      [PERSUADE, 'recordPersuasionAttempt', attempt(referred), 'input.status'],
      [PERSUADE, 'recordPersuasionAttempt', attempt(closed), 'input.reportId'],
      [RETURN, 'recordReturnToSchool', back(referred, { returnedOn: '2999-01-01' }), 'input.returnedOn'],
      [RETURN, 'recordReturnToSchool', back(referred, { returnedOn: '2024-05-31' }), 'input.returnedOn'],
      [RETURN, 'recordReturnToSchool', back(closed), 'input.reportId'],
    ] as const) {
      const result = await bed.run(query, { input });
      expect(refusal(result, field), argument).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
    }
    expect(await allReports()).toEqual(before);
  });

  it('edits a report at the version read, and refuses a stale version with CONFLICT', async () => {
    const read = await latestOf('LB000000006');
    const first = await written(bed, PERSUADE, 'recordPersuasionAttempt', attempt(read, { status: 'REFERRED' }));
    expect(first.dropoutReport).toMatchObject({ version: read.version + 1, persuasionAttempts: 1 });
    const after = await allReports();
    const stalePersuasion = await bed.run(PERSUADE, { input: attempt(read, { status: 'REFERRED', attemptedOn: '2026-05-26' }) });
    expect(refusal(stalePersuasion, 'recordPersuasionAttempt')).toMatchObject({ code: 'CONFLICT', currentVersion: read.version + 1 });
    const staleReturn = await bed.run(RETURN, { input: back(read) });
    expect(refusal(staleReturn, 'recordReturnToSchool')).toMatchObject({ code: 'CONFLICT', currentVersion: read.version + 1 });
    expect(await allReports()).toEqual(after);
  });

  it('writes only for the schools in the jurisdiction', async () => {
    // 赵小宝's open report was filed by his school in Fushun county.
    const fushun = await latestOf('LB000000003');
    const before = await allReports();
    const persuade = await bed.run(PERSUADE, { input: attempt(fushun) });
    expect(refusal(persuade, 'recordPersuasionAttempt')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const giveBack = await bed.run(RETURN, { input: back(fushun) });
    expect(refusal(giveBack, 'recordReturnToSchool')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const report = await bed.run(REPORT, { input: { childId: 'LB000000003', reportedOn: '2026-05-20', reason: '厌学' } });
    expect(refusal(report, 'reportDropout')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(RETURN, { input: { reportId: '999999', expectedVersion: 1, returnedOn: '2026-06-01' } });
    expect(refusal(unknown, 'recordReturnToSchool')).toMatchObject({ code: 'NOT_FOUND' });
    const unknownChild = await bed.run(REPORT, { input: { childId: 'LB404', reportedOn: '2026-05-20', reason: '厌学' } });
    expect(refusal(unknownChild, 'reportDropout')).toMatchObject({ code: 'NOT_FOUND' });
    expect(await allReports()).toEqual(before);
    // Fushun's own officer brings him back.
    const returned = await written(bed, RETURN, 'recordReturnToSchool', back(fushun), FUSHUN_COUNTY);
    expect(returned).toMatchObject({ dropoutReport: { status: 'RETURNED', returnedOn: '2026-06-01' }, child: { id: 'LB000000003', dropoutStatus: 'RETURNED' } });
  });

  it("a school writes for its own pupils' reports, not for the other schools' of its town", async () => {
    const own = await written(bed, RETURN, 'recordReturnToSchool', back(await latestOf('LB000000006')), BAILUTANG_PRIMARY);
    expect(own.dropoutReport).toMatchObject({ status: 'RETURNED', school: { id: '431003101-P' } });
    const before = await allReports();
    // 刘小军 goes to 白露塘镇中学, in the same town.
    const other = await bed.run(REPORT, { input: { childId: 'LB000000004', reportedOn: '2026-05-20', reason: '厌学' } }, BAILUTANG_PRIMARY);
    expect(refusal(other, 'reportDropout')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await allReports()).toEqual(before);
    const reported = await written(bed, REPORT, 'reportDropout', { childId: 'LB000000004', reportedOn: '2026-05-20', reason: '厌学' });
    expect(reported.dropoutReport).toMatchObject({ status: 'REPORTED', school: { id: '431003101-J' } });
  });
});
