import { GraphQLError, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar, DateTimeScalar, DivisionCodeScalar, IdNumberScalar } from '../src/index.ts';

function rejects(fn: () => unknown, fragment: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect((error as GraphQLError).message).toContain(fragment);
    return;
  }
  throw new Error('expected the input to be rejected');
}

describe('scalars', () => {
  it('Date accepts real calendar dates only', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    rejects(() => DateScalar.parseValue('2023-02-29'), 'expected a real date');
    rejects(() => DateScalar.parseValue('2024-2-1'), 'expected a real date');
    rejects(() => DateScalar.parseLiteral({ kind: Kind.INT, value: '20240101' }), 'must be a string');
  });

  it('DateTime requires an offset and normalises to UTC', () => {
    expect(DateTimeScalar.parseValue('2024-05-01T16:30:00+08:00')).toBe('2024-05-01T08:30:00.000Z');
    rejects(() => DateTimeScalar.parseValue('2024-05-01T16:30:00'), 'RFC 3339');
    expect(DateTimeScalar.serialize(new Date('2024-05-01T08:30:00Z'))).toBe('2024-05-01T08:30:00.000Z');
  });

  it('IdNumber and DivisionCode validate as they parse', () => {
    expect(IdNumberScalar.parseValue('11010519491231002x')).toBe('11010519491231002X');
    rejects(() => IdNumberScalar.parseValue('110105194912310021'), 'check character');
    expect(DivisionCodeScalar.parseLiteral({ kind: Kind.STRING, value: '431003' })).toBe('431003');
    rejects(() => DivisionCodeScalar.parseValue(431003), 'must be a string');
  });
});
