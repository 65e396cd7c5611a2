import { APPLY_EVENTS, deliveredEvent, testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { policeHousehold } from '../src/index.ts';
import { HOUSEHOLD } from './fixtures.ts';
import { insertWriteFixtures } from './write-fixtures.ts';

const bed = useSubgraphTestBed(policeHousehold, { fixtures: insertWriteFixtures, principal: testPrincipal({ agency: 'police' }) });

/** The hub's hand-over of `childId` as unregistered, as the exchange delivers it. */
const handedOver = (childId: string, villageCode: string, reportedOn: string, seq: number, eventId?: string) =>
  deliveredEvent('civil_affairs', childId, 'handoff.unregistered', { villageCode, reportedOn, handoffId: `HO${String(seq).padStart(9, '0')}` }, seq, eventId);

const handovers = () => bed.database.db.selectFrom('unregistered_child').selectAll().orderBy('child_id').execute();
const handoverOf = (childId: string) => bed.database.db.selectFrom('unregistered_child').selectAll().where('child_id', '=', childId).executeTakeFirst();

const PENDING_IN_TOWN = `query($region: DivisionCode!) {
  unregisteredChildren(regionCode: $region, first: 50) {
    edges { node { id householdRegistrationStatus unregisteredRegistration { village { code } reportedOn status version } } }
  }
}`;
const REGISTER = `mutation Register($input: RegisterUnregisteredChildInput!) {
  registerUnregisteredChild(input: $input) { registration { status version } child { id idNumber householdRegistrationStatus } }
}`;

describe('handoff.unregistered from the hub', () => {
  it('lists a handed-over child as a pending handover, in one statement for the whole delivery', async () => {
    bed.database.statements.reset();
    const one = await bed.deliver([handedOver('LB000000040', '431003101203', '2026-01-05', 1)]);
    const oneEvent = bed.database.statements.count;
    expect(one.errors).toBeUndefined();
    expect(one.data!._applyEvents).toEqual({ applied: 1, duplicates: 0 });
    bed.database.statements.reset();
    const three = await bed.deliver([
      handedOver('LB000000041', '431003101203', '2026-01-06', 2),
      handedOver('LB000000042', '431003102203', '2026-01-07', 3),
      // The same child twice in one delivery: the first counts.
      handedOver('LB000000041', '431003101201', '2026-01-08', 4),
    ]);
    expect(bed.database.statements.count).toBe(oneEvent);
    expect(three.data!._applyEvents).toEqual({ applied: 3, duplicates: 0 });
    expect(await handoverOf('LB000000040')).toMatchObject({ village_code: '431003101203', reported_by: 'civil_affairs', reported_on: '2026-01-05', status: 'PENDING', version: 1 });
    expect(await handoverOf('LB000000041')).toMatchObject({ village_code: '431003101203', reported_on: '2026-01-06', status: 'PENDING' });

    const listed = await bed.run(PENDING_IN_TOWN, { region: '431003101203' });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.unregisteredChildren.edges.map((e: any) => e.node)).toEqual([
      {
        id: 'LB000000040',
        householdRegistrationStatus: 'UNREGISTERED_PENDING',
        unregisteredRegistration: { village: { code: '431003101203' }, reportedOn: '2026-01-05', status: 'PENDING', version: 1 },
      },
      {
        id: 'LB000000041',
        householdRegistrationStatus: 'UNREGISTERED_PENDING',
        unregisteredRegistration: { village: { code: '431003101203' }, reportedOn: '2026-01-06', status: 'PENDING', version: 1 },
      },
    ]);
  });

  it('changes nothing on a redelivery, nor for a child known here already, pending, registered or a resident', async () => {
    const event = handedOver('LB000000043', '431003101202', '2026-02-01', 10);
    expect((await bed.deliver([event])).data!._applyEvents).toEqual({ applied: 1, duplicates: 0 });
    const before = await handovers();
    const residents = await bed.count('resident');

    const redelivered = await bed.deliver([event]);
    expect(redelivered.data!._applyEvents).toEqual({ applied: 0, duplicates: 1 });
    const known = await bed.deliver([
      // Republished under a new id, with another village.
      handedOver('LB000000043', '431003101201', '2026-02-02', 11),
      // Pending since the fixtures; registered after a handover (李小军); a resident never handed over (王小明).
      handedOver('LB000000005', '431003101201', '2026-02-02', 12),
      handedOver('LB000000004', '431003101201', '2026-02-02', 13),
      handedOver('LB000000001', '431003101201', '2026-02-02', 14),
    ]);
    expect(known.errors).toBeUndefined();
    expect(known.data!._applyEvents).toEqual({ applied: 4, duplicates: 0 });
    expect(await handovers()).toEqual(before);
    expect(await bed.count('resident')).toBe(residents);
    // 王小明 stays a registered child, not also a pending one.
    const wang = await bed.run(
      `query { _entities(representations: [{ __typename: "Child", id: "LB000000001" }]) { ... on Child { householdRegistrationStatus unregisteredRegistration { status } } } }`,
    );
    expect(wang.data!._entities[0]).toEqual({ householdRegistrationStatus: 'REGISTERED', unregisteredRegistration: null });
  });

  it('gives the police a handover they can register', async () => {
    await bed.deliver([handedOver('LB000000044', '431003101202', '2026-02-10', 20)]);
    const result = await bed.run(
      REGISTER,
      { input: { childId: 'LB000000044', expectedVersion: 1, birthDate: '2020-05-06', sex: 'MALE', householdNumber: HOUSEHOLD.li, relationshipToHead: 'SON' } },
      undefined,
      'HOUSEHOLD_REGISTRATION',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerUnregisteredChild).toMatchObject({
      registration: { status: 'REGISTERED', version: 2 },
      child: { id: 'LB000000044', idNumber: expect.stringMatching(/^43100320200506\d{3}[\dX]$/), householdRegistrationStatus: 'REGISTERED_AFTER_REPORT' },
    });
    // A later redelivery of the hand-over under a new id leaves the registration alone.
    await bed.deliver([handedOver('LB000000044', '431003101202', '2026-02-10', 21)]);
    expect(await handoverOf('LB000000044')).toMatchObject({ status: 'REGISTERED', version: 2 });
  });

  it('is applied only when the exchange delivers it', async () => {
    const before = await handovers();
    const caller = await bed.run(APPLY_EVENTS, { events: [handedOver('LB000000045', '431003101202', '2026-02-10', 30)] });
    expect(caller.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await handovers()).toEqual(before);
  });
});
