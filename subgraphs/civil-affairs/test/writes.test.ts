import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { civilAffairs } from '../src/index.ts';
import { insertRegistryFixtures } from './fixtures.ts';

const bed = useSubgraphTestBed(civilAffairs, { fixtures: insertRegistryFixtures, principal: testPrincipal() });

const VISIT = `mutation Visit($input: RecordHomeVisitInput!) {
  recordHomeVisit(input: $input) { homeVisit { id visitedOn concernRaised findings } child { id } }
}`;
const GUARDIAN = `mutation Guardian($input: ChangeGuardianInput!) {
  changeGuardian(input: $input) { child { id registryVersion guardian { name relationship confirmationSignedOn } } }
}`;
const REGISTER = `mutation Register($input: RegisterChildInput!) {
  registerChild(input: $input) { child { id name registryVersion residenceVillage { code } status } }
}`;

const count = (table: string) => bed.count(table);

describe('civil-affairs writes', () => {
  it('records a home visit and reads it back in the payload', async () => {
    const before = await count('home_visit');
    const result = await bed.run(VISIT, { input: { childId: 'LB000000001', visitedOn: '2026-11-20', concernRaised: true, findings: '家中无人' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordHomeVisit).toMatchObject({ homeVisit: { visitedOn: '2026-11-20', concernRaised: true, findings: '家中无人' }, child: { id: 'LB000000001' } });
    expect(await count('home_visit')).toBe(before + 1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await count('home_visit');
    for (const [input, field] of [
      [{ childId: 'LB000000001', visitedOn: '2999-01-01', concernRaised: false }, 'input.visitedOn'],
      [{ childId: 'LB000000001', visitedOn: '2001-01-01', concernRaised: false }, 'input.visitedOn'],
      [{ childId: 'LB000000001', visitedOn: '2026-01-01', concernRaised: false, findings: '  ' }, 'input.findings'],
      [{ childId: 'LB000000001', visitedOn: '2026-01-01', concernRaised: false, visitorStaffId: 'NOPE' }, 'input.visitorStaffId'],
    ] as const) {
      const result = await bed.run(VISIT, { input });
      expect(result.data!.recordHomeVisit, field).toBeNull();
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await count('home_visit')).toBe(before);
  });

  it('writes only for children living in the jurisdiction', async () => {
    const elsewhere = await bed.run(VISIT, { input: { childId: 'LB000000003', visitedOn: '2026-11-20', concernRaised: false } });
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = await bed.run(VISIT, { input: { childId: 'LB404', visitedOn: '2026-11-20', concernRaised: false } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a village committee records visits for the children of its own village only', async () => {
    const committee = testPrincipal({ subject: 'committee-clerk', level: 'village', region: '431003101201', org: 'VC-431003101201' });
    const before = await count('home_visit');
    const own = await bed.run(VISIT, { input: { childId: 'LB000000001', visitedOn: '2026-11-22', concernRaised: false } }, committee);
    expect(own.errors).toBeUndefined();
    const neighbours = await bed.run(VISIT, { input: { childId: 'LB000000002', visitedOn: '2026-11-22', concernRaised: false } }, committee);
    expect(neighbours.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await count('home_visit')).toBe(before + 1);
  });

  it('answers a retry with the same Idempotency-Key from the first write, and refuses the key for another request', async () => {
    const input = { childId: 'LB000000001', visitedOn: '2026-11-21', concernRaised: false };
    const before = await count('home_visit');
    const first = await bed.run(VISIT, { input }, undefined, undefined, { idempotencyKey: 'visit-1' });
    const again = await bed.run(VISIT, { input }, undefined, undefined, { idempotencyKey: 'visit-1' });
    expect(again.data).toEqual(first.data);
    expect(await count('home_visit')).toBe(before + 1);
    const other = await bed.run(VISIT, { input: { ...input, concernRaised: true } }, undefined, undefined, { idempotencyKey: 'visit-1' });
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await count('home_visit')).toBe(before + 1);
    // Another caller's key of the same name is another key.
    const colleague = await bed.run(VISIT, { input }, testPrincipal({ subject: 'colleague' }), undefined, { idempotencyKey: 'visit-1' });
    expect(colleague.errors).toBeUndefined();
    expect(await count('home_visit')).toBe(before + 2);
  });

  it('edits the file at the version read, and refuses a stale version with CONFLICT', async () => {
    const guardian = { name: '王奶奶', relationship: 'GRANDPARENT', capacity: 'ADEQUATE' };
    const read = await bed.run(`{ child(id: "LB000000001") { registryVersion } }`);
    const version = read.data!.child.registryVersion as number;
    const first = await bed.run(GUARDIAN, { input: { childId: 'LB000000001', expectedVersion: version, guardian, confirmationSignedOn: '2026-11-01' } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.changeGuardian.child).toMatchObject({ registryVersion: version + 1, guardian: { name: '王奶奶', confirmationSignedOn: '2026-11-01' } });
    const stale = await bed.run(GUARDIAN, { input: { childId: 'LB000000001', expectedVersion: version, guardian: { ...guardian, name: '王爷爷' } } });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version + 1 });
    const now = await bed.run(`{ child(id: "LB000000001") { registryVersion guardian { name } } }`);
    expect(now.data!.child).toEqual({ registryVersion: version + 1, guardian: { name: '王奶奶' } });
  });

  it('registers a child with a new hub id and publishes its residence in the same transaction', async () => {
    const outbox = await count('outbox');
    const result = await bed.run(REGISTER, {
      input: { name: '赵小军', sex: 'MALE', birthDate: '2018-05-01', residenceVillageCode: '431003101202', category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2024-03-01' },
    });
    expect(result.errors).toBeUndefined();
    const child = result.data!.registerChild.child;
    expect(child).toMatchObject({ name: '赵小军', registryVersion: 1, residenceVillage: { code: '431003101202' }, status: 'ACTIVE' });
    expect(child.id).toMatch(/^LB9\d{8}$/);
    const event = await bed.database.db.selectFrom('outbox').selectAll().where('child_id', '=', child.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ kind: 'place.residence', payload: { residenceCode: '431003101202' } });
    expect(await count('outbox')).toBe(outbox + 1);
    // The writer's own places follow its own fact at once.
    const place = await bed.database.db.selectFrom('child_place').selectAll().where('child_id', '=', child.id).executeTakeFirstOrThrow();
    expect(place.residence_code).toBe('431003101202');
  });

  it('a registration outside the jurisdiction writes neither the child nor its event', async () => {
    const [children, outbox] = [await count('child'), await count('outbox')];
    const result = await bed.run(REGISTER, {
      input: { name: '钱小丽', sex: 'FEMALE', birthDate: '2018-05-01', residenceVillageCode: '210421100201', category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2024-03-01' },
    });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.residenceVillageCode' });
    expect([await count('child'), await count('outbox')]).toEqual([children, outbox]);
  });

  it('serves its outbox and applies deliveries only to the exchange', async () => {
    const outbox = await bed.run(`{ _outbox(after: "0", limit: 10) { eventId kind } }`);
    expect(outbox.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const read = await bed.run(`{ _outbox(after: "0", limit: 10) { eventId seq kind childId payload } }`, {}, undefined, undefined, { service: 'exchange' });
    expect(read.errors).toBeUndefined();
    expect(read.data!._outbox.length).toBeGreaterThan(0);
  });
});
