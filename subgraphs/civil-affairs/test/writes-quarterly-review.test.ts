import { useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { civilAffairs } from '../src/index.ts';
import { insertRegistryFixtures } from './fixtures.ts';
import { CALLERS } from './write-helpers.ts';

const bed = useSubgraphTestBed(civilAffairs, { fixtures: insertRegistryFixtures, principal: CALLERS.town });

const REVIEW = `mutation Review($input: RecordQuarterlyReviewInput!) {
  recordQuarterlyReview(input: $input) {
    quarterlyReview { id quarter reviewedOn stillLeftBehind outcome }
    child { id quarterlyReviews { edges { node { quarter } } } }
  }
}`;

const review = (overrides: Record<string, unknown> = {}) => ({ childId: 'LB000000001', quarter: '2026-Q3', reviewedOn: '2026-10-10', stillLeftBehind: true, outcome: 'NO_CHANGE', ...overrides });
const reviews = () => bed.count('quarterly_review');

describe('recordQuarterlyReview', () => {
  it('records the township review of a child and reads it back, with the audit entry', async () => {
    const before = await reviews();
    const result = await bed.run(REVIEW, { input: review() });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.recordQuarterlyReview;
    expect(payload.quarterlyReview).toMatchObject({ quarter: '2026-Q3', reviewedOn: '2026-10-10', stillLeftBehind: true, outcome: 'NO_CHANGE' });
    expect(payload.child.quarterlyReviews.edges.map((e: { node: { quarter: string } }) => e.node.quarter)).toEqual(['2026-Q3']);
    expect(await reviews()).toBe(before + 1);
    expect(result.extensions!.lbcWrites).toEqual([
      {
        record: 'QuarterlyReview',
        id: payload.quarterlyReview.id,
        childId: 'LB000000001',
        change: 'created',
        fields: ['quarter', 'reviewedOn', 'stillLeftBehind', 'outcome'],
        fromVersion: null,
        toVersion: null,
      },
    ]);
  });

  it('takes one review per child and quarter: a second is BAD_USER_INPUT on the quarter', async () => {
    const before = await reviews();
    const again = await bed.run(REVIEW, { input: review({ reviewedOn: '2026-11-01', outcome: 'UPDATED' }) });
    expect(again.data!.recordQuarterlyReview).toBeNull();
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.quarter' });
    // The same quarter of another child, and the next quarter of this one, are reviews of their own.
    expect((await bed.run(REVIEW, { input: review({ childId: 'LB000000002' }) })).errors).toBeUndefined();
    expect((await bed.run(REVIEW, { input: review({ quarter: '2026-Q4', reviewedOn: '2026-11-30' }) })).errors).toBeUndefined();
    expect(await reviews()).toBe(before + 2);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await reviews();
    for (const [input, field] of [
      [review({ quarter: '2026-Q5' }), 'input.quarter'],
      [review({ quarter: 'Q3 2026' }), 'input.quarter'],
      [review({ quarter: '2026-Q1', reviewedOn: '2999-01-01' }), 'input.reviewedOn'],
      // Before the quarter it reviews began.
      [review({ quarter: '2026-Q2', reviewedOn: '2026-03-31' }), 'input.reviewedOn'],
      [review({ quarter: '2026-Q2', outcome: 'EXITED', stillLeftBehind: true }), 'input.stillLeftBehind'],
      // The child was registered on 2023-03-01.
      [review({ quarter: '2022-Q4', reviewedOn: '2023-01-05' }), 'input.quarter'],
    ] as const) {
      const result = await bed.run(REVIEW, { input });
      expect(result.data!.recordQuarterlyReview, field).toBeNull();
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await reviews()).toBe(before);
  });

  it('reviews only children living in the jurisdiction', async () => {
    const before = await reviews();
    const elsewhere = await bed.run(REVIEW, { input: review({ childId: 'LB000000003', quarter: '2026-Q2', reviewedOn: '2026-07-01' }) });
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const otherTown = await bed.run(REVIEW, { input: review({ quarter: '2026-Q2', reviewedOn: '2026-07-01' }) }, { ...CALLERS.town, region: '431003102' });
    expect(otherTown.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(REVIEW, { input: review({ childId: 'LB404', quarter: '2026-Q2', reviewedOn: '2026-07-01' }) });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await reviews()).toBe(before);
  });

  it('is the township’s and the county’s: the village supervisor, a village committee and the city are refused', async () => {
    const before = await reviews();
    const input = review({ quarter: '2026-Q2', reviewedOn: '2026-07-01' });
    for (const caller of [CALLERS.village, CALLERS.villageCommittee, CALLERS.city]) {
      const result = await bed.run(REVIEW, { input }, caller);
      expect(result.data!.recordQuarterlyReview, caller.subject).toBeNull();
      expect(result.errors![0]!.extensions, caller.subject).toMatchObject({ code: 'FORBIDDEN', action: 'Mutation.recordQuarterlyReview', rule: 'township-reviews-each-quarter:level' });
    }
    expect((await bed.run(REVIEW, { input }, CALLERS.county)).errors).toBeUndefined();
    expect(await reviews()).toBe(before + 1);
  });
});
