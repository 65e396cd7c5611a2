import { badUserInput } from '@lbc/schema';
import type { GraphQLError } from 'graphql';

/**
 * Cursors are opaque to clients: base64url of the sort key of the last row seen.
 * Keyset pagination (not OFFSET) keeps every page one index range scan, however deep.
 */
export type CursorKey = readonly (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor that this service issued; anything else is a clear BAD_USER_INPUT. */
export function decodeCursor(cursor: string, arity: number): CursorKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid = Array.isArray(key) && key.length === arity && key.every((v) => typeof v === 'string' || typeof v === 'number');
  if (!valid) throw invalidCursor();
  return key as CursorKey;
}

/**
 * The one answer to an `after` this service did not issue: malformed, of another list, or
 * a hand-made key of the wrong types for the list's sort columns.
 */
export function invalidCursor(): GraphQLError {
  return badUserInput('"after" is not a cursor returned by this list', { argumentName: 'after', inResolver: true });
}
