import { useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { civilAffairs } from '../src/index.ts';
import { insertRegistryFixtures } from './fixtures.ts';
import { CALLERS, registryVersion } from './write-helpers.ts';

const bed = useSubgraphTestBed(civilAffairs, { fixtures: insertRegistryFixtures, principal: CALLERS.county });

const FILE =
  'child { id registryVersion status leftBehindCategory leftBehindSince exitReason residenceVillage { code } father { name isAway workPlace phone unableToGuardReason } mother { name isAway workPlace unableToGuardReason } }';
const RESIDENCE = `mutation Residence($input: ChangeResidenceInput!) { changeResidence(input: $input) { ${FILE} } }`;
const PARENT = `mutation Parent($input: RecordParentStatusInput!) { recordParentStatus(input: $input) { ${FILE} } }`;
const EXIT = `mutation Exit($input: ExitChildInput!) { exitChild(input: $input) { ${FILE} } }`;
const READMIT = `mutation Readmit($input: ReadmitChildInput!) { readmitChild(input: $input) { ${FILE} } }`;

const db = () => bed.database.db;
const version = (childId: string) => registryVersion(db(), childId);
const childRow = (childId: string) => db().selectFrom('child').selectAll().where('id', '=', childId).executeTakeFirstOrThrow();

/** Runs `query` and expects BAD_USER_INPUT naming `field`, with a null payload. */
async function expectBadInput(query: string, input: Record<string, unknown>, field: string): Promise<void> {
  const result = await bed.run(query, { input });
  expect(Object.values(result.data ?? {})[0], field).toBeNull();
  expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
}

describe('changeResidence', () => {
  it('moves the child at the version read, publishes the residence and moves this database’s own place with it', async () => {
    const [from, outbox] = [await version('LB000000002'), await bed.count('outbox')];
    const result = await bed.run(RESIDENCE, { input: { childId: 'LB000000002', expectedVersion: from, villageCode: '431003101201' } }, CALLERS.town);
    expect(result.errors).toBeUndefined();
    expect(result.data!.changeResidence.child).toMatchObject({ id: 'LB000000002', registryVersion: from + 1, residenceVillage: { code: '431003101201' } });
    expect(await bed.count('outbox')).toBe(outbox + 1);
    const event = await db().selectFrom('outbox').selectAll().where('child_id', '=', 'LB000000002').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ kind: 'place.residence', payload: { residenceCode: '431003101201' } });
    const place = await db().selectFrom('child_place').selectAll().where('child_id', '=', 'LB000000002').executeTakeFirstOrThrow();
    expect(place.residence_code).toBe('431003101201');
    expect(result.extensions!.lbcWrites).toEqual([
      { record: 'Child', id: 'LB000000002', childId: 'LB000000002', change: 'updated', fields: ['residenceVillage'], fromVersion: from, toVersion: from + 1 },
    ]);
  });

  it('refuses bad input and a stale version, writing neither the file nor an event', async () => {
    const [from, outbox] = [await version('LB000000001'), await bed.count('outbox')];
    const move = (overrides: Record<string, unknown>) => ({ childId: 'LB000000001', expectedVersion: from, villageCode: '431003101202', ...overrides });
    await expectBadInput(RESIDENCE, move({ villageCode: '210421100201' }), 'input.villageCode');
    await expectBadInput(RESIDENCE, move({ villageCode: '431003101' }), 'input.villageCode');
    await expectBadInput(RESIDENCE, move({ villageCode: '431003101299' }), 'input.villageCode');
    await expectBadInput(RESIDENCE, move({ villageCode: '431003101201' }), 'input.villageCode');
    await expectBadInput(RESIDENCE, move({ expectedVersion: 0 }), 'input.expectedVersion');
    const stale = await bed.run(RESIDENCE, { input: move({ expectedVersion: from + 5 }) });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: from });
    expect([await version('LB000000001'), await bed.count('outbox'), (await childRow('LB000000001')).village_code]).toEqual([from, outbox, '431003101201']);
  });

  it('moves only children living in the jurisdiction; the city is refused', async () => {
    const outbox = await bed.count('outbox');
    // Fushun may move children to its villages, not Suxian's children.
    const suxianChild = await bed.run(RESIDENCE, { input: { childId: 'LB000000001', expectedVersion: await version('LB000000001'), villageCode: '210421100201' } }, CALLERS.otherCounty);
    expect(suxianChild.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(RESIDENCE, { input: { childId: 'LB404', expectedVersion: 1, villageCode: '431003101202' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const city = await bed.run(RESIDENCE, { input: { childId: 'LB000000001', expectedVersion: await version('LB000000001'), villageCode: '431003101202' } }, CALLERS.city);
    expect(city.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'civil-affairs-records-residence:level' });
    expect(await bed.count('outbox')).toBe(outbox);
    expect((await childRow('LB000000001')).village_code).toBe('431003101201');
  });
});

describe('recordParentStatus', () => {
  it('records a parent the file did not have, and replaces one it had, each at the version read', async () => {
    const from = await version('LB000000002');
    const father = { childId: 'LB000000002', expectedVersion: from, role: 'FATHER', name: '李建国', isAway: true, workPlace: '浙江省宁波市', phone: '13900000009' };
    const created = await bed.run(PARENT, { input: father }, CALLERS.village);
    expect(created.errors).toBeUndefined();
    expect(created.data!.recordParentStatus.child).toMatchObject({
      registryVersion: from + 1,
      father: { name: '李建国', isAway: true, workPlace: '浙江省宁波市', phone: '13900000009', unableToGuardReason: null },
      mother: { name: '李芳', unableToGuardReason: '重病' },
    });
    expect(created.extensions!.lbcWrites).toEqual([
      {
        record: 'Parent',
        id: 'LB000000002:FATHER',
        childId: 'LB000000002',
        change: 'created',
        fields: ['name', 'isAway', 'workPlace', 'phone', 'unableToGuardReason'],
        fromVersion: from,
        toVersion: from + 1,
      },
    ]);
    const mother = { childId: 'LB000000002', expectedVersion: from + 1, role: 'MOTHER', name: '李芳', isAway: false, unableToGuardReason: '长期住院' };
    const updated = await bed.run(PARENT, { input: mother });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.recordParentStatus.child).toMatchObject({ registryVersion: from + 2, mother: { isAway: false, workPlace: null, unableToGuardReason: '长期住院' } });
    expect(updated.extensions!.lbcWrites).toMatchObject([{ record: 'Parent', change: 'updated' }]);
    expect(await bed.count('parent')).toBe(4);
  });

  it('refuses bad input, a stale version and children elsewhere, writing nothing', async () => {
    const from = await version('LB000000001');
    const parents = await db().selectFrom('parent').selectAll().orderBy(['child_id', 'role']).execute();
    const status = (overrides: Record<string, unknown>) => ({ childId: 'LB000000001', expectedVersion: from, role: 'FATHER', name: '王大伟', isAway: false, ...overrides });
    await expectBadInput(PARENT, status({ name: '  ' }), 'input.name');
    await expectBadInput(PARENT, status({ workPlace: '广'.repeat(201) }), 'input.workPlace');
    await expectBadInput(PARENT, status({ phone: '' }), 'input.phone');
    await expectBadInput(PARENT, status({ unableToGuardReason: '病'.repeat(501) }), 'input.unableToGuardReason');
    const stale = await bed.run(PARENT, { input: status({ expectedVersion: from + 1 }) });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: from });
    const elsewhere = await bed.run(PARENT, { input: status({ childId: 'LB000000003', expectedVersion: 1 }) });
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await version('LB000000001')).toBe(from);
    expect(await db().selectFrom('parent').selectAll().orderBy(['child_id', 'role']).execute()).toEqual(parents);
  });
});

describe('exitChild and readmitChild', () => {
  it('exits an ACTIVE child: category gone, reason and date kept, leftBehindSince as history', async () => {
    const from = await version('LB000000001');
    const result = await bed.run(EXIT, { input: { childId: 'LB000000001', expectedVersion: from, reason: 'JOINED_PARENTS', exitedOn: '2026-11-15' } }, CALLERS.town);
    expect(result.errors).toBeUndefined();
    expect(result.data!.exitChild.child).toMatchObject({
      registryVersion: from + 1,
      status: 'EXITED',
      exitReason: 'JOINED_PARENTS',
      leftBehindCategory: null,
      leftBehindSince: '2019-02-01',
    });
    expect(await childRow('LB000000001')).toMatchObject({ status: 'EXITED', exit_reason: 'JOINED_PARENTS', exited_on: '2026-11-15', category: null });
    expect(result.extensions!.lbcWrites).toEqual([
      { record: 'Child', id: 'LB000000001', childId: 'LB000000001', change: 'updated', fields: ['status', 'exitReason', 'leftBehindCategory'], fromVersion: from, toVersion: from + 1 },
    ]);
  });

  it('readmits an EXITED child under its hub id, with the new category and date', async () => {
    const from = await version('LB000000001');
    const result = await bed.run(READMIT, { input: { childId: 'LB000000001', expectedVersion: from, category: 'ONE_PARENT_AWAY_OTHER_UNABLE', leftBehindSince: '2026-11-20' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.readmitChild.child).toMatchObject({
      id: 'LB000000001',
      registryVersion: from + 1,
      status: 'ACTIVE',
      exitReason: null,
      leftBehindCategory: 'ONE_PARENT_AWAY_OTHER_UNABLE',
      leftBehindSince: '2026-11-20',
    });
    expect(await childRow('LB000000001')).toMatchObject({ exited_on: null, exit_reason: null });
    expect(result.extensions!.lbcWrites).toMatchObject([{ record: 'Child', fields: ['status', 'leftBehindCategory', 'leftBehindSince', 'exitReason'], fromVersion: from, toVersion: from + 1 }]);
  });

  it('exits only ACTIVE children, and refuses bad input and stale versions, writing nothing', async () => {
    const from = await version('LB000000002');
    const before = await childRow('LB000000002');
    const exit = (overrides: Record<string, unknown>) => ({ childId: 'LB000000002', expectedVersion: from, reason: 'PARENT_RETURNED', exitedOn: '2026-11-15', ...overrides });
    await expectBadInput(EXIT, exit({ exitedOn: '2999-01-01' }), 'input.exitedOn');
    // Registered on 2023-03-01.
    await expectBadInput(EXIT, exit({ exitedOn: '2022-12-31' }), 'input.exitedOn');
    // Born 2014-07-08: twelve.
    await expectBadInput(EXIT, exit({ reason: 'TURNED_SIXTEEN' }), 'input.reason');
    await expectBadInput(EXIT, exit({ expectedVersion: -1 }), 'input.expectedVersion');
    const stale = await bed.run(EXIT, { input: exit({ expectedVersion: from + 1 }) });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: from });
    expect(await childRow('LB000000002')).toEqual(before);
    // An exited child is not exited again, nor an active one readmitted.
    expect((await bed.run(EXIT, { input: exit({}) })).errors).toBeUndefined();
    await expectBadInput(EXIT, exit({ expectedVersion: from + 1, exitedOn: '2026-11-16' }), 'input.childId');
    await expectBadInput(READMIT, { childId: 'LB000000001', expectedVersion: await version('LB000000001'), category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2026-11-21' }, 'input.childId');
    expect((await childRow('LB000000002')).version).toBe(from + 1);
  });

  it('readmits with a date that has happened and is after the birth, at the version read', async () => {
    const from = await version('LB000000002');
    const before = await childRow('LB000000002');
    expect(before.status).toBe('EXITED');
    const readmit = (overrides: Record<string, unknown>) => ({ childId: 'LB000000002', expectedVersion: from, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2026-11-25', ...overrides });
    await expectBadInput(READMIT, readmit({ leftBehindSince: '2999-01-01' }), 'input.leftBehindSince');
    await expectBadInput(READMIT, readmit({ leftBehindSince: '2014-01-01' }), 'input.leftBehindSince');
    const stale = await bed.run(READMIT, { input: readmit({ expectedVersion: from - 1 }) });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: from });
    expect(await childRow('LB000000002')).toEqual(before);
  });

  it('is the township’s and the county’s, for children living in the jurisdiction', async () => {
    const from = await version('LB000000002');
    const readmit = { childId: 'LB000000002', expectedVersion: from, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2026-11-25' };
    const supervisor = await bed.run(READMIT, { input: readmit }, CALLERS.village);
    expect(supervisor.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'township-readmits-children:level' });
    const otherCounty = await bed.run(READMIT, { input: readmit }, CALLERS.otherCounty);
    expect(otherCounty.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const exitElsewhere = await bed.run(EXIT, { input: { childId: 'LB000000003', expectedVersion: 1, reason: 'OTHER', exitedOn: '2026-11-15' } });
    expect(exitElsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const supervisorExit = await bed.run(EXIT, { input: { childId: 'LB000000001', expectedVersion: await version('LB000000001'), reason: 'OTHER', exitedOn: '2026-11-30' } }, CALLERS.village);
    expect(supervisorExit.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'township-exits-children:level' });
    expect([await version('LB000000002'), (await childRow('LB000000002')).status, (await childRow('LB000000003')).status, (await childRow('LB000000001')).status]).toEqual([
      from,
      'EXITED',
      'ACTIVE',
      'ACTIVE',
    ]);
  });
});
