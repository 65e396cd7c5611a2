import { ACTION_RULES, ADMIN_LEVELS, AGENCIES, decideAction } from '@lbc/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Every mutation × agency × level through the gateway, with the action rules as the
 * oracle: a refused action is 403 FORBIDDEN naming its rule, audited, and no subgraph is
 * asked to write; a permitted one reaches the subgraph, whose row rules then apply.
 */
const REGION = { province: '43', city: '4310', county: '431003', town: '431003101', village: '431003101001' } as const;
/** One call per mutation, with arguments that pass validation and name nothing that exists. */
const CALLS: Record<string, { query: string; variables: Record<string, unknown> }> = {
  'Mutation.acknowledgeAccessNotice': { query: 'mutation Ack($id: ID!) { acknowledgeAccessNotice(id: $id) { id } }', variables: { id: '999999' } },
};
let hub: Hub;

beforeAll(async () => {
  hub = await startHub({ children: 0 });
});
afterAll(() => hub?.stop());

describe('action rules through the gateway', () => {
  it('has a call for every mutation with a rule', () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(ACTION_RULES).sort());
  });

  for (const [action, call] of Object.entries(CALLS)) {
    it(`${action}: refused or let through exactly as its rule says, for every agency and level`, async () => {
      const seen = { deny: 0, allow: 0 };
      for (const agency of AGENCIES) {
        for (const level of ADMIN_LEVELS) {
          const principal = { agency, level, region: REGION[level] };
          const expected = decideAction({ principal: { ...principal, subject: 's', issuer: 'i', roles: [] }, purpose: 'CASE_MANAGEMENT' }, action);
          const response = await hub.query(await hub.token(principal), call.query, call.variables);
          const label = `${agency}/${level}`;
          seen[expected.effect === 'deny' ? 'deny' : 'allow']++;
          if (expected.effect === 'deny') {
            expect(response.status, label).toBe(403);
            expect(response.body.data, label).toBeUndefined();
            expect(response.body.errors![0].extensions, label).toMatchObject({ code: 'FORBIDDEN', action, rule: expected.rule });
            const entry = await hub.auditEntry(response.headers.get('x-request-id')!);
            expect(entry, label).toMatchObject({ outcome: 'rejected', errorCodes: ['FORBIDDEN'], fetches: [] });
          } else {
            expect(response.status, label).toBe(200);
            // Permitted, it reached the subgraph: the notice named does not exist there.
            expect(response.body.errors?.[0]?.extensions?.code, label).toBe('NOT_FOUND');
            expect(
              (await hub.auditEntry(response.headers.get('x-request-id')!)).fetches.map((f) => f.subgraph),
              label,
            ).toEqual(['audit']);
          }
        }
      }
      // Not vacuous: both answers were exercised.
      expect(seen.deny).toBeGreaterThan(0);
      expect(seen.allow).toBeGreaterThan(0);
    });
  }

  it('refuses an action for a purpose its rule does not name', async () => {
    const response = await hub.query(await hub.token({ agency: 'health' }), CALLS['Mutation.acknowledgeAccessNotice']!.query, { id: '1' }, { 'x-lbc-purpose': 'STATISTICS' });
    expect(response.status).toBe(403);
    expect(response.body.errors![0].extensions.rule).toBe('owner-agency-acknowledges-its-notices:purpose');
  });
});
