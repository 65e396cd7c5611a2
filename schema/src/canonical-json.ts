/**
 * A canonical JSON text for hashing: object keys sorted at every depth, dates as ISO
 * strings, undefined members dropped. Two stores that hold the same entry (PostgreSQL's
 * jsonb reorders keys; an exported copy may too) must produce the same bytes, and two
 * requests that differ only in key order are the same request (idempotency fingerprints).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalize(item)));
  if (value !== null && typeof value === 'object') {
    // No prototype: a member named "__proto__" must be a member, not a prototype change.
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = normalize(member);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('audit entries hold finite numbers only');
  return value;
}
