import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/**
 * Arbitrary JSON: the recorded variables of an audit entry (identifiers already masked by
 * the gateway). Output only in this subgraph's resolvers; input is taken as given.
 */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
