import type { Principal } from '@lbc/schema';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { policeHousehold } from '../src/index.ts';
import { insertWriteFixtures } from './write-fixtures.ts';

const countyOfficer = testPrincipal({ agency: 'police' });
const bed = useSubgraphTestBed(policeHousehold, { fixtures: insertWriteFixtures, principal: countyOfficer });
const police = (level: Principal['level'], region: string, org?: string) => testPrincipal({ agency: 'police', level, region, ...(org ? { org } : {}) });
/** Staff of station PS-431003101, which keeps the households of town 101 (王小明's among them). */
const station101 = police('town', '431003101', 'PS-431003101');

const RESPOND = `mutation Respond($input: RecordEmergencyResponseInput!) {
  recordEmergencyResponse(input: $input) {
    mandatoryReport { id handoffId station status category reporterKind reportedAt details emergencyResponses { edges { node { action notes respondedAt } } } }
    child { id }
  }
}`;

/** Every table a response writes: a refused one leaves all of them as they were. */
const counts = () => Promise.all([bed.count('mandatory_report'), bed.count('emergency_response'), bed.count('outbox')]);
const reportOf = (handoffId: string) => bed.database.db.selectFrom('mandatory_report').selectAll().where('handoff_id', '=', handoffId).execute();
const actionsOf = (handoffId: string) =>
  bed.database.db
    .selectFrom('emergency_response as e')
    .innerJoin('mandatory_report as m', 'm.id', 'e.report_id')
    .select('e.action')
    .where('m.handoff_id', '=', handoffId)
    .orderBy('e.id')
    .execute()
    .then((rows) => rows.map((r) => r.action));

/** A response to hand-off `handoffId` about 王小明 (LB000000001, registered in town 101), as entered at the station. */
const response = (handoffId: string, overrides: Record<string, unknown> = {}) => ({
  childId: 'LB000000001',
  handoffId,
  category: 'LIVING_ALONE',
  reporterKind: 'SCHOOL',
  reportedAt: '2026-03-02T08:30:00Z',
  actions: ['PLACED_WITH_RELATIVES', 'PARENTS_RECALLED'],
  notes: '安置在姑姑家',
  ...overrides,
});
const actionsIn = (payload: any) => payload.mandatoryReport.emergencyResponses.edges.map((e: any) => e.node.action).sort();

describe('recordEmergencyResponse', () => {
  it("opens the hand-off's report, RESPONDING and kept by the station, with one response per action", async () => {
    const [reports, responses, outbox] = await counts();
    const result = await bed.run(RESPOND, { input: response('HO000000101') }, station101, 'EMERGENCY');
    expect(result.errors).toBeUndefined();
    const payload = result.data!.recordEmergencyResponse;
    expect(payload).toMatchObject({
      mandatoryReport: {
        handoffId: 'HO000000101',
        station: 'PS-431003101',
        status: 'RESPONDING',
        category: 'LIVING_ALONE',
        reporterKind: 'SCHOOL',
        reportedAt: '2026-03-02T08:30:00.000Z',
        details: null,
      },
      child: { id: 'LB000000001' },
    });
    expect(payload.mandatoryReport.emergencyResponses.edges.map((e: any) => e.node.notes)).toEqual(['安置在姑姑家', '安置在姑姑家']);
    expect(actionsIn(payload)).toEqual(['PARENTS_RECALLED', 'PLACED_WITH_RELATIVES']);
    expect(await counts()).toEqual([reports + 1, responses + 2, outbox]);
    const [row] = await reportOf('HO000000101');
    expect(row).toMatchObject({ id: Number(payload.mandatoryReport.id), child_id: 'LB000000001', status: 'RESPONDING', station_id: 'PS-431003101' });
    const id = payload.mandatoryReport.id;
    expect(result.extensions!.lbcWrites).toEqual([
      {
        record: 'MandatoryReport',
        id,
        childId: 'LB000000001',
        change: 'created',
        fields: ['child', 'reporterKind', 'category', 'reportedAt', 'status', 'handoffId', 'station'],
        fromVersion: null,
        toVersion: null,
      },
      ...[0, 1].map(() => ({
        record: 'EmergencyResponse',
        id: expect.any(String),
        childId: 'LB000000001',
        change: 'created',
        fields: ['respondedAt', 'action', 'notes'],
        fromVersion: null,
        toVersion: null,
      })),
    ]);
    // The child's reports list it, newest first.
    const listed = await bed.run(
      `query { _entities(representations: [{ __typename: "Child", id: "LB000000001" }]) { ... on Child { mandatoryReports(first: 1) { edges { node { id handoffId } } } } } }`,
    );
    expect(listed.data!._entities[0].mandatoryReports.edges).toEqual([{ node: { id, handoffId: 'HO000000101' } }]);
  });

  it('adds the responses of a later call for the same hand-off to its report, and refuses an action recorded already', async () => {
    const first = await bed.run(RESPOND, { input: response('HO000000102', { actions: ['SEARCH_STARTED'], notes: null }) });
    expect(first.errors).toBeUndefined();
    // A county officer: the report is kept by no station.
    expect(first.data!.recordEmergencyResponse.mandatoryReport.station).toBeNull();
    const [reports, responses, outbox] = await counts();
    const second = await bed.run(RESPOND, { input: response('HO000000102', { actions: ['PARENTS_RECALLED', 'NEW_GUARDIAN'] }) }, station101);
    expect(second.errors).toBeUndefined();
    const payload = second.data!.recordEmergencyResponse;
    expect(payload.mandatoryReport.id).toBe(first.data!.recordEmergencyResponse.mandatoryReport.id);
    expect(payload.mandatoryReport.station).toBeNull();
    expect(actionsIn(payload)).toEqual(['NEW_GUARDIAN', 'PARENTS_RECALLED', 'SEARCH_STARTED']);
    expect((second.extensions!.lbcWrites as { record: string }[]).map((w) => w.record)).toEqual(['EmergencyResponse', 'EmergencyResponse']);
    expect(await counts()).toEqual([reports, responses + 2, outbox]);
    expect(await reportOf('HO000000102')).toHaveLength(1);

    const again = await bed.run(RESPOND, { input: response('HO000000102', { actions: ['VIOLENCE_STOPPED', 'SEARCH_STARTED'] }) });
    expect(again.data!.recordEmergencyResponse).toBeNull();
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.actions' });
    expect(await actionsOf('HO000000102')).toEqual(['SEARCH_STARTED', 'PARENTS_RECALLED', 'NEW_GUARDIAN']);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    await bed.run(RESPOND, { input: response('HO000000103', { actions: ['SEARCH_STARTED'] }) });
    const before = await counts();
    for (const [overrides, field] of [
      [{ actions: [] }, 'input.actions'],
      [{ actions: ['NEW_GUARDIAN', 'NEW_GUARDIAN'] }, 'input.actions'],
      [{ handoffId: 'HO123' }, 'input.handoffId'],
      [{ handoffId: 'ho000000104' }, 'input.handoffId'],
      [{ reportedAt: '2999-01-01T00:00:00Z' }, 'input.reportedAt'],
      [{ notes: '  ' }, 'input.notes'],
      [{ notes: '很'.repeat(501) }, 'input.notes'],
      // Found wrong only against the hand-off's report: rolled back.
      [{ handoffId: 'HO000000103', actions: ['PARENTS_RECALLED'], category: 'MISSING' }, 'input.category'],
      [{ handoffId: 'HO000000103', actions: ['PARENTS_RECALLED'], reporterKind: 'CLINIC' }, 'input.reporterKind'],
      [{ handoffId: 'HO000000103', actions: ['PARENTS_RECALLED'], reportedAt: '2026-03-02T08:31:00Z' }, 'input.reportedAt'],
      [{ handoffId: 'HO000000103', actions: ['PARENTS_RECALLED'], childId: 'LB000000002' }, 'input.handoffId'],
    ] as const) {
      const result = await bed.run(RESPOND, { input: response('HO000000104', overrides) });
      expect(result.data!.recordEmergencyResponse, field).toBeNull();
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await counts()).toEqual(before);
    expect(await reportOf('HO000000104')).toEqual([]);
    expect(await actionsOf('HO000000103')).toEqual(['SEARCH_STARTED']);
  });

  it('refuses a closed report with INVALID_TRANSITION, writing nothing', async () => {
    await bed.run(RESPOND, { input: response('HO000000105', { actions: ['SEARCH_STARTED'] }) });
    await bed.database.db.updateTable('mandatory_report').set({ status: 'CLOSED' }).where('handoff_id', '=', 'HO000000105').execute();
    const before = await counts();
    const closed = await bed.run(RESPOND, { input: response('HO000000105', { actions: ['PARENTS_RECALLED'] }) });
    expect(closed.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await counts()).toEqual(before);
  });

  it('responds only for children in the jurisdiction: elsewhere FORBIDDEN, unknown NOT_FOUND, nothing written', async () => {
    const before = await counts();
    // 赵小宝 (pending handover in Fushun) and LB000000012 (registered in Fushun).
    for (const childId of ['LB000000003', 'LB000000012']) {
      const result = await bed.run(RESPOND, { input: response('HO000000106', { childId }) });
      expect(result.errors![0]!.extensions, childId).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    }
    // Another station's staff, for a child of station PS-431003101's households.
    const otherStation = await bed.run(RESPOND, { input: response('HO000000106') }, police('town', '431003102', 'PS-431003102'));
    expect(otherStation.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = await bed.run(RESPOND, { input: response('HO000000106', { childId: 'LB404' }) });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await counts()).toEqual(before);
    expect(await reportOf('HO000000106')).toEqual([]);
  });

  it('answers a retry with the same Idempotency-Key from the first call, writing once', async () => {
    const input = response('HO000000107');
    const before = await counts();
    const first = await bed.run(RESPOND, { input }, undefined, undefined, { idempotencyKey: 'respond-1' });
    expect(first.errors).toBeUndefined();
    const retry = await bed.run(RESPOND, { input }, undefined, undefined, { idempotencyKey: 'respond-1' });
    expect(retry.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    expect(await counts()).toEqual([before[0] + 1, before[1] + 2, before[2]]);
    expect(await actionsOf('HO000000107')).toEqual(['PLACED_WITH_RELATIVES', 'PARENTS_RECALLED']);
    // Without the key it is a second call: both actions are on the report already.
    const rerun = await bed.run(RESPOND, { input });
    expect(rerun.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.actions' });
    expect(await counts()).toEqual([before[0] + 1, before[1] + 2, before[2]]);
  });

  it('is refused by the action rule to a village officer, another agency, and for purposes other than case work or emergencies', async () => {
    const before = await counts();
    const input = { input: response('HO000000108') };
    const village = await bed.run(RESPOND, input, police('village', '431003101201'));
    expect(village.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'police-respond-to-reports:level' });
    const civilAffairs = await bed.run(RESPOND, input, testPrincipal());
    expect(civilAffairs.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'police-respond-to-reports:agency' });
    const registration = await bed.run(RESPOND, input, undefined, 'HOUSEHOLD_REGISTRATION');
    expect(registration.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'police-respond-to-reports:purpose' });
    expect(await counts()).toEqual(before);
  });
});
