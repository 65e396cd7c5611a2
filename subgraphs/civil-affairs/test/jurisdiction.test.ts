import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { civilAffairs } from '../src/index.ts';
import { ID, insertRegistryFixtures } from './fixtures.ts';

/**
 * The registry's row rule: a child is the caller's when its residence village lies under
 * the caller's region. Fixtures: LB…1 in 白露塘村 and LB…2 in 塘溪村 (both 白露塘镇,
 * Suxian 431003), LB…3 in Fushun county 210421.
 */
const bed = useSubgraphTestBed(civilAffairs, { fixtures: insertRegistryFixtures });
const county = testPrincipal({ level: 'county', region: '431003' });
const village = testPrincipal({ level: 'village', region: '431003101201' });
const fushun = testPrincipal({ level: 'county', region: '210421' });
const auditor = testPrincipal({ agency: 'audit', level: 'county', region: '431003' });
const list = `query($code: DivisionCode) { children(filter: { regionCode: $code }) { edges { node { id } } } }`;
const ids = (result: any) => result.data.children.edges.map((e: any) => e.node.id);

describe('civil-affairs jurisdiction', () => {
  it('lists only the children under the caller’s region, narrowing a wider request and refusing a disjoint one', async () => {
    expect(ids(await bed.run(list, {}, county))).toEqual(['LB000000001', 'LB000000002']);
    expect(ids(await bed.run(list, {}, village))).toEqual(['LB000000001']);
    // A village supervisor asking for the whole county gets the village.
    expect(ids(await bed.run(list, { code: '431003' }, village))).toEqual(['LB000000001']);
    const disjoint = await bed.run(list, { code: '431003101202' }, village);
    expect(disjoint.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(ids(await bed.run(list, {}, fushun))).toEqual(['LB000000003']);
  });

  it('refuses a lookup outside the jurisdiction with a reason, and never echoes an ID number', async () => {
    const byId = await bed.run(`{ child(id: "LB000000002") { name } }`, {}, village);
    expect(byId.data).toEqual({ child: null });
    expect(byId.errors![0]!.message).toBe('child LB000000002 is outside your jurisdiction');
    const byNumber = await bed.run(`query($n: IdNumber!) { childByIdNumber(idNumber: $n) { name } }`, { n: ID.li }, fushun);
    expect(byNumber.data).toEqual({ childByIdNumber: null });
    expect(byNumber.errors![0]!.message).toBe('child with that ID number is outside your jurisdiction');
    expect(JSON.stringify(byNumber)).not.toContain(ID.li);
    // Unknown stays a plain null: no error, nothing to refuse.
    expect(await bed.run(`{ child(id: "LB999999999") { name } }`, {}, village)).toEqual({ data: { child: null } });
  });

  it('gives counts for regions inside the jurisdiction only', async () => {
    const stats = (code: string) => `{ region(code: "${code}") { registryStats { activeChildren } } }`;
    expect((await bed.run(stats('431003101'), {}, county)).data).toEqual({ region: { registryStats: { activeChildren: 2 } } });
    for (const code of ['4310', '210421']) {
      const refused = await bed.run(stats(code), {}, county);
      expect(refused.data).toEqual({ region: null });
      expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
  });

  it('suppresses counts from 1 to 4 for callers without record access, and only for them', async () => {
    const query = `{ region(code: "431003") { registryStats { activeChildren bothParentsAway guardianMissing } } }`;
    const exact = { activeChildren: 2, bothParentsAway: 1, guardianMissing: 0 };
    const suppressed = { activeChildren: null, bothParentsAway: null, guardianMissing: 0 };
    expect((await bed.run(query, {}, county)).data!.region.registryStats).toEqual(exact);
    expect((await bed.run(query, {}, county, 'STATISTICS')).data!.region.registryStats).toEqual(suppressed);
    const city = testPrincipal({ level: 'city', region: '4310' });
    expect((await bed.run(query, {}, city, 'CASE_MANAGEMENT')).data!.region.registryStats).toEqual(suppressed);
    expect((await bed.run(query, {}, city, 'SUPERVISION')).data!.region.registryStats).toEqual(exact);
  });

  it('shows auditors no child at all: the field rule refuses them before any row is read', async () => {
    for (const query of [list, `{ child(id: "LB000000001") { name } }`]) {
      const result = await bed.run(query, {}, auditor);
      expect(JSON.stringify(result.data)).not.toContain('LB0');
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', rule: 'auditors-read-no-child-data' });
    }
  });
});
