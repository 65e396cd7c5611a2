import { discoveryFor, QUALITY_RULES, UNREGISTERED_PENDING_DAYS, violatedRules } from '@lbc/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COUNTIES, generateChild, IdNumberIssuer, loadPlaces, qualityFacts, SEED_DAY, UNTOUCHED_BELOW, type SyntheticChild } from '../src/seed/world/index.ts';

/**
 * The seeded world shows a new user the hub's data-quality check and active discovery at
 * work: every rule broken somewhere, each time on purpose (the child carries the defect),
 * never by accident; and a few children the registry does not hold, each one another
 * agency's record points to. Checked on the facts as the projections write them, at the
 * seed's moment, over 6,000 children of the six demo counties.
 */
const context = { today: SEED_DAY, pendingDays: UNREGISTERED_PENDING_DAYS };
let world: SyntheticChild[];

beforeAll(async () => {
  const places = await loadPlaces(DEMO_COUNTIES);
  const ids = new IdNumberIssuer();
  world = Array.from({ length: 6000 }, (_, i) => generateChild(20241122, i, places, ids));
});

describe('the quality of the seeded world', () => {
  it('breaks every data-quality rule in a few children', () => {
    const broken = Object.fromEntries(QUALITY_RULES.map((rule) => [rule.id, world.filter((c) => c.inRegistry && rule.violated(qualityFacts(c), context)).length]));
    console.log('children breaking each rule', broken);
    for (const rule of QUALITY_RULES) expect(broken[rule.id], rule.id).toBeGreaterThan(0);
    // A small share: the world is mostly in order.
    expect(world.filter((c) => c.defects.length > 0).length / world.length).toBeLessThan(0.03);
  });

  it('breaks them only on purpose: each child breaks exactly the rules it carries as defects', () => {
    const accidents = world.flatMap((c) => {
      if (!c.inRegistry) return [];
      const violated = violatedRules(qualityFacts(c), context).sort();
      return violated.join() === [...c.defects].sort().join() ? [] : [`${c.id}: breaks [${violated.join(', ')}], carries [${c.defects.join(', ')}]`];
    });
    expect(accidents).toEqual([]);
  });

  it('leaves the children tests and examples name alone', () => {
    expect(world.slice(0, UNTOUCHED_BELOW).every((c) => c.inRegistry && c.defects.length === 0)).toBe(true);
  });

  it('hides about one child in two hundred from the registry, each found by a discovery rule; no registry child is', () => {
    const undiscovered = world.filter((c) => !c.inRegistry);
    console.log(
      'undiscovered by county',
      Object.fromEntries(DEMO_COUNTIES.map((county) => [county, undiscovered.filter((c) => c.countyCode === county).length])),
      'by rule',
      Object.fromEntries(['SCHOOL_FLAGS_LEFT_BEHIND', 'BOTH_PARENTS_ELSEWHERE'].map((id) => [id, undiscovered.filter((c) => discoveryFor(qualityFacts(c))?.rule.id === id).length])),
    );
    expect(undiscovered.length).toBeGreaterThanOrEqual(18);
    expect(undiscovered.length).toBeLessThanOrEqual(30);
    // A draw per child cannot promise each county its share; a county of a few hundred children has some.
    for (const county of DEMO_COUNTIES.filter((code) => world.filter((c) => c.countyCode === code).length >= 400)) {
      expect(undiscovered.filter((c) => c.countyCode === county).length, county).toBeGreaterThanOrEqual(2);
    }
    for (const c of undiscovered) {
      const found = discoveryFor(qualityFacts(c));
      expect(found, c.id).toBeDefined();
      expect(c.reviews.length + c.homeVisits.length + c.assistance.length, c.id).toBe(0);
      expect(c.defects, c.id).toEqual([]);
    }
    expect(new Set(undiscovered.map((c) => discoveryFor(qualityFacts(c))!.rule.id))).toEqual(new Set(['SCHOOL_FLAGS_LEFT_BEHIND', 'BOTH_PARENTS_ELSEWHERE']));
    expect(world.filter((c) => c.inRegistry && discoveryFor(qualityFacts(c)) !== undefined).map((c) => c.id)).toEqual([]);
  });
});
