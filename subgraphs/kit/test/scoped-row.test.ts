import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { visibleOrForbidden, visibleOrNotFound } from '../src/jurisdiction/scoped-row.ts';

const thrown = (f: () => unknown): GraphQLError => {
  try {
    f();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected an error');
};

describe('lookup gates', () => {
  it('by a personal identifier: unknown and out of scope get the very same error, naming no identifier', () => {
    const unknown = thrown(() => visibleOrNotFound(undefined, 'child'));
    const elsewhere = thrown(() => visibleOrNotFound({ id: 'LB000000003', in_scope: false }, 'child'));
    expect(JSON.stringify(unknown.toJSON())).toBe(JSON.stringify(elsewhere.toJSON()));
    expect(unknown.toJSON()).toEqual({
      message: 'no child found within your jurisdiction',
      extensions: { code: 'NOT_FOUND', reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' },
    });
    expect(visibleOrNotFound({ id: 'LB000000001', in_scope: true }, 'child')).toEqual({ id: 'LB000000001', in_scope: true });
  });

  it('by an opaque hub id: unknown is plain null, out of scope FORBIDDEN', () => {
    expect(visibleOrForbidden(undefined, 'child LB000000009')).toBeNull();
    expect(thrown(() => visibleOrForbidden({ in_scope: false }, 'child LB000000003')).extensions).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
  });
});
