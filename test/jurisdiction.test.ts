import { generateChild, IdNumberIssuer, loadPlaces, type SyntheticChild } from '@lbc/scripts/seed/world';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Jurisdiction through the whole hub: two counties seeded (Suxian 431003, Fushun
 * 210421); a Suxian officer lists, looks up and counts only Suxian, every agency
 * applying the rule to its own record of the child.
 */
const SCOPE = ['431003', '210421'];
let hub: Hub;
let world: SyntheticChild[];
let suxian: string;

beforeAll(async () => {
  hub = await startHub({ children: 120, scope: SCOPE });
  const places = await loadPlaces(SCOPE);
  const ids = new IdNumberIssuer();
  world = Array.from({ length: 120 }, (_, i) => generateChild(7, i, places, ids));
  suxian = await hub.token({ agency: 'civil_affairs', level: 'county', region: '431003' });
});
afterAll(() => hub?.stop());

describe('jurisdiction across the hub', () => {
  it('lists exactly the children living in the caller’s county, even when asked for more', async () => {
    const expected = world.filter((c) => c.countyCode === '431003').map((c) => c.id).sort();
    const { body } = await hub.query(suxian, `{ children(filter: { regionCode: "43" }, first: 500) { edges { node { id } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.children.edges.map((e: any) => e.node.id).sort()).toEqual(expected);
  });

  it('refuses another county’s child in every agency’s slice, with a reason, and leaks none of it', async () => {
    const other = world.find((c) => c.countyCode === '210421' && c.school && c.household)!;
    const { body } = await hub.query(suxian, `query($id: ID!) { child(id: $id) { name } }`, { id: other.id });
    expect(body.data).toEqual({ child: null });
    expect(body.errors![0]).toMatchObject({ path: ['child'], extensions: { code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' } });
    expect(JSON.stringify(body)).not.toContain(other.name);
  });

  it('gives counts for its own county and refuses the neighbour’s, agency by agency', async () => {
    const query = `query($code: DivisionCode!) { region(code: $code) { name registryStats { activeChildren } householdStats { registeredChildren } healthStats { withHealthRecord } } }`;
    const own = await hub.query(suxian, query, { code: '431003' });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.region.healthStats.withHealthRecord).toBe(world.filter((c) => c.countyCode === '431003').length);
    const neighbour = await hub.query(suxian, query, { code: '210421' });
    expect(neighbour.body.data.region).toBeNull();
    expect(neighbour.body.errors!.every((e: any) => e.extensions.code === 'FORBIDDEN')).toBe(true);
  });

  it('suppresses small counts for a city officer asking for statistics, not for the county officer', async () => {
    const village = world.find((c) => c.countyCode === '431003' && c.status === 'ACTIVE')!.villageCode;
    const active = world.filter((c) => c.villageCode === village && c.status === 'ACTIVE').length;
    expect(active).toBeGreaterThan(0);
    expect(active).toBeLessThan(5);
    const query = `query($code: DivisionCode!) { region(code: $code) { registryStats { activeChildren } } }`;
    const county = await hub.query(suxian, query, { code: village });
    expect(county.body.data.region.registryStats.activeChildren).toBe(active);
    const city = await hub.token({ agency: 'civil_affairs', level: 'city', region: '4310' });
    const statistics = await hub.query(city, query, { code: village }, { 'x-lbc-purpose': 'STATISTICS' });
    expect(statistics.body.data.region.registryStats.activeChildren).toBeNull();
  });
});
