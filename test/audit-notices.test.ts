import { readChain, readCheckpoints, verifyChain } from '@lbc/audit/store';
import { publicJwkOf } from '@lbc/gateway/audit';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Notify-on-access and break-glass review, end to end: police read health's SENSITIVE
 * fields of one child (under an open protection case, or by break-glass); the audit entry
 * records it, health is notified and acknowledges, and auditors see break-glass flagged.
 */
let hub: Hub;
let openCase: { id: string; childId: string };

const RECORD = `query($id: ID!) { child(id: $id) { name immunisations(first: 2) { edges { node { vaccine } } } } }`;

beforeAll(async () => {
  hub = await startHub({ children: 40, scope: ['431003'], gateway: { breakGlass: true }, checkpointIntervalMs: 250 });
  const row = await hub.subgraphs['civil-affairs'].database.db.selectFrom('protection_case').select(['id', 'child_id']).where('status', '=', 'OPEN').orderBy('id').executeTakeFirstOrThrow();
  openCase = { id: String(row.id), childId: row.child_id };
});
afterAll(() => hub?.stop());

const police = () => hub.token({ agency: 'police', level: 'county', region: '431003', subject: 'officer-wang' });
const healthOfficer = () => hub.token({ agency: 'health', level: 'county', region: '431003', subject: 'officer-li' });

describe('notify-on-access', () => {
  it('police reading health data under an open case: recorded with the case, and health is told', async () => {
    const read = await hub.query(await police(), RECORD, { id: openCase.childId }, { 'x-lbc-purpose': 'ASSESSMENT', 'x-lbc-case-id': openCase.id });
    expect(read.body.errors).toBeUndefined();
    const entry = await hub.auditEntry(read.headers.get('x-request-id')!);
    expect(entry).toMatchObject({ caseId: openCase.id, purpose: 'ASSESSMENT', outcome: 'ok' });
    expect(entry.children[0]!.fields).toContainEqual({ coordinate: 'Child.immunisations', fieldClass: 'SENSITIVE', masked: false, owners: ['health'] });

    const notices = await hub.query(await healthOfficer(), `{ accessNotices { edges { node { id childId readerAgency readerSubject purpose fields entrySeq acknowledgedAt } } } }`);
    expect(notices.body.errors).toBeUndefined();
    const notice = notices.body.data.accessNotices.edges.map((e: any) => e.node).find((n: any) => n.entrySeq === String(entry.seq));
    expect(notice).toMatchObject({ childId: openCase.childId, readerAgency: 'police', readerSubject: 'officer-wang', purpose: 'ASSESSMENT', acknowledgedAt: null });
    expect(notice.fields).toContain('Child.immunisations');

    const ack = await hub.query(await healthOfficer(), `mutation($id: ID!) { acknowledgeAccessNotice(id: $id) { id acknowledgedBy acknowledgedAt } }`, { id: notice.id });
    expect(ack.body.errors).toBeUndefined();
    expect(ack.body.data.acknowledgeAccessNotice).toMatchObject({ id: notice.id, acknowledgedBy: 'officer-li', acknowledgedAt: expect.any(String) });
    // The acknowledgement is an operation like any other: on the record.
    expect(await hub.auditEntry(ack.headers.get('x-request-id')!)).toMatchObject({ principal: { agency: 'health' }, outcome: 'ok', variables: { id: notice.id } });

    // Police are not the owner: nothing for them.
    const policeNotices = await hub.query(await police(), `{ accessNotices { edges { node { id } } } }`);
    expect(policeNotices.body.data.accessNotices.edges.map((e: any) => e.node.id)).not.toContain(notice.id);
  });

  it('a notice goes up, never down: a village officer of another village neither sees nor acknowledges a county read', async () => {
    const read = await hub.query(await police(), RECORD, { id: openCase.childId }, { 'x-lbc-purpose': 'ASSESSMENT', 'x-lbc-case-id': openCase.id });
    expect(read.body.errors).toBeUndefined();
    const { seq } = await hub.auditEntry(read.headers.get('x-request-id')!);
    const [row] = await hub.hubDatabase.db.selectFrom('access_notice').select(['id', 'reader_region']).where('seq', '=', seq).execute();
    expect(row).toMatchObject({ reader_region: '431003' });
    const noticeId = String(row!.id);

    const village = await hub.token({ agency: 'health', level: 'village', region: '431003999999', subject: 'officer-zhao' });
    const listed = await hub.query(village, `{ accessNotices(unacknowledgedOnly: false) { edges { node { id childId readerSubject } } } }`);
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data.accessNotices.edges).toEqual([]);
    const ack = await hub.query(village, `mutation($id: ID!) { acknowledgeAccessNotice(id: $id) { id } }`, { id: noticeId });
    expect(ack.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // The county officer it is meant for still has it to act on; so does the city above.
    const unacknowledged = `{ accessNotices { edges { node { id acknowledgedAt } } } }`;
    const county = await hub.query(await healthOfficer(), unacknowledged);
    expect(county.body.data.accessNotices.edges.map((e: any) => e.node)).toContainEqual({ id: noticeId, acknowledgedAt: null });
    const city = await hub.query(await hub.token({ agency: 'health', level: 'city', region: '4310' }), unacknowledged, {}, { 'x-lbc-purpose': 'SUPERVISION' });
    expect(city.body.data.accessNotices.edges.map((e: any) => e.node.id)).toContain(noticeId);
  });

  it('health reading its own data notifies nobody', async () => {
    const read = await hub.query(await healthOfficer(), RECORD, { id: openCase.childId });
    const entry = await hub.auditEntry(read.headers.get('x-request-id')!);
    const notices = await hub.hubDatabase.db.selectFrom('access_notice').select('id').where('seq', '=', entry.seq).execute();
    expect(notices).toEqual([]);
  });
});

describe('break-glass review', () => {
  it('is recorded with its justification, flagged, and surfaces among the anomalies', async () => {
    const justification = 'child found alone at home, guardian unreachable since Friday';
    const read = await hub.query(await police(), RECORD, { id: openCase.childId }, { 'x-lbc-purpose': 'EMERGENCY', 'x-lbc-justification': justification });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.extensions.authorization.breakGlass).toBe(true);
    expect(await hub.auditEntry(read.headers.get('x-request-id')!)).toMatchObject({ breakGlass: true, justification, purpose: 'EMERGENCY' });

    const now = Date.now();
    const anomalies = await hub.query(
      await hub.token({ agency: 'audit', level: 'county', region: '431003' }),
      `query($from: DateTime!, $to: DateTime!) { accessAnomalies(window: { from: $from, to: $to }) { kind subject entries { requestId justification } } }`,
      { from: new Date(now - 3600_000).toISOString(), to: new Date(now + 60_000).toISOString() },
      { 'x-lbc-purpose': 'SUPERVISION' },
    );
    expect(anomalies.body.errors).toBeUndefined();
    const breakGlass = anomalies.body.data.accessAnomalies.find((a: any) => a.kind === 'BREAK_GLASS');
    expect(breakGlass).toMatchObject({ subject: 'officer-wang' });
    expect(breakGlass.entries).toContainEqual({ requestId: read.headers.get('x-request-id'), justification });
  });
});

describe('signed checkpoints', () => {
  it('the gateway signs the chain head at its interval; the signatures verify with its public key', async () => {
    await hub.query(await healthOfficer(), RECORD, { id: openCase.childId });
    const deadline = Date.now() + 20_000;
    let checkpoints = await readCheckpoints(hub.hubDatabase.db);
    while (!checkpoints.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      checkpoints = await readCheckpoints(hub.hubDatabase.db);
    }
    expect(checkpoints.length).toBeGreaterThan(0);
    const report = await verifyChain(readChain(hub.hubDatabase.db), checkpoints, createLocalJWKSet({ keys: [publicJwkOf(hub.gatewayKey)] }));
    expect(report).toMatchObject({ ok: true, checkpoints: checkpoints.length });
  });
});
