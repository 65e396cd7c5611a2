import { inlineFragments, planAccess, type AccessContext } from '@lbc/schema';
import { Kind, buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyAccess } from '../src/authorization/apply-access.ts';
import { denialErrors } from '../src/authorization/denial-errors.ts';

/** The after-execution half of the authorize stage, on a small real schema and a real access plan. */
const schema = buildSchema(`
  type Query { child(id: ID!): Child children: [Child!]! }
  type Child { id: ID! name: String! idNumber: String guardian: EntrustedGuardian riskFlags: RiskFlags! }
  type EntrustedGuardian { phone: String }
  type RiskFlags { guardianMissing: Boolean! }
`);
const youth: AccessContext = { principal: { subject: 's', issuer: 'i', agency: 'youth_league', level: 'county', region: '431003', roles: [] }, purpose: 'CASE_MANAGEMENT' };
const plan = (query: string, variables: Record<string, unknown> = {}) => planAccess(schema, inlineFragments(parse(query), null), youth, new Map([['Child.idNumber', ['police' as const]]]), variables);

describe('applyAccess', () => {
  it('nulls denied nullable fields and masks identifiers, in lists too', () => {
    const p = plan('{ children { name idNumber guardian { phone } } }');
    const { data, masked } = applyAccess(
      {
        children: [
          { name: 'a', idNumber: '11010519491231002X' },
          { name: 'b', idNumber: null },
        ],
      },
      p,
    );
    expect(data).toEqual({
      children: [
        { name: 'a', idNumber: '110105************', guardian: null },
        { name: 'b', idNumber: null, guardian: null },
      ],
    });
    expect(masked).toEqual([{ path: ['children', 0, 'idNumber'], coordinate: 'Child.idNumber', rule: 'identifier-masked-for-other-agencies' }]);
  });

  it('propagates a denied non-null field to the nearest nullable parent', () => {
    expect(applyAccess({ child: { name: 'a' } }, plan('{ child(id: "1") { name riskFlags { guardianMissing } } }')).data).toEqual({ child: null });
    // children: [Child!]! — a nulled item cannot stay in a non-null list, nor the list in a non-null field: data goes.
    expect(applyAccess({ children: [{ name: 'a' }] }, plan('{ children { name riskFlags { guardianMissing } } }')).data).toBeNull();
  });

  it('lists as disclosed only what the response still carries once nulls have propagated', () => {
    // `name` is walked before the denied non-null `riskFlags` nulls the whole child: it was never disclosed.
    const nulled = applyAccess({ child: { _m: 'LB1', name: 'a' } }, plan('{ child(id: "1") { name riskFlags { guardianMissing } } }'), { markerKey: '_m' });
    expect(nulled).toMatchObject({ data: { child: null }, children: [], otherFields: [] });
    const kept = applyAccess({ child: { _m: 'LB1', name: 'a' } }, plan('{ child(id: "1") { name } }'), { markerKey: '_m' });
    expect(kept.data).toEqual({ child: { name: 'a' } });
    expect(kept.children).toEqual([{ childId: 'LB1', fields: [expect.objectContaining({ coordinate: 'Child.name' })] }]);
  });

  it('leaves a result that execution already nulled as it is', () => {
    const p = plan('{ child(id: "1") { name guardian { phone } } }');
    expect(applyAccess(null, p)).toEqual({ data: null, masked: [], children: [], otherFields: [] });
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

describe('@skip and @include before deciding', () => {
  it('a denied non-null field that execution skips neither nulls its parent nor is reported', () => {
    for (const [query, variables] of [
      ['{ child(id: "1") { name riskFlags @include(if: false) { guardianMissing } } }', {}],
      ['query($no: Boolean!) { child(id: "1") { name riskFlags @include(if: $no) { guardianMissing } } }', { no: false }],
      ['query($yes: Boolean!) { child(id: "1") { name riskFlags @skip(if: $yes) { guardianMissing } } }', { yes: true }],
      ['query($show: Boolean = false) { child(id: "1") { name ... on Child @include(if: $show) { riskFlags { guardianMissing } } } }', {}],
      ['query($hide: Boolean!) { child(id: "1") { name ...Flags @skip(if: $hide) } } fragment Flags on Child { riskFlags { guardianMissing } }', { hide: true }],
    ] as const) {
      const p = plan(query, variables);
      expect(p.denied, query).toEqual([]);
      expect(denialErrors(p), query).toEqual([]);
      expect(applyAccess({ child: { name: 'a' } }, p).data, query).toEqual({ child: { name: 'a' } });
      // Not executed either: the skipped field is gone from the operation, not left to the directive.
      expect(JSON.stringify(p.operation), query).not.toContain('riskFlags');
    }
  });

  it('the same denied field included after all is denied, and still nulls its parent', () => {
    const query = 'query($yes: Boolean!) { child(id: "1") { name riskFlags @include(if: $yes) { guardianMissing } } }';
    const p = plan(query, { yes: true });
    expect(p.denied.map((d) => d.path)).toEqual([['child', 'riskFlags']]);
    expect(applyAccess({ child: { name: 'a' } }, p).data).toEqual({ child: null });
  });

  it('skipped in one place and asked in another: decided once, where it is asked', () => {
    const p = plan('{ child(id: "1") { guardian @skip(if: true) { phone } name ... on Child { guardian { phone } } } }');
    expect(p.denied.map((d) => d.path)).toEqual([['child', 'guardian']]);
    expect(applyAccess({ child: { name: 'a' } }, p).data).toEqual({ child: { name: 'a', guardian: null } });
  });

  it('a skipped allowed field is removed; an included one keeps its directive for execution', () => {
    const p = plan('query($yes: Boolean!) { child(id: "1") { id @skip(if: true) name @include(if: $yes) } }', { yes: true });
    const child = p.operation.selectionSet.selections[0]!;
    const kept = child.kind === Kind.FIELD ? child.selectionSet!.selections.map((s) => (s.kind === Kind.FIELD ? [s.name.value, s.directives?.length ?? 0] : s.kind)) : [];
    expect(kept).toEqual([['name', 1]]);
  });
});
