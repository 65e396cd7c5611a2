import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badUserInput, CLIENT_ERROR_CODES, codeOf, forbidden, formattedError, hubError, internalError, unauthenticated } from '../src/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Source files of the services: no tests, no generated code, not the catalogue itself. */
function sourceFiles(): string[] {
  const roots = ['gateway/src', 'schema/src', ...readdirSync(join(ROOT, 'subgraphs')).map((name) => `subgraphs/${name}/src`)];
  return roots.flatMap((root) => {
    let entries: string[];
    try {
      entries = readdirSync(join(ROOT, root), { recursive: true, encoding: 'utf8' });
    } catch {
      return [];
    }
    return entries
      .map((entry) => `${root}/${entry}`)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .filter((file) => !/\/(generated|testing|test)\//.test(file) && !file.startsWith('schema/src/errors/'));
  });
}

/** Where a line builds an error by hand: a GraphQLError constructed, or an error code written as a literal. */
const HAND_MADE = [/\bnew GraphQLError\(/, /\bcode:\s*['"`][A-Z][A-Z_]+['"`]/];

describe('the error catalogue', () => {
  it('is the only place errors are made: no source file constructs a GraphQLError or writes a code literal', () => {
    const offences = sourceFiles().flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (HAND_MADE.some((pattern) => pattern.test(line)) ? [`${relative(ROOT, join(ROOT, file))}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offences).toEqual([]);
  });

  it('gives request-ending errors their HTTP status, and none to errors raised while a field resolves', () => {
    expect(badUserInput('bad', { argumentName: 'first' }).extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'first', http: { status: 400 } });
    expect(badUserInput('bad', { argumentName: 'first', inResolver: true }).extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(forbidden('no', { reason: 'OUTSIDE_JURISDICTION', inResolver: true }).extensions).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const denied = unauthenticated('who?').extensions as { http: { status: number; headers: Map<string, string> } };
    expect(denied.http.status).toBe(401);
    expect(denied.http.headers.get('www-authenticate')).toBe('Bearer');
    // Codes that travel with a 200 never carry a status.
    expect(hubError('NOT_FOUND', 'none').extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('formats an error for a hand-written answer without its HTTP status', () => {
    expect(formattedError(internalError({ serviceName: 'health' }), ['child', 'health'])).toEqual({
      message: 'internal error',
      path: ['child', 'health'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'health' },
    });
    expect(formattedError(badUserInput('bad'))).toEqual({ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('reads back only codes of its own', () => {
    expect(codeOf(forbidden('no'))).toBe('FORBIDDEN');
    expect(codeOf({ extensions: { code: 'SOMETHING_ELSE' } })).toBe('INTERNAL_SERVER_ERROR');
    expect(codeOf(new Error('plain'))).toBe('INTERNAL_SERVER_ERROR');
    expect(CLIENT_ERROR_CODES.has('BAD_USER_INPUT')).toBe(true);
  });
});
