/**
 * National Bureau of Statistics division codes (统计用区划代码). A place's code is
 * 2 (province), 4 (city), 6 (county), 9 (township) or 12 (village) digits, and every
 * code is a prefix of the codes of the places inside it — so a jurisdiction is a prefix.
 */

export const ADMIN_LEVELS = ['province', 'city', 'county', 'town', 'village'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

const LENGTH_BY_LEVEL: Record<AdminLevel, number> = { province: 2, city: 4, county: 6, town: 9, village: 12 };
const LEVEL_BY_LENGTH = new Map<number, AdminLevel>(Object.entries(LENGTH_BY_LEVEL).map(([level, length]) => [length, level as AdminLevel]));

/** The administrative level a code denotes, or null when it is not a division code. */
export function divisionLevel(code: string): AdminLevel | null {
  if (!/^\d+$/.test(code)) return null;
  return LEVEL_BY_LENGTH.get(code.length) ?? null;
}

/** Validates a division code; throws a RangeError explaining the expected shape. */
export function parseDivisionCode(raw: string): string {
  if (divisionLevel(raw) === null) {
    throw new RangeError('invalid division code: expected 2, 4, 6, 9 or 12 digits');
  }
  return raw;
}

/** The number of digits a code has at a given level. */
export function codeLength(level: AdminLevel): number {
  return LENGTH_BY_LEVEL[level];
}

/** The code of the place at `level` that contains (or is) the place `code`: a village's township, a township's county. */
export function codeAtLevel(code: string, level: AdminLevel): string {
  return code.slice(0, LENGTH_BY_LEVEL[level]);
}

/** The code of the place directly containing this one, or null for a province. */
export function parentDivisionCode(code: string): string | null {
  const level = divisionLevel(code);
  if (level === null || level === 'province') return null;
  return code.slice(0, LENGTH_BY_LEVEL[ADMIN_LEVELS[ADMIN_LEVELS.indexOf(level) - 1]!]);
}

/**
 * The inclusive range of 12-digit village codes under a prefix. Rows store full
 * 12-digit codes, so `code BETWEEN low AND high` uses a plain btree index.
 */
export function villageCodeRange(prefix: string): { low: string; high: string } {
  return { low: prefix.padEnd(12, '0'), high: prefix.padEnd(12, '9') };
}

/** Whether `code` lies inside the place identified by `prefix`. */
export function isWithin(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}
