import { badUserInput } from '../errors.ts';

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
  if (!valid) throw badUserInput('"after" is not a cursor returned by this list', { argumentName: 'after' });
  return key as CursorKey;
}
