import { ADMIN_LEVELS, AGENCIES, PURPOSES, classOf, decide, maskIdNumber, ownersOf, type AccessContext, type Agency, type AdminLevel, type FieldClass, type Purpose } from '@lbc/schema';
import { generateChild, IdNumberIssuer, loadPlaces, Random, type SyntheticChild } from '@lbc/scripts/seed/world';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Property: for random operations over a child's record, asked by random principals for
 * random purposes, the gateway returns exactly what the policy allows — no denied value
 * ever appears, every allowed value does (equal to what the owning agency itself reads),
 * masked values are the mask of the real one — and the audit entry of each response lists
 * exactly the fields that carried a value (masked as returned) and every denial. The
 * oracle is the policy (classOf + decide), reference reads and the response itself; it
 * shares nothing with the gateway's enforcement or audit code.
 */
interface FieldCase {
  name: string;
  selection: string;
  owner: Agency;
  /** Non-null in the schema: denying it nulls the whole child (GraphQL null propagation). */
  nonNull: boolean;
}

const FIELDS: FieldCase[] = [
  { name: 'name', selection: 'name', owner: 'civil_affairs', nonNull: true },
  { name: 'birthDate', selection: 'birthDate', owner: 'civil_affairs', nonNull: true },
  { name: 'ethnicity', selection: 'ethnicity', owner: 'civil_affairs', nonNull: false },
  { name: 'leftBehindCategory', selection: 'leftBehindCategory', owner: 'civil_affairs', nonNull: false },
  { name: 'father', selection: 'father { name phone }', owner: 'civil_affairs', nonNull: false },
  { name: 'guardian', selection: 'guardian { name phone }', owner: 'civil_affairs', nonNull: false },
  { name: 'riskFlags', selection: 'riskFlags { guardianMissing familyHardship }', owner: 'civil_affairs', nonNull: true },
  { name: 'homeVisits', selection: 'homeVisits(first: 2) { edges { node { visitedOn concernRaised } } }', owner: 'civil_affairs', nonNull: true },
  { name: 'currentEnrollment', selection: 'currentEnrollment { grade boarding }', owner: 'education', nonNull: false },
  { name: 'leftBehindFlag', selection: 'leftBehindFlag', owner: 'education', nonNull: false },
  { name: 'dropoutStatus', selection: 'dropoutStatus', owner: 'education', nonNull: false },
  { name: 'pairedTeacher', selection: 'pairedTeacher { name }', owner: 'education', nonNull: false },
  { name: 'counsellingSessions', selection: 'counsellingSessions { edges { node { sessionOn } } }', owner: 'education', nonNull: false },
  { name: 'idNumber', selection: 'idNumber', owner: 'police', nonNull: false },
  { name: 'householdRegistrationStatus', selection: 'householdRegistrationStatus', owner: 'police', nonNull: false },
  { name: 'guardianCanAct', selection: 'guardianCanAct', owner: 'police', nonNull: false },
  { name: 'household', selection: 'household { relationshipToHead }', owner: 'police', nonNull: false },
  { name: 'parentStatuses', selection: 'parentStatuses { edges { node { status } } }', owner: 'police', nonNull: false },
  { name: 'healthRecord', selection: 'healthRecord { registeredOn }', owner: 'health', nonNull: false },
  { name: 'hasSeriousCondition', selection: 'hasSeriousCondition', owner: 'health', nonNull: false },
  { name: 'immunisationComplete', selection: 'immunisationComplete', owner: 'health', nonNull: false },
  { name: 'disability', selection: 'disability { grade }', owner: 'health', nonNull: false },
  { name: 'mentalHealthScreenings', selection: 'mentalHealthScreenings { edges { node { risk } } }', owner: 'health', nonNull: false },
];
const ROUNDS = 150;

let hub: Hub;
let child: SyntheticChild;
const reference = new Map<string, unknown>();

beforeAll(async () => {
  hub = await startHub({ children: 60, scope: ['431003'], gateway: { breakGlass: true } });
  const places = await loadPlaces(['431003']);
  const ids = new IdNumberIssuer();
  const world = Array.from({ length: 60 }, (_, i) => generateChild(7, i, places, ids));
  // A child every agency places in the same town, so town, county, city and province principals all cover it.
  child = world.find((c) => c.status === 'ACTIVE' && c.school?.schoolId.startsWith(c.townCode) && !c.school.previousSchoolId && c.household?.addressCode === c.villageCode)!;
  for (const field of FIELDS) {
    const owner = await hub.token({ agency: field.owner, level: 'county', region: '431003' });
    const { body } = await hub.query(owner, `query($id: ID!) { child(id: $id) { ${field.selection} } }`, { id: child.id });
    expect(body.errors, `reference read of ${field.name}`).toBeUndefined();
    reference.set(field.name, body.data.child[field.name]);
  }
});
afterAll(() => hub?.stop());

function regionAt(level: AdminLevel): string {
  return { province: '43', city: '4310', county: '431003', town: child.townCode, village: child.villageCode }[level];
}

describe('property: the gateway returns exactly what the policy allows', () => {
  it(`holds for ${ROUNDS} random operations, principals and purposes`, async () => {
    const random = new Random(20261122);
    const failures: string[] = [];
    const seen = { allow: 0, mask: 0, deny: 0, childReturned: 0, childNulled: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const agency = random.pick(AGENCIES);
      const level = random.pick(ADMIN_LEVELS.filter((l) => l !== 'village'));
      const purpose: Purpose = random.pick(PURPOSES);
      const justification = agency === 'police' && purpose === 'EMERGENCY' && random.chance(0.5) ? 'child alone at home, guardian unreachable since Friday' : undefined;
      const picked = FIELDS.filter(() => random.chance(0.3));
      if (picked.length === 0) picked.push(random.pick(FIELDS));
      const aliases = picked.map((f, i) => (random.chance(0.4) ? `a${i}` : f.name));
      // Spread the selections over the operation, a named fragment and an inline fragment.
      const parts: [string[], string[], string[]] = [[], [], []];
      picked.forEach((f, i) => parts[random.int(0, 2)]!.push(`${aliases[i]}: ${f.selection}`));
      const query = `query($id: ID!) { child(id: $id) { __typename ${parts[0].join(' ')} ...F ... on Child { __typename ${parts[2].join(' ')} } } }
        fragment F on Child { __typename ${parts[1].join(' ')} }`;

      const token = await hub.token({ agency, level, region: regionAt(level) });
      const headers: Record<string, string> = { 'x-lbc-purpose': purpose, ...(justification ? { 'x-lbc-justification': justification } : {}) };
      const { body, headers: answered } = await hub.query(token, query, { id: child.id }, headers);
      const entry = await hub.auditEntry(answered.get('x-request-id')!);

      // The token was just minted (a fresh sign-in), and every field is on the one child looked up by id.
      const context: AccessContext = { principal: { subject: 's', issuer: 'i', agency, level, region: regionAt(level), roles: [], authenticatedAt: Date.now() / 1000 }, purpose, justification };
      const record = { childId: child.id, singleChild: true };
      const effects = picked.map((f) => decide(context, classOf('Child', f.name) as FieldClass, ownersOf(`Child.${f.name}`, [f.owner]), record).effect);
      const label = `round ${round}: ${agency}/${level}/${purpose} [${picked.map((f, i) => `${f.name}=${effects[i]}`).join(', ')}]`;
      const childDenied = decide(context, classOf('Query', 'child') as FieldClass, []).effect === 'deny';
      const nulledByPropagation = picked.some((f, i) => f.nonNull && effects[i] === 'deny');

      if (childDenied || nulledByPropagation) {
        seen.childNulled++;
        if (body.data?.child !== null) failures.push(`${label}: expected child null, got ${JSON.stringify(body.data)}`);
        if (entry.children.length) failures.push(`${label}: audit lists child data although none was returned: ${JSON.stringify(entry.children)}`);
        continue;
      }
      const got = body.data?.child;
      if (!got) {
        failures.push(`${label}: child missing: ${JSON.stringify(body)}`);
        continue;
      }
      seen.childReturned++;
      picked.forEach((f, i) => {
        seen[effects[i]!]++;
        const value = got[aliases[i]!];
        const want = reference.get(f.name);
        const expected = effects[i] === 'deny' ? null : effects[i] === 'mask' ? (want === null ? null : maskIdNumber(String(want))) : want;
        if (JSON.stringify(value) !== JSON.stringify(expected)) failures.push(`${label}: ${aliases[i]} expected ${JSON.stringify(expected)}, got ${JSON.stringify(value)}`);
        const reported = (body.errors ?? []).some((e: any) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE' && e.path?.join('.') === `child.${aliases[i]}`);
        if ((effects[i] === 'deny') !== reported) failures.push(`${label}: ${aliases[i]} denial ${reported ? 'reported but not denied' : 'not reported'}`);
        const logged = entry.denied.some((d) => d.coordinate === `Child.${f.name}` && d.path.join('.') === `child.${aliases[i]}`);
        if ((effects[i] === 'deny') !== logged) failures.push(`${label}: ${aliases[i]} denial ${logged ? 'logged but not denied' : 'not in the audit entry'}`);
      });
      // The audit entry lists exactly the fields of the child that carried a value, full or masked as returned.
      const carried = picked
        .map((f, i) => ({ coordinate: `Child.${f.name}`, masked: effects[i] === 'mask', value: got[aliases[i]!] }))
        .filter((c) => c.value !== null && c.value !== undefined)
        .map((c) => `${c.coordinate}${c.masked ? ' (masked)' : ''}`);
      const audited = (entry.children.find((c) => c.childId === child.id)?.fields ?? [])
        .filter((field) => picked.some((f) => field.coordinate === `Child.${f.name}`))
        .map((field) => `${field.coordinate}${field.masked ? ' (masked)' : ''}`);
      if (entry.children.some((c) => c.childId !== child.id)) failures.push(`${label}: audit names another child: ${JSON.stringify(entry.children)}`);
      if (JSON.stringify([...new Set(carried)].sort()) !== JSON.stringify(audited.sort()))
        failures.push(`${label}: audit lists ${JSON.stringify(audited)}, the response carried ${JSON.stringify(carried)}`);
    }
    expect(failures).toEqual([]);
    // Not vacuous: every kind of outcome was exercised, many times.
    expect(seen.childReturned).toBeGreaterThan(40);
    expect(seen.childNulled).toBeGreaterThan(20);
    expect(seen.allow).toBeGreaterThan(50);
    expect(seen.deny).toBeGreaterThan(30);
    expect(seen.mask).toBeGreaterThan(3);
  });
});
