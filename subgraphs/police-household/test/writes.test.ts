import { idNumberCheckChar, idNumberProblem, type Principal } from '@lbc/schema';
import { todayInChina } from '@lbc/subgraph-kit';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { policeHousehold } from '../src/index.ts';
import { HOUSEHOLD, ID } from './fixtures.ts';
import { JURISDICTION_HOUSEHOLD } from './jurisdiction-fixtures.ts';
import { insertWriteFixtures, PENDING } from './write-fixtures.ts';

const countyOfficer = testPrincipal({ agency: 'police' });
const bed = useSubgraphTestBed(policeHousehold, { fixtures: insertWriteFixtures, principal: countyOfficer });
const police = (level: Principal['level'], region: string, org?: string) => testPrincipal({ agency: 'police', level, region, ...(org ? { org } : {}) });

const REGISTER = `mutation Register($input: RegisterUnregisteredChildInput!) {
  registerUnregisteredChild(input: $input) {
    registration { status registeredOn version village { code } }
    child { id idNumber householdRegistrationStatus household { relationshipToHead registeredOn household { number station registeredAddress { code } } } }
  }
}`;
const RECORD = `mutation Record($input: RecordParentPoliceStatusInput!) {
  recordParentPoliceStatus(input: $input) { parentStatus { parent status since endedOn version } child { id guardianCanAct } }
}`;

const count = (table: string) => bed.count(table);
/** Every table a registration writes: a refused one leaves all of them as they were. */
const registrationCounts = async () => Promise.all((['resident', 'household', 'outbox', 'id_number_sequence', 'child_place'] as const).map(count));
const ledger = () => bed.database.db.selectFrom('id_number_sequence').selectAll().orderBy('area_birth').execute();
const handover = (childId: string) => bed.database.db.selectFrom('unregistered_child').select(['status', 'version', 'registered_id_number']).where('child_id', '=', childId).executeTakeFirstOrThrow();
const eventsOf = (childId: string) => bed.database.db.selectFrom('outbox').select(['kind', 'payload']).where('child_id', '=', childId).orderBy('seq').execute();
const placeOf = (childId: string) => bed.database.db.selectFrom('child_place').selectAll().where('child_id', '=', childId).executeTakeFirst();

/** A registration of `childId` into an existing household, as a county officer would enter it. */
const intoHousehold = (childId: string, overrides: Record<string, unknown> = {}) => ({
  childId,
  expectedVersion: 1,
  birthDate: '2019-04-02',
  sex: 'FEMALE',
  householdNumber: HOUSEHOLD.li,
  relationshipToHead: 'DAUGHTER',
  ...overrides,
});

/** The parts of an issued ID number, and whether it is valid at all. */
function parts(idNumber: string) {
  return { problem: idNumberProblem(idNumber), area: idNumber.slice(0, 6), birth: idNumber.slice(6, 14), sequence: Number(idNumber.slice(14, 17)), check: idNumber[17] };
}

describe('registerUnregisteredChild', () => {
  it('registers a pending handover in a household, issues a valid ID number, and publishes identity and place', async () => {
    const [residents, outbox] = [await count('resident'), await count('outbox')];
    const result = await bed.run(REGISTER, { input: intoHousehold(PENDING.intoExisting, { birthDate: '2014-07-08' }) }, undefined, 'HOUSEHOLD_REGISTRATION');
    expect(result.errors).toBeUndefined();
    const { registration, child } = result.data!.registerUnregisteredChild;
    expect(registration).toEqual({ status: 'REGISTERED', registeredOn: todayInChina(), version: 2, village: { code: '431003101202' } });
    expect(child).toMatchObject({
      id: PENDING.intoExisting,
      householdRegistrationStatus: 'REGISTERED_AFTER_REPORT',
      household: { relationshipToHead: 'DAUGHTER', registeredOn: todayInChina(), household: { number: HOUSEHOLD.li, station: 'PS-431003101', registeredAddress: { code: '431003101202' } } },
    });
    // Area: the household's county; birth date as given; even for a girl, after 李小红's 002 (same county and day).
    const idNumber = child.idNumber as string;
    expect(parts(idNumber)).toEqual({ problem: null, area: '431003', birth: '20140708', sequence: 4, check: idNumberCheckChar(idNumber.slice(0, 17)) });
    expect(await handover(PENDING.intoExisting)).toEqual({ status: 'REGISTERED', version: 2, registered_id_number: idNumber });
    expect(await count('resident')).toBe(residents + 1);
    // Both events in the outbox, in the same transaction; this database's own place follows at once.
    expect(await eventsOf(PENDING.intoExisting)).toEqual([
      { kind: 'identity.issued', payload: { idNumber } },
      { kind: 'place.registration', payload: { registrationCode: '431003101202', stationId: 'PS-431003101' } },
    ]);
    expect(await count('outbox')).toBe(outbox + 2);
    expect(await placeOf(PENDING.intoExisting)).toMatchObject({ registration_code: '431003101202', station_id: 'PS-431003101' });
    // The audit hears which records changed, never the values: the number is not in it.
    const child21 = { id: PENDING.intoExisting, childId: PENDING.intoExisting };
    expect(result.extensions!.lbcWrites).toEqual([
      { record: 'Child', ...child21, change: 'updated', fields: ['idNumber', 'householdRegistrationStatus', 'household'], fromVersion: null, toVersion: null },
      { record: 'HouseholdMembership', ...child21, change: 'created', fields: ['household', 'relationshipToHead', 'registeredOn'], fromVersion: null, toVersion: null },
      { record: 'UnregisteredChildRegistration', ...child21, change: 'updated', fields: ['status', 'registeredOn'], fromVersion: 1, toVersion: 2 },
    ]);
    expect(JSON.stringify(result.extensions)).not.toContain(idNumber);
    // The child is now found by its new number.
    const found = await bed.run(`query($n: IdNumber!) { residentByIdNumber(idNumber: $n) { id } }`, { n: idNumber });
    expect(found.data!.residentByIdNumber).toEqual({ id: PENDING.intoExisting });
  });

  it('issues distinct numbers to two children of the same area and birth date, past those residents hold, in a new household too', async () => {
    const households = await count('household');
    // Two boys born the day 王小明 (sequence 001) was born, in Suxian: 003, then 005.
    const first = await bed.run(REGISTER, { input: intoHousehold(PENDING.sameDayFirst, { birthDate: '2012-03-15', sex: 'MALE', householdNumber: HOUSEHOLD.wang, relationshipToHead: 'GRANDSON' }) });
    const second = await bed.run(REGISTER, {
      input: intoHousehold(PENDING.sameDaySecond, {
        birthDate: '2012-03-15',
        sex: 'MALE',
        householdNumber: null,
        newHousehold: { villageCode: '431003101203', addressDetail: '7组1号', headName: '周小刚', stationId: 'PS-431003101' },
        relationshipToHead: 'HEAD',
      }),
    });
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    const [a, b] = [first, second].map((r) => r.data!.registerUnregisteredChild.child.idNumber as string);
    expect([parts(a!), parts(b!)]).toEqual([
      { problem: null, area: '431003', birth: '20120315', sequence: 3, check: idNumberCheckChar(a!.slice(0, 17)) },
      { problem: null, area: '431003', birth: '20120315', sequence: 5, check: idNumberCheckChar(b!.slice(0, 17)) },
    ]);
    expect(a).not.toBe(ID.wang);
    // The new household: a number issued here (county + 9xxxxxxxx), its village the registration place.
    const household = second.data!.registerUnregisteredChild.child.household.household;
    expect(household).toMatchObject({ station: 'PS-431003101', registeredAddress: { code: '431003101203' } });
    expect(household.number).toMatch(/^4310039\d{8}$/);
    expect(await count('household')).toBe(households + 1);
    expect(second.extensions!.lbcWrites).toContainEqual({
      record: 'Household',
      id: household.number,
      childId: PENDING.sameDaySecond,
      change: 'created',
      fields: ['number', 'registeredAddress', 'addressDetail', 'headName', 'station'],
      fromVersion: null,
      toVersion: null,
    });
    expect(await placeOf(PENDING.sameDaySecond)).toMatchObject({ registration_code: '431003101203', station_id: 'PS-431003101' });
    expect(await ledger()).toContainEqual({ area_birth: '43100320120315', last_male: 5, last_female: 0 });
  });

  it('refuses a child registered already, whichever way, and writes nothing', async () => {
    const before = await registrationCounts();
    for (const childId of ['LB000000001', 'LB000000004', PENDING.intoExisting]) {
      const result = await bed.run(REGISTER, { input: intoHousehold(childId) });
      expect(result.data!.registerUnregisteredChild, childId).toBeNull();
      expect(result.errors![0]!.extensions, childId).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.childId' });
    }
    expect(await registrationCounts()).toEqual(before);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await registrationCounts();
    const ledgerBefore = await ledger();
    const newHousehold = { villageCode: '431003101203', headName: '周大山', stationId: 'PS-431003101' };
    for (const [overrides, field] of [
      [{ birthDate: '2999-01-01' }, 'input.birthDate'],
      [{ birthDate: '2000-01-01' }, 'input.birthDate'],
      [{ sex: 'MALE' }, 'input.relationshipToHead'],
      [{ newHousehold }, 'input.householdNumber'],
      [{ householdNumber: null }, 'input.householdNumber'],
      [{ householdNumber: null, newHousehold: { ...newHousehold, villageCode: '431003101' } }, 'input.newHousehold.villageCode'],
      [{ householdNumber: null, newHousehold: { ...newHousehold, villageCode: '210421100201' } }, 'input.newHousehold.villageCode'],
      [{ householdNumber: null, newHousehold: { ...newHousehold, headName: '  ' } }, 'input.newHousehold.headName'],
      [{ householdNumber: null, newHousehold: { ...newHousehold, stationId: null } }, 'input.newHousehold.stationId'],
      [{ registeredOn: '2999-01-01' }, 'input.registeredOn'],
      [{ expectedVersion: 0 }, 'input.expectedVersion'],
      // Found wrong only in the database (the handover was reported on 2024-10-01): rolled back.
      [{ householdNumber: '431003999999999' }, 'input.householdNumber'],
      [{ householdNumber: JURISDICTION_HOUSEHOLD.fushun }, 'input.householdNumber'],
      [{ birthDate: '2024-12-01' }, 'input.birthDate'],
      [{ registeredOn: '2024-09-30' }, 'input.registeredOn'],
    ] as const) {
      const result = await bed.run(REGISTER, { input: intoHousehold(PENDING.badInput, overrides) });
      expect(result.data!.registerUnregisteredChild, field).toBeNull();
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await registrationCounts()).toEqual(before);
    expect(await ledger()).toEqual(ledgerBefore);
    expect(await handover(PENDING.badInput)).toEqual({ status: 'PENDING', version: 1, registered_id_number: null });
  });

  it('registers only handovers in the jurisdiction: elsewhere FORBIDDEN, unknown NOT_FOUND, nothing written', async () => {
    const before = await registrationCounts();
    const fushun = await bed.run(REGISTER, { input: intoHousehold('LB000000003') });
    expect(fushun.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const town102 = await bed.run(REGISTER, { input: intoHousehold(PENDING.badInput) }, police('town', '431003102'));
    expect(town102.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = await bed.run(REGISTER, { input: intoHousehold('LB404') });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await registrationCounts()).toEqual(before);
  });

  it("lets station staff register children of their area in their own station's households, and no other", async () => {
    const station101 = police('town', '431003101', 'PS-431003101');
    const station102 = police('town', '431003102', 'PS-431003102');
    const newHousehold = { villageCode: '431003101201', headName: '吴桂芳' };
    const before = await registrationCounts();
    // Another station's household, or another station named for a new one: refused.
    const othersHousehold = await bed.run(REGISTER, { input: intoHousehold(PENDING.town102, { householdNumber: HOUSEHOLD.li }) }, station102);
    expect(othersHousehold.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.householdNumber' });
    const otherStation = await bed.run(REGISTER, { input: intoHousehold(PENDING.byStation, { householdNumber: null, newHousehold: { ...newHousehold, stationId: 'PS-431003102' } }) }, station101);
    expect(otherStation.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.newHousehold.stationId' });
    // A child of another station's area.
    const othersChild = await bed.run(REGISTER, { input: intoHousehold(PENDING.byStation, { householdNumber: JURISDICTION_HOUSEHOLD.zhang }) }, station102);
    expect(othersChild.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await registrationCounts()).toEqual(before);

    const own = await bed.run(REGISTER, { input: intoHousehold(PENDING.byStation, { householdNumber: null, newHousehold }) }, station101);
    expect(own.errors).toBeUndefined();
    expect(own.data!.registerUnregisteredChild.child.household.household).toMatchObject({ station: 'PS-431003101', registeredAddress: { code: '431003101201' } });
    expect(await placeOf(PENDING.byStation)).toMatchObject({ registration_code: '431003101201', station_id: 'PS-431003101' });
  });

  it('refuses a stale expectedVersion with CONFLICT and writes nothing, not even a sequence number', async () => {
    // Someone else changed the handover since it was read.
    await bed.database.db.updateTable('unregistered_child').set({ version: 2 }).where('child_id', '=', PENDING.stale).execute();
    const before = await registrationCounts();
    const ledgerBefore = await ledger();
    const stale = await bed.run(REGISTER, { input: intoHousehold(PENDING.stale, { birthDate: '2014-07-08' }) });
    expect(stale.data!.registerUnregisteredChild).toBeNull();
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await registrationCounts()).toEqual(before);
    expect(await ledger()).toEqual(ledgerBefore);
    expect(await handover(PENDING.stale)).toEqual({ status: 'PENDING', version: 2, registered_id_number: null });
  });

  it('answers a retry with the same Idempotency-Key from the first registration, and refuses the key for another request', async () => {
    const input = intoHousehold(PENDING.idempotent);
    const [residents, outbox] = [await count('resident'), await count('outbox')];
    const first = await bed.run(REGISTER, { input }, undefined, undefined, { idempotencyKey: 'register-1' });
    expect(first.errors).toBeUndefined();
    const again = await bed.run(REGISTER, { input }, undefined, undefined, { idempotencyKey: 'register-1' });
    expect(again.data).toEqual(first.data);
    expect([await count('resident'), await count('outbox')]).toEqual([residents + 1, outbox + 2]);
    const other = await bed.run(REGISTER, { input: { ...input, birthDate: '2019-04-03' } }, undefined, undefined, { idempotencyKey: 'register-1' });
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // Without the key it is a second registration of a registered child.
    const rerun = await bed.run(REGISTER, { input });
    expect(rerun.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.childId' });
    expect([await count('resident'), await count('outbox')]).toEqual([residents + 1, outbox + 2]);
  });

  it('is refused by the action rule to a village-level officer and for a purpose other than registration or case work', async () => {
    const before = await registrationCounts();
    const village = await bed.run(REGISTER, { input: intoHousehold(PENDING.badInput) }, police('village', '431003101202'));
    expect(village.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'police-register-unregistered-children:level' });
    const assessment = await bed.run(REGISTER, { input: intoHousehold(PENDING.badInput) }, undefined, 'ASSESSMENT');
    expect(assessment.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'police-register-unregistered-children:purpose' });
    expect(await registrationCounts()).toEqual(before);
  });
});

describe('recordParentPoliceStatus', () => {
  const statusCount = () => count('parent_status');

  it('records a status, reads it back with the guardianship it changes, and ends it at the version read', async () => {
    const before = await statusCount();
    const detained = { childId: 'LB000000001', parent: 'FATHER', status: 'DETAINED', since: '2026-11-10' };
    const created = await bed.run(RECORD, { input: detained });
    expect(created.errors).toBeUndefined();
    // The mother lives away and the father is detained: nobody can act as guardian in person.
    expect(created.data!.recordParentPoliceStatus).toEqual({
      parentStatus: { parent: 'FATHER', status: 'DETAINED', since: '2026-11-10', endedOn: null, version: 1 },
      child: { id: 'LB000000001', guardianCanAct: false },
    });
    expect(await statusCount()).toBe(before + 1);
    // A second current status of the same kind is refused: the current one is edited instead.
    const twice = await bed.run(RECORD, { input: detained });
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.status' });
    const ended = await bed.run(RECORD, { input: { ...detained, endedOn: '2026-11-20', expectedVersion: 1 } });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.recordParentPoliceStatus).toEqual({
      parentStatus: { parent: 'FATHER', status: 'DETAINED', since: '2026-11-10', endedOn: '2026-11-20', version: 2 },
      child: { id: 'LB000000001', guardianCanAct: true },
    });
    expect(ended.extensions!.lbcWrites).toEqual([
      { record: 'ParentPoliceStatus', id: expect.any(String), childId: 'LB000000001', change: 'updated', fields: ['since', 'endedOn'], fromVersion: 1, toVersion: 2 },
    ]);
    expect(await statusCount()).toBe(before + 1);
    // Ended, it is history: no current DETAINED status is left to edit.
    const again = await bed.run(RECORD, { input: { ...detained, endedOn: '2026-11-21', expectedVersion: 2 } });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
    const sentence = { childId: 'LB000000002', parent: 'MOTHER', status: 'SERVING_SENTENCE' };
    const corrected = await bed.run(RECORD, { input: { ...sentence, since: '2022-02-15', expectedVersion: 1 } });
    expect(corrected.data!.recordParentPoliceStatus.parentStatus).toMatchObject({ since: '2022-02-15', endedOn: null, version: 2 });
    const stale = await bed.run(RECORD, { input: { ...sentence, since: '2022-01-01', endedOn: '2026-06-01', expectedVersion: 1 } });
    expect(stale.data!.recordParentPoliceStatus).toBeNull();
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const row = await bed.database.db
      .selectFrom('parent_status')
      .select(['since', 'ended_on', 'version'])
      .where('child_id', '=', 'LB000000002')
      .where('status', '=', 'SERVING_SENTENCE')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ since: '2022-02-15', ended_on: null, version: 2 });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await statusCount();
    const base = { childId: 'LB000000001', parent: 'MOTHER', status: 'MISSING', since: '2026-01-01' };
    for (const [input, field] of [
      [{ ...base, since: '2999-01-01' }, 'input.since'],
      [{ ...base, endedOn: '2999-01-01' }, 'input.endedOn'],
      [{ ...base, endedOn: '2025-12-31' }, 'input.endedOn'],
      [{ ...base, expectedVersion: 0 }, 'input.expectedVersion'],
      // LB000000005's mother is recorded as deceased.
      [{ ...base, childId: 'LB000000005' }, 'input.status'],
    ] as const) {
      const result = await bed.run(RECORD, { input });
      expect(result.data!.recordParentPoliceStatus, field).toBeNull();
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await statusCount()).toBe(before);
  });

  it('records only for children in the jurisdiction: elsewhere FORBIDDEN, unknown NOT_FOUND, nothing written', async () => {
    const before = await statusCount();
    for (const childId of ['LB000000003', 'LB000000012']) {
      const result = await bed.run(RECORD, { input: { childId, parent: 'FATHER', status: 'MISSING', since: '2026-01-01' } });
      expect(result.errors![0]!.extensions, childId).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    }
    const unknown = await bed.run(RECORD, { input: { childId: 'LB404', parent: 'FATHER', status: 'MISSING', since: '2026-01-01' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await statusCount()).toBe(before);
  });

  it("lets station staff record for their station's households' children and their area's, and no other", async () => {
    // Bound to station PS-431003101 (town 101's households) while placed in town 102.
    const stationOfficer = police('town', '431003102', 'PS-431003101');
    const input = (childId: string) => ({ input: { childId, parent: 'FATHER', status: 'MISSING', since: '2026-03-01' } });
    const before = await statusCount();
    // A pending handover in town 101 has no household, so no station: not this officer's.
    const pending = await bed.run(RECORD, input('LB000000006'), stationOfficer);
    expect(pending.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await statusCount()).toBe(before);
    for (const childId of ['LB000000002', 'LB000000007']) {
      const result = await bed.run(RECORD, input(childId), stationOfficer);
      expect(result.errors, childId).toBeUndefined();
    }
    expect(await statusCount()).toBe(before + 2);
  });

  it('is refused by the action rule to another agency', async () => {
    const result = await bed.run(RECORD, { input: { childId: 'LB000000001', parent: 'FATHER', status: 'MISSING', since: '2026-01-01' } }, testPrincipal());
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'police-record-parent-status:agency' });
  });
});
