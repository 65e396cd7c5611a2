import { Kind, buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyAccess } from '../src/authorization/apply-access.ts';
import { planAccess } from '../src/authorization/plan-access.ts';

/** The after-execution half of the authorize stage, on a small real schema and a real access plan. */
const schema = buildSchema(`
  type Query { child(id: ID!): Child children: [Child!]! }
  type Child { id: ID! name: String! idNumber: String guardian: EntrustedGuardian riskFlags: RiskFlags! }
  type EntrustedGuardian { phone: String }
  type RiskFlags { guardianMissing: Boolean! }
`);
const youth = { principal: { subject: 's', issuer: 'i', agency: 'youth_league' as const, level: 'county' as const, region: '431003', roles: [] }, purpose: 'CASE_MANAGEMENT' as const, caseVerified: false };
const plan = (query: string) => planAccess(schema, parse(query).definitions[0] as OperationDefinitionNode, youth, new Map([['Child.idNumber', ['police' as const]]]));

describe('applyAccess', () => {
  it('nulls denied nullable fields and masks identifiers, in lists too', () => {
    const p = plan('{ children { name idNumber guardian { phone } } }');
    const { data, masked } = applyAccess({ children: [{ name: 'a', idNumber: '11010519491231002X' }, { name: 'b', idNumber: null }] }, p);
    expect(data).toEqual({ children: [{ name: 'a', idNumber: '110105************', guardian: null }, { name: 'b', idNumber: null, guardian: null }] });
    expect(masked).toEqual([{ path: ['children', 0, 'idNumber'], coordinate: 'Child.idNumber', rule: 'identifier-masked-for-other-agencies' }]);
  });

  it('propagates a denied non-null field to the nearest nullable parent', () => {
    expect(applyAccess({ child: { name: 'a' } }, plan('{ child(id: "1") { name riskFlags { guardianMissing } } }')).data).toEqual({ child: null });
    // children: [Child!]! — a nulled item cannot stay in a non-null list, nor the list in a non-null field: data goes.
    expect(applyAccess({ children: [{ name: 'a' }] }, plan('{ children { name riskFlags { guardianMissing } } }')).data).toBeNull();
  });

  it('leaves a result that execution already nulled as it is', () => {
    const p = plan('{ child(id: "1") { name guardian { phone } } }');
    expect(applyAccess(null, p)).toEqual({ data: null, masked: [] });
  });

  it('removes denied fields from the operation and keeps a valid selection when nothing is left', () => {
    const p = plan('{ child(id: "1") { guardian { phone } } }');
    const child = p.operation.selectionSet.selections[0]!;
    expect(child.kind).toBe(Kind.FIELD);
    const fields = child.kind === Kind.FIELD ? child.selectionSet!.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : s.kind)) : [];
    expect(fields).toEqual(['__typename']);
    expect(p.denied.map((d) => d.coordinate)).toEqual(['Child.guardian']);
  });
});
