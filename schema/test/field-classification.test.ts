import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { classOf, classificationProblems } from '../src/index.ts';

describe('field classification', () => {
  it('classifies fields by entry, by type default, and plumbing as structural', () => {
    expect(classOf('Child', 'idNumber')).toBe('IDENTIFIER');
    expect(classOf('Child', 'parentStatuses')).toBe('SENSITIVE');
    expect(classOf('Child', 'guardianCanAct')).toBe('PROTECTIVE');
    expect(classOf('Parent', 'phone')).toBe('CONTACT'); // type default
    expect(classOf('Parent', 'unableToGuardReason')).toBe('SENSITIVE'); // override
    expect(classOf('HomeVisitConnection', 'edges')).toBe('STRUCTURAL');
    expect(classOf('PageInfo', 'endCursor')).toBe('STRUCTURAL');
    expect(classOf('EnrolledChildEdge', 'enrollment')).toBe('BASIC'); // data on an edge is not plumbing
    expect(classOf('Child', 'shoeSize')).toBeUndefined();
  });

  it('reports unclassified fields and entries for fields that do not exist (so composition can refuse them)', () => {
    const schema = buildSchema(`
      type Query { child(id: ID!): Child }
      type Child { id: ID! name: String! shoeSize: Int }
      type Parent { name: String! }
      type Mystery { secret: String }
    `);
    const problems = classificationProblems(schema);
    expect(problems).toContain('Child.shoeSize has no field class (schema/src/policy/field-classes.ts)');
    expect(problems).toContain('Mystery.secret has no field class (schema/src/policy/field-classes.ts)');
    expect(problems).toContain('field-classes.ts names Child.idNumber, which is not in the schema');
    expect(problems).toContain('field-classes.ts names type RiskFlags, which is not in the schema');
    expect(problems).not.toContain('Child.name has no field class (schema/src/policy/field-classes.ts)');
  });
});
