/** Unpaired UTF-16 surrogates: JavaScript strings may hold them, PostgreSQL text and jsonb cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Any surrogate at all: most strings have none, and are returned as they are. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A value exactly as PostgreSQL will store and return it, so the hash taken before the
 * write is the hash of what is read back: lone surrogates and NUL (which text and jsonb
 * refuse or replace) become U+FFFD, non-finite numbers (JSON has none) become strings.
 * Callers choose operation names and variables; without this, one crafted request could
 * fail its whole group commit or plant a row that no longer matches its own hash.
 */
export function storable<T>(value: T): T {
  // Most entries need nothing repaired: then they are stored as built, not copied (a page
  // of children is thousands of objects).
  return needsRepair(value) ? repaired(value) : value;
}

function repaired<T>(value: T): T {
  if (typeof value === 'string') return (SURROGATE.test(value) || value.includes('\u0000') ? value.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD') : value) as T;
  if (typeof value === 'number') return (Number.isFinite(value) ? value : String(value)) as T;
  if (Array.isArray(value)) return value.map(repaired) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, member] of Object.entries(value)) if (member !== undefined) out[repaired(key)] = repaired(member);
  return out as T;
}

/** Whether anything in `value` would be changed by the repair: a string, a key or a number. Walks without allocating. */
function needsRepair(value: unknown): boolean {
  if (typeof value === 'string') return SURROGATE.test(value) || value.includes('\u0000');
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(needsRepair);
  if (value instanceof Date || value === null || typeof value !== 'object') return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined && (needsRepair(key) || needsRepair(member))) return true;
  }
  return false;
}
