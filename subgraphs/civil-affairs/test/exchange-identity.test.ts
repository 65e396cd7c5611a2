import { idNumberCheckChar } from '@lbc/schema';
import { APPLY_EVENTS, identityIssued, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { civilAffairs } from '../src/index.ts';
import { ID, insertRegistryFixtures } from './fixtures.ts';

const bed = useSubgraphTestBed(civilAffairs, { fixtures: insertRegistryFixtures });

const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
/** Issued by the police to LB000000003, registered without household registration (born 2016-01-20 in Fushun). */
const ISSUED = idNumber('21042120160120001');

const issued = identityIssued;

const idNumbers = async () => Object.fromEntries((await bed.database.db.selectFrom('child').select(['id', 'id_number']).orderBy('id').execute()).map((c) => [c.id, c.id_number]));

describe('identity.issued from the exchange', () => {
  it('gives a child without an ID number the one the police issued, once, and never overwrites one the registry holds', async () => {
    const events = [
      issued('LB000000003', ISSUED, 1),
      // LB000000001 has a number already: an event does not replace it.
      issued('LB000000001', idNumber('43100320120315003'), 2),
      // A child the registry does not know: nothing to apply it to.
      issued('LB404', idNumber('43100320150101002'), 3),
    ];
    const first = await bed.deliver(events);
    expect(first.errors).toBeUndefined();
    expect(first.data!._applyEvents).toEqual({ applied: 3, duplicates: 0 });
    expect(await idNumbers()).toEqual({ LB000000001: ID.wang, LB000000002: ID.li, LB000000003: ISSUED });

    const inbox = await bed.count('inbox');
    // The exchange delivers again (it did not see the answer): the same event ids change nothing.
    await bed.database.db.updateTable('child').set({ id_number: null }).where('id', '=', 'LB000000003').execute();
    const again = await bed.deliver(events);
    expect(again.data!._applyEvents).toEqual({ applied: 0, duplicates: 3 });
    expect((await idNumbers()).LB000000003).toBeNull();
    expect(await bed.count('inbox')).toBe(inbox);
  });

  it('leaves out a number another child holds instead of failing the delivery', async () => {
    // LB000000003 has none (see above); the number is LB000000001's: a duplicate file, for people to resolve.
    const result = await bed.deliver([issued('LB000000003', ID.wang, 4)]);
    expect(result.data!._applyEvents).toEqual({ applied: 1, duplicates: 0 });
    expect(await idNumbers()).toEqual({ LB000000001: ID.wang, LB000000002: ID.li, LB000000003: null });
  });

  it('takes deliveries only from the exchange', async () => {
    const inbox = await bed.count('inbox');
    const caller = await bed.run(APPLY_EVENTS, { events: [issued('LB000000003', ISSUED, 5)] });
    expect(caller.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect([await bed.count('inbox'), (await idNumbers()).LB000000003]).toEqual([inbox, null]);
  });
});
