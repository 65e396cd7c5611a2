import { todayInChina } from '@lbc/subgraph-kit';
import { APPLY_EVENTS, identityIssued, testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { health } from '../src/index.ts';
import { ID, insertBoundaryCrossingChildren, insertHealthFixtures } from './fixtures.ts';

// Children (fixtures.ts): 1 王 and 2 李 live in Bailutang (Suxian) at its clinic; 3 in
// Fushun (Liaoning) at Shiwen's; 4 an infant with MenA dose 1 missing; 6 lives in another
// Suxian town at Bailutang's clinic; 7 lives in Bailutang with its record at Shiwen's.
const suxian = testPrincipal({ agency: 'health' });
const fushun = testPrincipal({ agency: 'health', region: '210421' });
const bailutangClinic = testPrincipal({ agency: 'health', level: 'town', region: '431003101', org: 'CL-431003101' });
const shiwenClinic = testPrincipal({ agency: 'health', level: 'town', region: '210421100', org: 'CL-210421100' });

const bed = useSubgraphTestBed(health, {
  fixtures: async (db) => {
    await insertHealthFixtures(db);
    await insertBoundaryCrossingChildren(db);
  },
  principal: suxian,
});

const GROWTH = `mutation Growth($input: RecordGrowthMeasurementInput!) {
  recordGrowthMeasurement(input: $input) { growthMeasurement { id measuredOn heightCm weightKg assessment } child { id latestGrowthAssessment } }
}`;
const IMMUNISATION = `mutation Immunisation($input: RecordImmunisationInput!) {
  recordImmunisation(input: $input) { immunisation { id vaccine dose givenOn } child { id immunisationComplete } }
}`;
const SCREENING = `mutation Screening($input: RecordMentalHealthScreeningInput!) {
  recordMentalHealthScreening(input: $input) { screening { id screenedOn instrument score risk notes } child { id hasSeriousCondition } }
}`;

const count = (table: string) => bed.count(table);

/** Runs `query` once per [input, field] and expects each refused as BAD_USER_INPUT naming that field, with nothing written to `table`. */
async function expectRefused(query: string, table: string, cases: readonly (readonly [Record<string, unknown>, string])[]) {
  const before = await count(table);
  for (const [input, field] of cases) {
    const result = await bed.run(query, { input });
    expect(Object.values(result.data!)[0], field).toBeNull();
    expect(result.errors![0]!.extensions, `${field} ${JSON.stringify(input)}`).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
  }
  expect(await count(table)).toBe(before);
}

describe('recordGrowthMeasurement', () => {
  it('records a measurement, reads it back in the payload, and moves the derived assessment', async () => {
    const before = await count('growth_measurement');
    const result = await bed.run(GROWTH, { input: { childId: 'LB000000002', measuredOn: '2025-08-01', heightCm: 124.3, weightKg: 23.4, assessment: 'NORMAL' } });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.recordGrowthMeasurement;
    expect(payload).toMatchObject({
      growthMeasurement: { measuredOn: '2025-08-01', heightCm: 124.3, weightKg: 23.4, assessment: 'NORMAL' },
      // Was STUNTED at the measurement before: the newest one decides.
      child: { id: 'LB000000002', latestGrowthAssessment: 'NORMAL' },
    });
    expect(await count('growth_measurement')).toBe(before + 1);
    // The audit hears which fields were set, never their values.
    expect(result.extensions!.lbcWrites).toEqual([
      {
        record: 'GrowthMeasurement',
        id: payload.growthMeasurement.id,
        childId: 'LB000000002',
        change: 'created',
        fields: ['measuredOn', 'heightCm', 'weightKg', 'assessment'],
        fromVersion: null,
        toVersion: null,
      },
    ]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const ok = { childId: 'LB000000002', measuredOn: '2025-09-01', heightCm: 125, weightKg: 24, assessment: 'NORMAL' };
    await expectRefused(GROWTH, 'growth_measurement', [
      [{ ...ok, measuredOn: '2999-01-01' }, 'input.measuredOn'],
      // Before the child's birth (2014-07-08): found inside the transaction, still nothing written.
      [{ ...ok, measuredOn: '2014-07-01' }, 'input.measuredOn'],
      [{ ...ok, heightCm: 1.25 }, 'input.heightCm'],
      [{ ...ok, heightCm: 250 }, 'input.heightCm'],
      [{ ...ok, heightCm: 125.25 }, 'input.heightCm'],
      [{ ...ok, weightKg: 0.2 }, 'input.weightKg'],
      [{ ...ok, weightKg: 480 }, 'input.weightKg'],
      [{ ...ok, weightKg: 24.05 }, 'input.weightKg'],
    ]);
  });

  it("writes by health's own places of the child, not by another agency's", async () => {
    const before = await count('growth_measurement');
    const input = { childId: 'LB000000003', measuredOn: '2025-08-01', heightCm: 130, weightKg: 27, assessment: 'NORMAL' };
    const elsewhere = await bed.run(GROWTH, { input });
    expect(elsewhere.data!.recordGrowthMeasurement).toBeNull();
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(GROWTH, { input: { ...input, childId: 'LB404' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    // Child 3's school moves into Suxian: Suxian's officer may now read its record, but it
    // still lives in Fushun and is Shiwen's patient, so health in Suxian does not write it.
    await bed.database.db.insertInto('child_place').values({ child_id: 'LB000000003', residence_code: '210421100201', school_code: '431003101202', clinic_id: 'CL-210421100' }).execute();
    const read = await bed.run(`{ _entities(representations: [{ __typename: "Child", id: "LB000000003" }]) { ... on Child { id } } }`);
    expect(read.data!._entities).toEqual([{ id: 'LB000000003' }]);
    const stillElsewhere = await bed.run(GROWTH, { input });
    expect(stillElsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('growth_measurement')).toBe(before);
    // Its own county writes it.
    const fushunResult = await bed.run(GROWTH, { input }, fushun);
    expect(fushunResult.errors).toBeUndefined();
    expect(await count('growth_measurement')).toBe(before + 1);
  });

  it("clinic staff write for their own clinic's patients wherever they live, and not for other clinics' outside their town", async () => {
    const before = await count('growth_measurement');
    const input = { measuredOn: '2025-10-01', heightCm: 140, weightKg: 32, assessment: 'NORMAL' };
    // Child 7 lives in Bailutang, outside Shiwen's town, but Shiwen keeps its record.
    const own = await bed.run(GROWTH, { input: { ...input, childId: 'LB000000007' } }, shiwenClinic);
    expect(own.errors).toBeUndefined();
    expect(own.data!.recordGrowthMeasurement.growthMeasurement).toMatchObject({ heightCm: 140, assessment: 'NORMAL' });
    // Child 6 lives in another Suxian town; Bailutang keeps its record.
    const alsoOwn = await bed.run(GROWTH, { input: { ...input, childId: 'LB000000006' } }, bailutangClinic);
    expect(alsoOwn.errors).toBeUndefined();
    const other = await bed.run(GROWTH, { input: { ...input, childId: 'LB000000001' } }, shiwenClinic);
    expect(other.data!.recordGrowthMeasurement).toBeNull();
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await count('growth_measurement')).toBe(before + 2);
  });
});

describe('recordImmunisation', () => {
  it('records a dose, reads it back, and the schedule counts it', async () => {
    const before = await count('immunisation');
    // Child 2 misses MMR dose 2.
    const result = await bed.run(IMMUNISATION, { input: { childId: 'LB000000002', vaccine: 'MMR', dose: 2, givenOn: '2025-03-01' } });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.recordImmunisation;
    expect(payload).toMatchObject({ immunisation: { vaccine: 'MMR', dose: 2, givenOn: '2025-03-01' }, child: { id: 'LB000000002', immunisationComplete: true } });
    expect(await count('immunisation')).toBe(before + 1);
    expect(result.extensions!.lbcWrites).toEqual([
      { record: 'Immunisation', id: payload.immunisation.id, childId: 'LB000000002', change: 'created', fields: ['vaccine', 'dose', 'givenOn'], fromVersion: null, toVersion: null },
    ]);
  });

  it("records a programme vaccine under the programme's code whatever its case", async () => {
    // The infant (child 4) misses MenA dose 1; clinic staff record it as "mena".
    const result = await bed.run(IMMUNISATION, { input: { childId: 'LB000000004', vaccine: 'mena', dose: 1, givenOn: todayInChina() } }, bailutangClinic);
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordImmunisation).toMatchObject({ immunisation: { vaccine: 'MenA', dose: 1 }, child: { immunisationComplete: true } });
  });

  it('refuses a dose recorded already, saying when it was given, and writes nothing', async () => {
    const before = await count('immunisation');
    for (const vaccine of ['MMR', 'mmr']) {
      const result = await bed.run(IMMUNISATION, { input: { childId: 'LB000000002', vaccine, dose: 1, givenOn: '2025-03-02' } });
      expect(result.data!.recordImmunisation).toBeNull();
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.dose' });
      // MMR dose 1 fell due at 8 months: 2015-03-08.
      expect(result.errors![0]!.message).toContain('dose 1 of MMR is recorded already (given on 2015-03-08)');
    }
    expect(await count('immunisation')).toBe(before);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const ok = { childId: 'LB000000002', vaccine: 'HPV', dose: 1, givenOn: '2025-04-01' };
    await expectRefused(IMMUNISATION, 'immunisation', [
      [{ ...ok, vaccine: 'M' }, 'input.vaccine'],
      [{ ...ok, vaccine: 'MMR 2' }, 'input.vaccine'],
      [{ ...ok, vaccine: '   ' }, 'input.vaccine'],
      [{ ...ok, vaccine: 'A'.repeat(17) }, 'input.vaccine'],
      [{ ...ok, dose: 0 }, 'input.dose'],
      [{ ...ok, dose: 10 }, 'input.dose'],
      [{ ...ok, givenOn: '2999-01-01' }, 'input.givenOn'],
      [{ ...ok, givenOn: '2014-01-01' }, 'input.givenOn'],
    ]);
  });

  it('writes only for records in the jurisdiction; clinic staff for their own patients', async () => {
    const before = await count('immunisation');
    const input = { childId: 'LB000000001', vaccine: 'HPV', dose: 1, givenOn: '2025-04-01' };
    const elsewhere = await bed.run(IMMUNISATION, { input }, fushun);
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = await bed.run(IMMUNISATION, { input: { ...input, childId: 'LB404' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const otherClinic = await bed.run(IMMUNISATION, { input: { ...input, childId: 'LB000000003' } }, bailutangClinic);
    expect(otherClinic.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('immunisation')).toBe(before);
    const own = await bed.run(IMMUNISATION, { input: { ...input, childId: 'LB000000006' } }, bailutangClinic);
    expect(own.errors).toBeUndefined();
    expect(await count('immunisation')).toBe(before + 1);
  });
});

describe('recordMentalHealthScreening', () => {
  it('records a screening, reads it back, and a HIGH risk makes a serious condition', async () => {
    const before = await count('mental_health_screening');
    // Child 1's latest screening was LOW: no serious condition until now.
    const input = { childId: 'LB000000001', screenedOn: '2025-06-01', instrument: 'SDQ', score: 21, risk: 'HIGH', notes: '失眠，想念外出务工的母亲' };
    const result = await bed.run(SCREENING, { input });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.recordMentalHealthScreening;
    expect(payload).toMatchObject({
      screening: { screenedOn: '2025-06-01', instrument: 'SDQ', score: 21, risk: 'HIGH', notes: '失眠，想念外出务工的母亲' },
      child: { id: 'LB000000001', hasSeriousCondition: true },
    });
    expect(await count('mental_health_screening')).toBe(before + 1);
    expect(result.extensions!.lbcWrites).toEqual([
      {
        record: 'MentalHealthScreening',
        id: payload.screening.id,
        childId: 'LB000000001',
        change: 'created',
        fields: ['screenedOn', 'instrument', 'score', 'risk', 'notes'],
        fromVersion: null,
        toVersion: null,
      },
    ]);
  });

  it("refuses a score outside the instrument's scale and other bad input, naming the field, and writes nothing", async () => {
    const ok = { childId: 'LB000000002', screenedOn: '2025-06-01', instrument: 'SDQ', score: 10, risk: 'LOW' };
    await expectRefused(SCREENING, 'mental_health_screening', [
      [{ ...ok, score: 41 }, 'input.score'],
      [{ ...ok, instrument: 'CDI', score: 55 }, 'input.score'],
      [{ ...ok, score: -1 }, 'input.score'],
      [{ ...ok, notes: '  ' }, 'input.notes'],
      [{ ...ok, notes: '很'.repeat(2001) }, 'input.notes'],
      [{ ...ok, screenedOn: '2999-01-01' }, 'input.screenedOn'],
      [{ ...ok, screenedOn: '2014-07-07' }, 'input.screenedOn'],
    ]);
    // The top of each scale is a score.
    const top = await bed.run(SCREENING, { input: { ...ok, instrument: 'CDI', score: 54, risk: 'HIGH' } });
    expect(top.errors).toBeUndefined();
  });

  it('writes only for records in the jurisdiction; clinic staff for their own patients', async () => {
    const before = await count('mental_health_screening');
    const input = { childId: 'LB000000003', screenedOn: '2025-06-01', instrument: 'CDI', score: 12, risk: 'LOW' };
    const elsewhere = await bed.run(SCREENING, { input }, bailutangClinic);
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = await bed.run(SCREENING, { input: { ...input, childId: 'LB404' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await count('mental_health_screening')).toBe(before);
    const own = await bed.run(SCREENING, { input }, shiwenClinic);
    expect(own.errors).toBeUndefined();
    expect(own.data!.recordMentalHealthScreening.screening).toMatchObject({ instrument: 'CDI', score: 12, risk: 'LOW', notes: null });
    expect(await count('mental_health_screening')).toBe(before + 1);
  });
});

describe('who may record, and what they read back', () => {
  it('health officers and clinic staff read the restricted records they wrote, under either recording purpose', async () => {
    const input = { childId: 'LB000000006', screenedOn: '2025-07-01', instrument: 'SDQ', score: 15, risk: 'MEDIUM', notes: '复筛' };
    for (const [principal, purpose] of [
      [suxian, 'ASSESSMENT'],
      [bailutangClinic, 'CASE_MANAGEMENT'],
      [bailutangClinic, 'ASSESSMENT'],
    ] as const) {
      const result = await bed.run(SCREENING, { input }, principal, purpose);
      expect(result.errors, `${principal.level} ${purpose}`).toBeUndefined();
      expect(result.data!.recordMentalHealthScreening.screening).toMatchObject({ score: 15, risk: 'MEDIUM', notes: '复筛' });
    }
  });

  it('refuses callers the action rule does not name, and writes nothing', async () => {
    const before = await count('growth_measurement');
    const input = { childId: 'LB000000001', measuredOn: '2025-11-01', heightCm: 150, weightKg: 40, assessment: 'NORMAL' };
    const refusals = [
      [testPrincipal({ agency: 'health', level: 'village', region: '431003101201' }), 'CASE_MANAGEMENT', { code: 'FORBIDDEN', rule: 'clinics-record-growth:level' }],
      [testPrincipal({ agency: 'civil_affairs' }), 'CASE_MANAGEMENT', { code: 'FORBIDDEN', rule: 'clinics-record-growth:agency' }],
      [suxian, 'SUPERVISION', { code: 'FORBIDDEN', rule: 'clinics-record-growth:purpose' }],
      [testPrincipal({ agency: 'health', level: 'city', region: '4310' }), 'SUPERVISION', { code: 'FORBIDDEN', rule: 'clinics-record-growth:level' }],
      // The action rule is asked first, as at the gateway: a city officer is refused by its level whatever the purpose.
      [testPrincipal({ agency: 'health', level: 'city', region: '4310' }), 'CASE_MANAGEMENT', { code: 'FORBIDDEN', rule: 'clinics-record-growth:level' }],
      [suxian, 'STATISTICS', { code: 'FORBIDDEN', rule: 'clinics-record-growth:purpose' }],
    ] as const;
    for (const [principal, purpose, error] of refusals) {
      const result = await bed.run(GROWTH, { input }, principal, purpose);
      expect(result.data!.recordGrowthMeasurement, `${principal.agency} ${principal.level} ${purpose}`).toBeNull();
      expect(result.errors![0]!.extensions, `${principal.agency} ${principal.level} ${purpose}`).toMatchObject(error);
    }
    expect(await count('growth_measurement')).toBe(before);
  });
});

describe('idempotency', () => {
  it('answers a retry with the same Idempotency-Key from the first write, and refuses the key for another request', async () => {
    const input = { childId: 'LB000000002', vaccine: 'HPV', dose: 2, givenOn: '2025-05-01' };
    const before = await count('immunisation');
    const first = await bed.run(IMMUNISATION, { input }, undefined, undefined, { idempotencyKey: 'dose-1' });
    expect(first.errors).toBeUndefined();
    // A retry is answered with the first result, not refused as a dose recorded twice.
    const again = await bed.run(IMMUNISATION, { input }, undefined, undefined, { idempotencyKey: 'dose-1' });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(await count('immunisation')).toBe(before + 1);
    const other = await bed.run(IMMUNISATION, { input: { ...input, dose: 3 } }, undefined, undefined, { idempotencyKey: 'dose-1' });
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await count('immunisation')).toBe(before + 1);
  });

  it('forgets a key whose write was refused: nothing was committed under it', async () => {
    const requests = await count('write_request');
    const refused = await bed.run(GROWTH, { input: { childId: 'LB000000003', measuredOn: '2025-08-02', heightCm: 130, weightKg: 27, assessment: 'NORMAL' } }, undefined, undefined, {
      idempotencyKey: 'growth-1',
    });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('write_request')).toBe(requests);
  });
});

describe('identity.issued from the police', () => {
  // Fixed ids: a redelivery is the same event again.
  const issued = (n: number, childId: string, idNumber: string) => identityIssued(childId, idNumber, n, `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
  const apply = bed.deliver;
  const idNumbers = async () => Object.fromEntries((await bed.database.db.selectFrom('patient').select(['child_id', 'id_number']).orderBy('child_id').execute()).map((r) => [r.child_id, r.id_number]));
  const N6 = '431003201505010038';
  const N7 = '431003201309100044';
  const N3 = '210421201601200053';

  it('sets the ID number of records without one, keeps the ones that have one, and changes nothing on redelivery', async () => {
    const events = [issued(1, 'LB000000006', N6), issued(2, 'LB000000001', N7), issued(3, 'LB404', N3)];
    const first = await apply(events);
    expect(first.errors).toBeUndefined();
    expect(first.data!._applyEvents).toEqual({ applied: 3, duplicates: 0 });
    const after = await idNumbers();
    expect(after).toMatchObject({ LB000000006: N6, LB000000001: ID.wang });
    // The clinic now finds the child by it.
    const found = await bed.run(`query($n: IdNumber!) { healthRecordByIdNumber(idNumber: $n) { number child { id } } }`, { n: N6 });
    expect(found.data!.healthRecordByIdNumber).toEqual({ number: 'HR431003101000000006', child: { id: 'LB000000006' } });

    const redelivered = await apply(events);
    expect(redelivered.data!._applyEvents).toEqual({ applied: 0, duplicates: 3 });
    expect(await idNumbers()).toEqual(after);
    // A later event for a child that has a number now changes nothing either.
    const later = await apply([issued(4, 'LB000000006', '431003201505010118')]);
    expect(later.data!._applyEvents).toEqual({ applied: 1, duplicates: 0 });
    expect(await idNumbers()).toEqual(after);
  });

  it('never gives one number to two records, and does not refuse the delivery for it', async () => {
    const before = await idNumbers();
    // Child 7 is issued child 2's number; children 3 and 5 one number in the same batch.
    const result = await apply([issued(10, 'LB000000007', ID.li), issued(11, 'LB000000003', N3), issued(12, 'LB000000005', N3)]);
    expect(result.errors).toBeUndefined();
    expect(result.data!._applyEvents).toEqual({ applied: 3, duplicates: 0 });
    expect(await idNumbers()).toEqual(before);
    // Once the police settle it, the right child takes it.
    await apply([issued(13, 'LB000000003', N3)]);
    expect((await idNumbers()).LB000000003).toBe(N3);
  });

  it('applies a batch of any size in the same number of statements', async () => {
    bed.database.statements.reset();
    await apply([issued(20, 'LB000000007', N7)]);
    const one = bed.database.statements.count;
    bed.database.statements.reset();
    await apply([issued(21, 'LB000000005', '431003201309100204'), issued(22, 'LB000000004', '431003202005010036'), issued(23, 'LB000000002', N7), issued(24, 'LB405', N6)]);
    expect(bed.database.statements.count).toBe(one);
    expect(await idNumbers()).toMatchObject({ LB000000007: N7, LB000000005: '431003201309100204', LB000000004: '431003202005010036', LB000000002: ID.li });
  });

  it('takes deliveries only from the exchange', async () => {
    const inbox = await count('inbox');
    const result = await bed.run(APPLY_EVENTS, { events: [issued(30, 'LB000000005', N6)] });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('inbox')).toBe(inbox);
  });
});
