import { deliveredEvent, identityIssued, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { handoffs } from '../src/index.ts';
import { ELSEWHERE, handoffFixtures, people, PUPIL, SCHOOL, STATION, TOWN, UNREGISTERED } from './fixtures.ts';

const bed = useSubgraphTestBed(handoffs, { fixtures: handoffFixtures });

const HANDOFF = `id kind state version reason dueAt overdueSince knewAt reportedLate child { id }
  from { agency level regionCode org } to { agency level regionCode org } escalatedTo { agency level regionCode }
  history { kind by { agency regionCode } note }`;
const REPORT = `mutation ($input: FileMandatoryReportInput!) { fileMandatoryReport(input: $input) { handoff { ${HANDOFF} } } }`;
const ACCEPT = `mutation ($input: AnswerHandoffInput!) { acceptHandoff(input: $input) { handoff { ${HANDOFF} } } }`;
const COMPLETE = `mutation ($input: CompleteHandoffInput!) { completeHandoff(input: $input) { handoff { ${HANDOFF} outcome outcomeReason } } }`;
const QUEUE = `query ($overdueOnly: Boolean) { workQueue(overdueOnly: $overdueOnly) { edges { node { why overdue handoff { id kind state } } } } }`;
const ESCALATE = `mutation ($now: DateTime!) { _escalateOverdue(now: $now, limit: 100) { checked escalated markedOverdue } }`;
const FEED = `query ($after: String!) { _handoffNotices(after: $after, limit: 1000) { seq reason agency regionCode org payload } }`;

const now = () => new Date();
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function fileReport(childId = PUPIL, key?: string, knewAt = now().toISOString()) {
  const result = await bed.run(REPORT, { input: { childId, situation: 'LIVING_ALONE', knewAt, note: 'alone since Monday' } }, people.teacher, 'CASE_MANAGEMENT', key ? { idempotencyKey: key } : {});
  expect(result.errors).toBeUndefined();
  return result.data!.fileMandatoryReport.handoff;
}

const queueOf = async (principal: (typeof people)[keyof typeof people], purpose: 'CASE_MANAGEMENT' | 'SUPERVISION' = 'CASE_MANAGEMENT') =>
  (await bed.run(QUEUE, {}, principal, purpose)).data!.workQueue.edges.map((e: any) => e.node);

describe('a mandatory report', () => {
  it('goes to the police station of the child’s household, due within the hour, with who knew when', async () => {
    const report = await fileReport();
    expect(report).toMatchObject({
      kind: 'MANDATORY_REPORT',
      state: 'SENT',
      version: 1,
      reason: 'LIVING_ALONE',
      reportedLate: false,
      child: { id: PUPIL },
      from: { agency: 'education', level: 'TOWN', regionCode: TOWN, org: SCHOOL },
      to: { agency: 'police', level: 'TOWN', regionCode: TOWN, org: STATION },
      history: [{ kind: 'SENT', by: { agency: 'education' } }],
    });
    const due = new Date(report.dueAt).getTime() - Date.now();
    expect(due).toBeGreaterThan(58 * 60_000);
    expect(due).toBeLessThanOrEqual(60 * 60_000);
    expect((await queueOf(people.station)).map((i: any) => i.handoff.id)).toContain(report.id);
    expect((await queueOf(people.countyPolice)).map((i: any) => i.handoff.id)).not.toContain(report.id);
  });

  it('filed late is marked so: the report says when the reporter knew', async () => {
    const result = await bed.run(REPORT, { input: { childId: PUPIL, situation: 'MISSING', knewAt: minutesFromNow(-300) } }, people.teacher);
    expect(result.data!.fileMandatoryReport.handoff.reportedLate).toBe(true);
  });

  it('is refused for a child outside the reporter’s jurisdiction, for an unknown child, and for a future knewAt, writing nothing', async () => {
    const before = await bed.count('handoff');
    const outside = await bed.run(REPORT, { input: { childId: ELSEWHERE, situation: 'MISSING', knewAt: now().toISOString() } }, people.teacher);
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await bed.run(REPORT, { input: { childId: 'LB999999999', situation: 'MISSING', knewAt: now().toISOString() } }, people.teacher);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const future = await bed.run(REPORT, { input: { childId: PUPIL, situation: 'MISSING', knewAt: minutesFromNow(60) } }, people.teacher);
    expect(future.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'input.knewAt' } });
    expect(await bed.count('handoff')).toBe(before);
  });

  it('retried with the same Idempotency-Key is filed once', async () => {
    const before = await bed.count('handoff');
    const knewAt = now().toISOString();
    const first = await fileReport(PUPIL, 'report-key-1', knewAt);
    const again = await fileReport(PUPIL, 'report-key-1', knewAt);
    expect(again.id).toBe(first.id);
    expect(await bed.count('handoff')).toBe(before + 1);
  });

  it('is answered by the station only; done, it notifies the township and the county civil affairs', async () => {
    const report = await fileReport();
    const notCivil = await bed.run(ACCEPT, { input: { id: report.id, expectedVersion: 1 } }, people.township);
    expect(notCivil.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const sender = await bed.run(ACCEPT, { input: { id: report.id, expectedVersion: 1 } }, people.teacher);
    expect(sender.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_RECEIVER' });

    const accepted = await bed.run(ACCEPT, { input: { id: report.id, expectedVersion: 1, note: 'on our way' } }, people.station);
    expect(accepted.data!.acceptHandoff.handoff).toMatchObject({ state: 'ACCEPTED', version: 2 });
    const stale = await bed.run(COMPLETE, { input: { id: report.id, expectedVersion: 1, outcome: 'SUCCESSFUL', reason: 'placed with relatives' } }, people.station);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });

    const events = await bed.count('handoff_event');
    const twice = await bed.run(ACCEPT, { input: { id: report.id, expectedVersion: 2 } }, people.station);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'ACCEPTED', action: 'accept' });
    expect(await bed.count('handoff_event')).toBe(events);

    const done = await bed.run(COMPLETE, { input: { id: report.id, expectedVersion: 2, outcome: 'SUCCESSFUL', reason: 'placed with relatives' } }, people.station);
    expect(done.data!.completeHandoff.handoff).toMatchObject({ state: 'DONE', outcome: 'SUCCESSFUL', outcomeReason: 'placed with relatives', dueAt: null });
    const notice = (await queueOf(people.township)).find((i: any) => i.handoff.kind === 'EMERGENCY_NOTICE');
    expect(notice).toMatchObject({ why: 'ADDRESSED', handoff: { state: 'SENT' } });
    const feed = (await bed.run(FEED, { after: '0' }, people.countyCivil, 'CASE_MANAGEMENT', { service: 'exchange' })).data!._handoffNotices;
    const copied = feed.filter((n: any) => n.reason === 'COPIED' && JSON.parse(n.payload).handoff.id === notice.handoff.id);
    expect(copied).toMatchObject([{ agency: 'civil_affairs', regionCode: '431003' }]);
    const told = feed.filter((n: any) => JSON.parse(n.payload).handoff.id === report.id).map((n: any) => [n.reason, n.agency]);
    expect(told).toEqual([
      ['ADDRESSED', 'police'],
      ['ANSWERED', 'education'],
      ['FINISHED', 'education'],
    ]);
  });
});

describe('the clock', () => {
  it('marks an unanswered report overdue and escalates it to the county, then the city, recorded as it happens', async () => {
    const report = await fileReport();
    const sweep = async (minutes: number) => (await bed.run(ESCALATE, { now: minutesFromNow(minutes) }, people.auditor, 'CASE_MANAGEMENT', { service: 'exchange' })).data!._escalateOverdue;
    expect(await sweep(30)).toEqual({ checked: 0, escalated: 0, markedOverdue: 0 });
    expect((await sweep(61)).escalated).toBeGreaterThanOrEqual(1);
    const county = (await queueOf(people.countyPolice)).find((i: any) => i.handoff.id === report.id);
    expect(county).toMatchObject({ why: 'ESCALATED', overdue: true });
    expect((await queueOf(people.station)).find((i: any) => i.handoff.id === report.id)).toMatchObject({ why: 'ADDRESSED', overdue: true });
    expect((await queueOf(people.cityPolice, 'SUPERVISION')).map((i: any) => i.handoff.id)).not.toContain(report.id);

    await sweep(122);
    expect((await queueOf(people.cityPolice, 'SUPERVISION')).find((i: any) => i.handoff.id === report.id)).toMatchObject({ why: 'ESCALATED' });
    const read = await bed.run(`query ($id: ID!) { handoff(id: $id) { ${HANDOFF} } }`, { id: report.id }, people.station);
    expect(read.data!.handoff.escalatedTo).toEqual({ agency: 'police', level: 'CITY', regionCode: '4310' });
    expect(read.data!.handoff.history.map((h: any) => [h.kind, h.by.regionCode])).toEqual([
      ['SENT', TOWN],
      ['ESCALATED', '431003'],
      ['ESCALATED', '4310'],
    ]);
    // A sweep at the same moment again changes nothing: escalation is recorded once.
    const history = await bed.count('handoff_event');
    await sweep(122);
    expect(await bed.count('handoff_event')).toBe(history);
    // Police of another county see none of it.
    expect((await queueOf(people.otherCountyPolice)).map((i: any) => i.handoff.id)).not.toContain(report.id);
  });

  it('is the hub’s alone: a caller cannot run it or read the notice feed', async () => {
    const escalate = await bed.run(ESCALATE, { now: minutesFromNow(600) }, people.countyPolice);
    expect(escalate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const feed = await bed.run(FEED, { after: '0' }, people.countyPolice);
    expect(feed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('an unregistered child', () => {
  it('is handed to the police at the same level, published to them, and closed by the ID number they issue', async () => {
    const HAND_OVER = `mutation ($input: HandOverUnregisteredChildInput!) { handOverUnregisteredChild(input: $input) { handoff { ${HANDOFF} } } }`;
    const outbox = await bed.count('outbox');
    const result = await bed.run(HAND_OVER, { input: { childId: UNREGISTERED } }, people.countyCivil);
    const handover = result.data!.handOverUnregisteredChild.handoff;
    expect(handover).toMatchObject({ kind: 'UNREGISTERED_HANDOVER', to: { agency: 'police', level: 'COUNTY', regionCode: '431003', org: null } });
    expect(await bed.count('outbox')).toBe(outbox + 1);
    const registered = await bed.run(HAND_OVER, { input: { childId: PUPIL } }, people.countyCivil);
    expect(registered.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'input.childId' } });

    expect((await bed.deliver([identityIssued(UNREGISTERED, '431003201801010012')])).errors).toBeUndefined();
    const read = await bed.run(`query ($id: ID!) { handoff(id: $id) { state outcome history { kind } } }`, { id: handover.id }, people.countyCivil);
    expect(read.data!.handoff).toMatchObject({ state: 'DONE', outcome: 'SUCCESSFUL', history: [{ kind: 'SENT' }, { kind: 'DONE' }] });
  });
});

describe('a dropout not persuaded back', () => {
  it('is reported to the county education bureau and the township, once; the return closes both', async () => {
    const REPORT_DROPOUT = `mutation ($input: ReportDropoutToAuthoritiesInput!) { reportDropoutToAuthorities(input: $input) { handoffs { id to { agency level regionCode } } child { id } } }`;
    const result = await bed.run(REPORT_DROPOUT, { input: { childId: PUPIL } }, people.teacher, 'DROPOUT_RETURN');
    expect(result.data!.reportDropoutToAuthorities.child).toEqual({ id: PUPIL });
    const sent = result.data!.reportDropoutToAuthorities.handoffs;
    expect(sent.map((h: any) => h.to)).toEqual([
      { agency: 'education', level: 'COUNTY', regionCode: '431003' },
      { agency: 'civil_affairs', level: 'TOWN', regionCode: TOWN },
    ]);
    const again = await bed.run(REPORT_DROPOUT, { input: { childId: PUPIL } }, people.teacher, 'DROPOUT_RETURN');
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await bed.deliver([deliveredEvent('education', PUPIL, 'dropout.returned', { returnedOn: '2026-12-01' })]);
    for (const h of sent) {
      const read = await bed.run(`query ($id: ID!) { handoff(id: $id) { state outcomeReason } }`, { id: h.id }, people.teacher);
      expect(read.data!.handoff).toEqual({ state: 'DONE', outcomeReason: 'back at school on 2026-12-01' });
    }
  });
});

describe('a 12355 hotline ticket', () => {
  it('is opened, transferred, followed up, and closed only once its transfer is final', async () => {
    const open = await bed.run(
      `mutation ($input: OpenHotlineTicketInput!) { openHotlineTicket(input: $input) { ticket { id status version child { id } } } }`,
      { input: { regionCode: TOWN, caller: 'NEIGHBOUR', childId: PUPIL, situation: 'LIVING_ALONE', summary: 'a neighbour says the boy has been alone for a week' } },
      people.youthLeague,
    );
    const ticket = open.data!.openHotlineTicket.ticket;
    expect(ticket).toMatchObject({ status: 'OPEN', version: 1, child: { id: PUPIL } });
    const transfer = await bed.run(
      `mutation ($input: TransferHotlineTicketInput!) { transferHotlineTicket(input: $input) { handoff { id kind reason to { agency regionCode } ticket { id status } } } }`,
      { input: { ticketId: ticket.id, to: { agency: 'civil_affairs', regionCode: TOWN } } },
      people.youthLeague,
    );
    const handoff = transfer.data!.transferHotlineTicket.handoff;
    expect(handoff).toMatchObject({ kind: 'HOTLINE_TRANSFER', reason: 'LIVING_ALONE', to: { agency: 'civil_affairs', regionCode: TOWN }, ticket: { id: ticket.id, status: 'TRANSFERRED' } });
    // The township reads the ticket it received.
    const readByTownship = await bed.run(`query ($id: ID!) { hotlineTicket(id: $id) { summary } }`, { id: ticket.id }, people.township);
    expect(readByTownship.data!.hotlineTicket.summary).toMatch(/alone for a week/);
    // Police of the county were not sent it.
    const readByPolice = await bed.run(`query ($id: ID!) { hotlineTicket(id: $id) { summary } }`, { id: ticket.id }, people.countyPolice);
    expect(readByPolice.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const CLOSE = `mutation ($input: CloseHotlineTicketInput!) { closeHotlineTicket(input: $input) { ticket { status outcome followUps { note } } } }`;
    const early = await bed.run(CLOSE, { input: { ticketId: ticket.id, expectedVersion: 2, outcome: 'RESOLVED' } }, people.youthLeague);
    expect(early.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    await bed.run(
      `mutation ($input: FollowUpHotlineTicketInput!) { followUpHotlineTicket(input: $input) { ticket { id } } }`,
      { input: { ticketId: ticket.id, note: 'called the township' } },
      people.youthLeague,
    );
    await bed.run(ACCEPT, { input: { id: handoff.id, expectedVersion: 1 } }, people.township);
    await bed.run(COMPLETE, { input: { id: handoff.id, expectedVersion: 2, outcome: 'SUCCESSFUL', reason: 'grandmother moved in' } }, people.township);
    const closed = await bed.run(CLOSE, { input: { ticketId: ticket.id, expectedVersion: 2, outcome: 'RESOLVED', note: 'confirmed by phone' } }, people.youthLeague);
    expect(closed.data!.closeHotlineTicket.ticket).toEqual({ status: 'CLOSED', outcome: 'RESOLVED', followUps: [{ note: 'called the township' }, { note: 'confirmed by phone' }] });
  });
});

describe('the row rule', () => {
  it('shows auditors no hand-off and no queue', async () => {
    const report = await fileReport();
    const read = await bed.run(`query ($id: ID!) { handoff(id: $id) { id } }`, { id: report.id }, people.auditor, 'SUPERVISION');
    expect(read.data?.handoff ?? null).toBeNull();
    expect((await bed.run(QUEUE, {}, people.auditor, 'SUPERVISION')).data?.workQueue?.edges ?? []).toEqual([]);
  });
});
