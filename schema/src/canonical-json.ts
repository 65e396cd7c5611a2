/**
 * A canonical JSON text for hashing: object keys sorted at every depth (as a JavaScript
 * object orders them: array-index keys such as "9" and "10" first, ascending as numbers,
 * then every other key by code unit; entries hashed since the first are written so), dates as ISO
 * strings, undefined members dropped. Two stores that hold the same entry (PostgreSQL's
 * jsonb reorders keys; an exported copy may too) must produce the same bytes, and two
 * requests that differ only in key order are the same request (idempotency fingerprints).
 *
 * Audit entries are large (a page of children lists every field read of every child) and
 * mostly built canonical already: a subtree that is (plain objects with sorted keys, no
 * dates, finite numbers) goes to the native JSON.stringify whole, without a sorted copy.
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
}

function write(value: unknown): string | undefined {
  if (isCanonical(value)) return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i ? ',' : ''}${(value[i] === undefined ? undefined : write(value[i])) ?? 'null'}`;
    return `${text}]`;
  }
  if (value !== null && typeof value === 'object') {
    let text = '{';
    for (const key of canonicalOrder(Object.keys(value))) {
      const member = (value as Record<string, unknown>)[key];
      const written = member === undefined ? undefined : write(member);
      if (written !== undefined) text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${written}`;
    }
    return `${text}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('audit entries hold finite numbers only');
  return JSON.stringify(value);
}

/**
 * Whether JSON.stringify already writes `value` canonically: every object plain (no
 * prototype but Object's or none, so no toJSON) with its keys in sorted order as
 * Object.keys lists them, no dates, no non-finite numbers. Walks without allocating.
 */
function isCanonical(value: unknown): boolean {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!isCanonical(item)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) return false;
      let previous: string | undefined;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) return false;
        // Index keys come first and ascending from any object: only the others need sorting.
        if (!isIndexKey(key)) {
          if (previous !== undefined && !(previous < key)) return false;
          previous = key;
        }
        if (!isCanonical((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      // Strings and booleans as they are; undefined, functions and symbols are dropped (or
      // null in an array) alike by both paths. A bigint throws in both.
      return true;
  }
}

/** Keys in the order a JavaScript object built by inserting them sorted would list them. */
function canonicalOrder(keys: string[]): string[] {
  const indices = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return indices.length ? [...indices, ...keys.filter((k) => !isIndexKey(k)).sort()] : keys.sort();
}

/** An array index as a property key ("0", "42"; not "01" or "-1"): objects list these first, ascending. */
function isIndexKey(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}
