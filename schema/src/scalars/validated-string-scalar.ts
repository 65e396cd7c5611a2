import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * A string scalar whose every input goes through `parse`; a RangeError from `parse`
 * becomes a BAD_USER_INPUT error naming the scalar, so clients learn what was wrong.
 */
export function validatedStringScalar(name: string, description: string, parse: (raw: string) => string): GraphQLScalarType<string, string> {
  const parseInput = (raw: unknown): string => {
    if (typeof raw !== 'string') throw badInput(name, `${name} must be a string`);
    try {
      return parse(raw);
    } catch (error) {
      throw badInput(name, `${name}: ${(error as Error).message}`);
    }
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parseInput,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw badInput(name, `${name} must be a string literal`);
      return parseInput(ast.value);
    },
  });
}

function badInput(scalar: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', scalar } });
}
