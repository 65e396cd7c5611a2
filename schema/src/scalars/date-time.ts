import { GraphQLScalarType } from 'graphql';
import { validatedStringScalar } from './validated-string-scalar.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const base = validatedStringScalar('DateTime', 'An instant, RFC 3339 with an offset (2024-05-01T08:30:00Z).', (raw) => {
  if (!RFC3339.test(raw) || Number.isNaN(Date.parse(raw))) throw new RangeError('expected an RFC 3339 timestamp with offset');
  return new Date(raw).toISOString();
});

/** An instant; rows hand us Date objects, clients get ISO 8601 in UTC. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  ...base.toConfig(),
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
});
