import { useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { educationEnrollment } from '../src/index.ts';
import { insertEnrollmentFixtures } from './fixtures.ts';
import { SUXIAN_COUNTY, count, refusal } from './write-helpers.ts';

const bed = useSubgraphTestBed(educationEnrollment, { fixtures: insertEnrollmentFixtures, principal: SUXIAN_COUNTY });

const RETURN = `mutation Return($input: RecordReturnToSchoolInput!) { recordReturnToSchool(input: $input) { dropoutReport { id version status returnedOn } child { id dropoutStatus } } }`;

/** 杨小宇 (LB000000006): his REFERRED report, open since 2024-06-01, filed by 白露塘镇中心小学. */
const openReport = () => bed.database.db.selectFrom('dropout_report').selectAll().where('child_id', '=', 'LB000000006').where('status', '=', 'REFERRED').executeTakeFirstOrThrow();
const eventsOf = (childId: string) => bed.database.db.selectFrom('outbox').select(['kind', 'payload']).where('child_id', '=', childId).orderBy('seq').execute();

describe('recordReturnToSchool publishes dropout.returned', () => {
  it('publishes nothing when the return is refused', async () => {
    const report = await openReport();
    const before = await count(bed, 'outbox');
    for (const [input, code] of [
      [{ reportId: String(report.id), expectedVersion: report.version, returnedOn: '2024-05-31' }, 'BAD_USER_INPUT'],
      [{ reportId: String(report.id), expectedVersion: report.version + 1, returnedOn: '2026-06-01' }, 'CONFLICT'],
    ] as const) {
      const result = await bed.run(RETURN, { input });
      expect(refusal(result, 'recordReturnToSchool'), code).toMatchObject({ code });
    }
    expect(await count(bed, 'outbox')).toBe(before);
    expect(await eventsOf('LB000000006')).toEqual([]);
  });

  it('writes exactly one event with the return date, in the same write, and none again on a retry with the same key', async () => {
    const report = await openReport();
    const before = await count(bed, 'outbox');
    const input = { reportId: String(report.id), expectedVersion: report.version, returnedOn: '2026-06-01' };
    const first = await bed.run(RETURN, { input }, undefined, undefined, { idempotencyKey: 'return-1' });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordReturnToSchool).toMatchObject({ dropoutReport: { status: 'RETURNED', returnedOn: '2026-06-01' }, child: { id: 'LB000000006' } });
    const retry = await bed.run(RETURN, { input }, undefined, undefined, { idempotencyKey: 'return-1' });
    expect(retry.data).toEqual(first.data);
    expect(await eventsOf('LB000000006')).toEqual([{ kind: 'dropout.returned', payload: { returnedOn: '2026-06-01' } }]);
    expect(await count(bed, 'outbox')).toBe(before + 1);
  });
});
