import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createDatabase, DatabaseUnreachableError, isConnectionError, SilentConnectionError } from '../src/db/create-database.ts';
import { maskErrors } from '../src/server/mask-errors.ts';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isConnectionError', () => {
  it('recognises a lost or unreachable database', () => {
    for (const error of [
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('terminating connection because of crash of another server process', '57P02'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      withCode('connect ETIMEDOUT', 'ETIMEDOUT'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('Query read timeout'),
      new SilentConnectionError(new Error('Query read timeout')),
      new DatabaseUnreachableError(withCode('database "x" is not currently accepting connections', '55000')),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
      new Error('commit failed', { cause: withCode('terminating connection due to administrator command', '57P01') }),
    ]) {
      expect(isConnectionError(error), error.message).toBe(true);
    }
  });

  it('leaves statement errors and bugs alone: they stay faults of the hub', () => {
    for (const error of [
      withCode('syntax error at or near "selec"', '42601'),
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('canceling statement due to statement timeout', '57014'),
      withCode('currval of sequence is not yet defined in this session', '55000'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      null,
      'Connection terminated',
    ]) {
      expect(isConnectionError(error), String(error)).toBe(false);
    }
  });

  it('marks a failure to get a connection, whatever the server said', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const database = await createDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMs: 2_000 });
    try {
      const failure = await database.db
        .selectNoFrom((eb) => eb.val(1).as('one'))
        .execute()
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DatabaseUnreachableError);
      expect(isConnectionError(failure)).toBe(true);
    } finally {
      await database.close();
    }
  });
});

describe('maskErrors', () => {
  const format = maskErrors('test-subgraph');
  const asFormatted = (error: Error) => new GraphQLError(error.message, { path: ['child', 'name'], originalError: error });

  it('answers a lost database DATABASE_UNAVAILABLE, without the driver\u2019s words or an HTTP status', () => {
    const error = withCode('terminating connection due to administrator command', '57P01');
    const formatted = format(asFormatted(error).toJSON(), asFormatted(error));
    expect(formatted.extensions).toEqual({ code: 'DATABASE_UNAVAILABLE' });
    expect(formatted.path).toEqual(['child', 'name']);
    expect(formatted.message).not.toMatch(/terminating|administrator/);
  });

  it('answers anything else INTERNAL_SERVER_ERROR, without its message', () => {
    const error = withCode('column "secret_row_value" does not exist', '42703');
    const formatted = format(asFormatted(error).toJSON(), asFormatted(error));
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatted.message).not.toMatch(/secret_row_value/);
  });
});
