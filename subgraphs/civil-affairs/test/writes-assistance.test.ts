import { useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { civilAffairs } from '../src/index.ts';
import { insertRegistryFixtures } from './fixtures.ts';
import { CALLERS } from './write-helpers.ts';

const bed = useSubgraphTestBed(civilAffairs, { fixtures: insertRegistryFixtures, principal: CALLERS.county });

const ASSISTANCE_FIELDS = 'assistance { id version kind status amountYuan startedOn endedOn } child { id }';
const APPLY = `mutation Apply($input: ApplyForAssistanceInput!) { applyForAssistance(input: $input) { ${ASSISTANCE_FIELDS} } }`;
const DECIDE = `mutation Decide($input: DecideAssistanceInput!) { decideAssistance(input: $input) { ${ASSISTANCE_FIELDS} } }`;

const applications = () => bed.count('assistance');
const assistanceRow = (id: string) => bed.database.db.selectFrom('assistance').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();

/**
 * An APPLIED application of `kind` for the child, straight into the database so that each
 * decision test starts from its own: any open one of the kind is ended first (one may be open).
 */
async function freshApplication(childId: string, kind: 'MINIMUM_LIVING_ALLOWANCE' | 'TEMPORARY_AID' | 'MEDICAL_AID', appliedOn = '2026-11-02'): Promise<string> {
  const db = bed.database.db;
  await db.updateTable('assistance').set({ status: 'ENDED', ended_on: appliedOn }).where('child_id', '=', childId).where('kind', '=', kind).where('status', 'in', ['APPLIED', 'GRANTED']).execute();
  const { id } = await db
    .insertInto('assistance')
    .values({ child_id: childId, kind, status: 'APPLIED', amount_yuan: null, started_on: appliedOn, ended_on: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(id);
}

describe('applyForAssistance', () => {
  it('files an application, status APPLIED from the day applied, and reads it back', async () => {
    const before = await applications();
    const result = await bed.run(APPLY, { input: { childId: 'LB000000001', kind: 'TEMPORARY_AID', appliedOn: '2026-11-01' } }, CALLERS.town);
    expect(result.errors).toBeUndefined();
    const { assistance } = result.data!.applyForAssistance;
    expect(result.data!.applyForAssistance).toMatchObject({
      assistance: { version: 1, kind: 'TEMPORARY_AID', status: 'APPLIED', amountYuan: null, startedOn: '2026-11-01', endedOn: null },
      child: { id: 'LB000000001' },
    });
    expect(await applications()).toBe(before + 1);
    expect(result.extensions!.lbcWrites).toEqual([
      { record: 'Assistance', id: assistance.id, childId: 'LB000000001', change: 'created', fields: ['kind', 'status', 'startedOn'], fromVersion: null, toVersion: 1 },
    ]);
  });

  it('refuses a second open application of the same kind, and bad input, naming the field and writing nothing', async () => {
    const before = await applications();
    for (const [input, field] of [
      // Applied for above, not decided yet.
      [{ childId: 'LB000000001', kind: 'TEMPORARY_AID', appliedOn: '2026-11-05' }, 'input.kind'],
      // Granted in the fixtures, still running.
      [{ childId: 'LB000000002', kind: 'MINIMUM_LIVING_ALLOWANCE', appliedOn: '2026-11-05' }, 'input.kind'],
      [{ childId: 'LB000000001', kind: 'MEDICAL_AID', appliedOn: '2999-01-01' }, 'input.appliedOn'],
      // Before the child was born (2012-03-15).
      [{ childId: 'LB000000001', kind: 'MEDICAL_AID', appliedOn: '2011-01-01' }, 'input.appliedOn'],
    ] as const) {
      const result = await bed.run(APPLY, { input });
      expect(result.data!.applyForAssistance, field).toBeNull();
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await applications()).toBe(before);
  });

  it('applies only for children living in the jurisdiction; a village committee is refused by the action rule', async () => {
    const before = await applications();
    const elsewhere = await bed.run(APPLY, { input: { childId: 'LB000000003', kind: 'MEDICAL_AID', appliedOn: '2026-11-01' } });
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(APPLY, { input: { childId: 'LB404', kind: 'MEDICAL_AID', appliedOn: '2026-11-01' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    // Its own village's child, but civil affairs leaves assistance to its officers.
    const committee = await bed.run(APPLY, { input: { childId: 'LB000000001', kind: 'MEDICAL_AID', appliedOn: '2026-11-01' } }, CALLERS.villageCommittee);
    expect(committee.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'civil-affairs-applies-for-assistance:org-kind' });
    expect(await applications()).toBe(before);
  });

  it('answers a retry with the same Idempotency-Key from the first write, and refuses the key for another request', async () => {
    const input = { childId: 'LB000000002', kind: 'MEDICAL_AID', appliedOn: '2026-11-03' };
    const before = await applications();
    const first = await bed.run(APPLY, { input }, undefined, undefined, { idempotencyKey: 'apply-1' });
    expect(first.errors).toBeUndefined();
    const again = await bed.run(APPLY, { input }, undefined, undefined, { idempotencyKey: 'apply-1' });
    expect(again.data).toEqual(first.data);
    expect(await applications()).toBe(before + 1);
    const other = await bed.run(APPLY, { input: { ...input, kind: 'TEMPORARY_AID' } }, undefined, undefined, { idempotencyKey: 'apply-1' });
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await applications()).toBe(before + 1);
  });
});

describe('decideAssistance', () => {
  it('grants an application with its amount, at the version read', async () => {
    const id = await freshApplication('LB000000001', 'MEDICAL_AID');
    const result = await bed.run(DECIDE, { input: { assistanceId: id, expectedVersion: 1, decision: 'GRANTED', amountYuan: 1200.5, decidedOn: '2026-11-10' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.decideAssistance).toMatchObject({
      assistance: { id, version: 2, kind: 'MEDICAL_AID', status: 'GRANTED', amountYuan: 1200.5, startedOn: '2026-11-02', endedOn: null },
      child: { id: 'LB000000001' },
    });
    expect(await assistanceRow(id)).toMatchObject({ status: 'GRANTED', amount_yuan: 1200.5, version: 2, ended_on: null });
    expect(result.extensions!.lbcWrites).toEqual([{ record: 'Assistance', id, childId: 'LB000000001', change: 'updated', fields: ['status', 'amountYuan'], fromVersion: 1, toVersion: 2 }]);
  });

  it('rejects an application, ending it on the day decided; the child may apply again', async () => {
    const id = await freshApplication('LB000000002', 'TEMPORARY_AID');
    const result = await bed.run(DECIDE, { input: { assistanceId: id, expectedVersion: 1, decision: 'REJECTED', decidedOn: '2026-11-12' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.decideAssistance.assistance).toMatchObject({ version: 2, status: 'REJECTED', amountYuan: null, endedOn: '2026-11-12' });
    expect(await assistanceRow(id)).toMatchObject({ status: 'REJECTED', ended_on: '2026-11-12', version: 2 });
    const again = await bed.run(APPLY, { input: { childId: 'LB000000002', kind: 'TEMPORARY_AID', appliedOn: '2026-11-20' } });
    expect(again.errors).toBeUndefined();
  });

  it('refuses a stale version with CONFLICT, and a second decision at the current one, writing nothing', async () => {
    const id = await freshApplication('LB000000001', 'TEMPORARY_AID');
    const granted = await bed.run(DECIDE, { input: { assistanceId: id, expectedVersion: 1, decision: 'GRANTED', amountYuan: 800, decidedOn: '2026-11-20' } });
    expect(granted.errors).toBeUndefined();
    const stale = await bed.run(DECIDE, { input: { assistanceId: id, expectedVersion: 1, decision: 'REJECTED', decidedOn: '2026-11-21' } });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const twice = await bed.run(DECIDE, { input: { assistanceId: id, expectedVersion: 2, decision: 'REJECTED', decidedOn: '2026-11-21' } });
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.decision' });
    expect(await assistanceRow(id)).toMatchObject({ status: 'GRANTED', amount_yuan: 800, version: 2, ended_on: null });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const id = await freshApplication('LB000000002', 'MEDICAL_AID', '2026-11-05');
    const before = await assistanceRow(id);
    const decide = (overrides: Record<string, unknown>) => ({ assistanceId: id, expectedVersion: before.version, decision: 'GRANTED', amountYuan: 300, decidedOn: '2026-11-25', ...overrides });
    for (const [input, field] of [
      [decide({ assistanceId: 'abc' }), 'input.assistanceId'],
      [decide({ expectedVersion: 0 }), 'input.expectedVersion'],
      [decide({ amountYuan: null }), 'input.amountYuan'],
      [decide({ amountYuan: 0 }), 'input.amountYuan'],
      [decide({ amountYuan: -5 }), 'input.amountYuan'],
      [decide({ amountYuan: 10.005 }), 'input.amountYuan'],
      [decide({ decision: 'REJECTED', amountYuan: 300 }), 'input.amountYuan'],
      [decide({ decidedOn: '2999-01-01' }), 'input.decidedOn'],
      // Before the application was filed.
      [decide({ decidedOn: '2026-10-01' }), 'input.decidedOn'],
    ] as const) {
      const result = await bed.run(DECIDE, { input });
      expect(result.data!.decideAssistance, field).toBeNull();
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await assistanceRow(id)).toEqual(before);
  });

  it('is the county’s, for children living in its jurisdiction', async () => {
    const id = await freshApplication('LB000000001', 'MINIMUM_LIVING_ALLOWANCE');
    const input = { assistanceId: id, expectedVersion: 1, decision: 'GRANTED', amountYuan: 450, decidedOn: '2026-11-20' };
    const town = await bed.run(DECIDE, { input }, CALLERS.town);
    expect(town.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'county-decides-assistance:level' });
    const otherCounty = await bed.run(DECIDE, { input }, CALLERS.otherCounty);
    expect(otherCounty.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(DECIDE, { input: { ...input, assistanceId: '999999' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await assistanceRow(id)).toMatchObject({ status: 'APPLIED', version: 1 });
  });
});
