import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '../errors/errors.ts';

/**
 * A string scalar whose every input goes through `parse`; a RangeError from `parse`
 * becomes a BAD_USER_INPUT error naming the scalar, so clients learn what was wrong.
 */
export function validatedStringScalar(name: string, description: string, parse: (raw: string) => string): GraphQLScalarType<string, string> {
  const parseInput = (raw: unknown): string => {
    if (typeof raw !== 'string') throw badUserInput(`${name} must be a string`, { scalar: name });
    try {
      return parse(raw);
    } catch (error) {
      throw badUserInput(`${name}: ${(error as Error).message}`, { scalar: name });
    }
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parseInput,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw badUserInput(`${name} must be a string literal`, { scalar: name });
      return parseInput(ast.value);
    },
  });
}
