import { createInternalSigner, EXCHANGE_PRINCIPAL } from '@lbc/schema';
import { APPLY_EVENTS, deliveredEvent } from '@lbc/subgraph-kit/testing';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/eventually.ts';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * The exchange inside the hub process, as `npm run up` runs it: events an agency publishes
 * with its writes reach the other agencies over HTTP, change their places (and so who may
 * see a child), are recorded in the audit log, and survive an agency being down.
 */
const HOME = '431003';
const AWAY = '210421';
const REGISTER = `mutation Register($input: RegisterChildInput!) { registerChild(input: $input) { child { id } } }`;

let hub: Hub;

async function placeIn(subgraph: keyof Hub['subgraphs'], childId: string): Promise<Record<string, string | null> | undefined> {
  const { rows } = await sql<Record<string, string | null>>`select * from child_place where child_id = ${childId}`.execute(hub.subgraphs[subgraph].database.db);
  return rows[0];
}

async function register(token: string, village: string): Promise<string> {
  const response = await hub.query(token, REGISTER, {
    input: { name: '周小宇', sex: 'MALE', birthDate: '2017-04-02', residenceVillageCode: village, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2023-09-01' },
  });
  expect(response.body.errors, JSON.stringify(response.body)).toBeUndefined();
  return response.body.data.registerChild.child.id as string;
}

async function aVillage(token: string, county: string): Promise<string> {
  const response = await hub.query(token, `query($code: DivisionCode!) { region(code: $code) { children(first: 1) { edges { node { code children(first: 1) { edges { node { code } } } } } } } }`, {
    code: county,
  });
  return response.body.data.region.children.edges[0].node.children.edges[0].node.code as string;
}

beforeAll(async () => {
  hub = await startHub({ children: 60, scope: [HOME, AWAY], gateway: { exchange: { intervalMs: 100, batchSize: 500 } } });
});
afterAll(() => hub?.stop());

describe('the exchange', () => {
  it('carries a new child’s residence to every other agency, and records each delivery in the audit log', async () => {
    const civil = await hub.token({ agency: 'civil_affairs', level: 'county', region: HOME });
    const childId = await register(civil, await aVillage(civil, HOME));
    for (const subgraph of ['education-enrollment', 'police-household', 'health', 'handoffs'] as const) {
      const place = await eventually(() => placeIn(subgraph, childId), `${subgraph} receives the residence`);
      expect(place.residence_code!.startsWith(HOME)).toBe(true);
    }
    const { rows } = await sql<{ operation_name: string; agency: string }>`
      select operation_name, agency from audit_entry
      where ${childId} = any(child_ids) and client = 'lbc-exchange' and operation_name like 'deliver %'
      order by operation_name`.execute(hub.hubDatabase.db);
    // (The data-quality sweep may audit a finding about the new child too: not a delivery.)
    expect(rows).toEqual([
      { operation_name: 'deliver civil-affairs -> education-enrollment', agency: 'education' },
      // The hub's hand-offs receive places too (to route reports); their entries name the hub's own label.
      { operation_name: 'deliver civil-affairs -> handoffs', agency: 'audit' },
      { operation_name: 'deliver civil-affairs -> health', agency: 'health' },
      { operation_name: 'deliver civil-affairs -> police-household', agency: 'police' },
    ]);
  });

  it('a school transfer across counties changes who can see the child, end to end', async () => {
    const homeSchools = await hub.token({ agency: 'education', level: 'county', region: HOME });
    const awaySchools = await hub.token({ agency: 'education', level: 'county', region: AWAY });
    const awayCivil = await hub.token({ agency: 'civil_affairs', level: 'county', region: AWAY });
    const pupils = await hub.query(
      homeSchools,
      `query($code: DivisionCode!) { schools(regionCode: $code, first: 20) { edges { node { kind enrolledChildren(first: 5) { edges { node { id currentEnrollment { id version } } } } } } } }`,
      { code: HOME },
    );
    const pupil = pupils.body.data.schools.edges.flatMap((s: any) => s.node.enrolledChildren.edges.map((e: any) => ({ ...e.node, kind: s.node.kind }))).find((c: any) => c.currentEnrollment);
    expect(pupil, JSON.stringify(pupils.body)).toBeTruthy();
    const away = await hub.query(awaySchools, `query($code: DivisionCode!) { schools(regionCode: $code, first: 50) { edges { node { id kind } } } }`, { code: AWAY });
    // A school of the same kind: the pupil keeps its grade.
    const toSchoolId = away.body.data.schools.edges.find((s: any) => s.node.kind === pupil.kind).node.id as string;
    const readRegistry = () => hub.query(awayCivil, `query($id: ID!) { child(id: $id) { id name } }`, { id: pupil.id });

    // Before: the child lives and goes to school in the home county; the other county's officers see nothing.
    expect((await readRegistry()).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const transfer = await hub.query(homeSchools, `mutation($input: TransferChildInput!) { transferChild(input: $input) { enrollment { id school { id } } } }`, {
      input: { enrollmentId: pupil.currentEnrollment.id, expectedVersion: pupil.currentEnrollment.version, toSchoolId, transferredOn: '2026-11-30', className: '3班', boarding: false },
    });
    expect(transfer.body.errors, JSON.stringify(transfer.body)).toBeUndefined();
    expect(transfer.body.data.transferChild.enrollment.school.id).toBe(toSchoolId);

    // After: the receiving county's civil affairs sees the child's file, once the exchange has carried the school over.
    const seen = await eventually(async () => {
      const answer = await readRegistry();
      return answer.body.data?.child ? answer : undefined;
    }, 'the receiving county sees the registry file');
    expect(seen.body.data.child.id).toBe(pupil.id);
    expect((await placeIn('civil-affairs', pupil.id))!.school_id).toBe(toSchoolId);
  });

  it('an agency that is down gets its backlog when it returns; the others are not held up; operators see the lag', async () => {
    const civil = await hub.token({ agency: 'civil_affairs', level: 'county', region: HOME });
    const operator = await hub.token({ agency: 'audit', level: 'province', region: '43' });
    const village = await aVillage(civil, HOME);
    await hub.subgraphs.health.stop();
    const children = [await register(civil, village), await register(civil, village)];
    for (const childId of children) await eventually(() => placeIn('police-household', childId), 'police receive while health is down');
    const lag = await eventually(async () => {
      const answer = await hub.query(operator, `{ exchangeLag { source subscriber pending lagSeconds lastError } }`);
      const row = answer.body.data.exchangeLag.find((r: any) => r.source === 'civil-affairs' && r.subscriber === 'health');
      return row?.pending > 0 ? row : undefined;
    }, 'the lag query shows health behind');
    expect(lag.lastError).toBeTruthy();
    expect(await placeIn('health', children[0]!)).toBeUndefined();

    await hub.subgraphs.health.restart();
    for (const childId of children) await eventually(() => placeIn('health', childId), 'health receives its backlog');
    const caughtUp = await eventually(async () => {
      const answer = await hub.query(operator, `{ exchangeLag { source subscriber pending lagSeconds lastError } }`);
      const row = answer.body.data.exchangeLag.find((r: any) => r.source === 'civil-affairs' && r.subscriber === 'health');
      return row?.pending === 0 ? row : undefined;
    }, 'the lag clears');
    expect(caughtUp).toMatchObject({ lagSeconds: 0, lastError: null });
  });

  it('an ID number the police issue reaches every agency, and the child keeps its hub id', async () => {
    const police = await hub.token({ agency: 'police', level: 'county', region: HOME });
    const pending = await hub.query(
      police,
      `query($code: DivisionCode!) { unregisteredChildren(regionCode: $code, first: 10) { edges { node { id birthDate sex unregisteredRegistration { version status village { code } } } } } }`,
      { code: HOME },
    );
    const child = pending.body.data.unregisteredChildren.edges.map((e: any) => e.node).find((c: any) => c.unregisteredRegistration?.status === 'PENDING');
    expect(child, JSON.stringify(pending.body)).toBeTruthy();
    const registered = await hub.query(
      police,
      `mutation($input: RegisterUnregisteredChildInput!) { registerUnregisteredChild(input: $input) { child { id idNumber } } }`,
      {
        input: {
          childId: child.id,
          expectedVersion: child.unregisteredRegistration.version,
          birthDate: child.birthDate,
          sex: child.sex,
          relationshipToHead: child.sex === 'MALE' ? 'SON' : 'DAUGHTER',
          // The station of the village's township (the seed names them PS-<township code>).
          newHousehold: { villageCode: child.unregisteredRegistration.village.code, headName: '户主', stationId: `PS-${child.unregisteredRegistration.village.code.slice(0, 9)}` },
        },
      },
      { 'x-lbc-purpose': 'HOUSEHOLD_REGISTRATION' },
    );
    expect(registered.body.errors, JSON.stringify(registered.body)).toBeUndefined();
    const idNumber = registered.body.data.registerUnregisteredChild.child.idNumber as string;
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    const registryNumber = async () => {
      const { rows } = await sql<{ id_number: string | null }>`select id_number from child where id = ${child.id}`.execute(hub.subgraphs['civil-affairs'].database.db);
      return rows[0]?.id_number ?? undefined;
    };
    expect(await eventually(registryNumber, 'civil affairs records the issued ID number')).toBe(idNumber);
    // The registration place travels too: the child's household registration is now known everywhere.
    for (const subgraph of ['civil-affairs', 'education-enrollment', 'health'] as const) {
      await eventually(async () => (await placeIn(subgraph, child.id))?.registration_code, `${subgraph} receives the registration`);
    }
  });

  it('a duplicated delivery changes nothing', async () => {
    const signer = await createInternalSigner(hub.gatewayKey);
    const childId = `LB8${String(Date.now()).slice(-8)}`;
    const event = deliveredEvent('education', childId, 'place.school', { schoolCode: '431003101201', schoolId: 'S-1' });
    const deliver = async () => {
      const token = await signer.sign(EXCHANGE_PRINCIPAL, 'police-household', { requestId: randomUUID(), purpose: 'CASE_MANAGEMENT', service: 'exchange' });
      const response = await fetch(hub.subgraphs['police-household'].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: APPLY_EVENTS, variables: { events: [event] } }),
      });
      return ((await response.json()) as any).data._applyEvents;
    };
    expect(await deliver()).toEqual({ applied: 1, duplicates: 0 });
    const first = await placeIn('police-household', childId);
    // The same event again, after the place was changed by a later one: the old event must not undo it.
    await sql`update child_place set school_id = 'S-2' where child_id = ${childId}`.execute(hub.subgraphs['police-household'].database.db);
    expect(await deliver()).toEqual({ applied: 0, duplicates: 1 });
    expect(await placeIn('police-household', childId)).toEqual({ ...first, school_id: 'S-2' });
  });

  it('answers its internal fields to the exchange only, never to a caller through the gateway', async () => {
    const civil = await hub.token({ agency: 'civil_affairs', level: 'county', region: HOME });
    const response = await hub.query(civil, `{ _outbox(after: "0", limit: 1) { eventId } }`);
    expect(response.status).toBe(400);
    expect(response.body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
