/**
 * 公民身份号码 (GB 11643-1999): 6-digit registration area, 8-digit birth date,
 * 3-digit sequence (odd = male), one ISO 7064 MOD 11-2 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

/** The check character for the first 17 digits of an ID number. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_CHARACTER';

/** Why an ID number is invalid, or null when it is valid. Lower-case `x` is accepted. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const value = raw.toUpperCase();
  if (!SHAPE.test(value)) return 'FORMAT';
  if (!isRealDate(value.slice(6, 14))) return 'BIRTH_DATE';
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return 'CHECK_CHARACTER';
  return null;
}

/** Normalises (upper-case X) a valid ID number; throws a RangeError naming the problem otherwise. */
export function parseIdNumber(raw: string): string {
  const problem = idNumberProblem(raw);
  if (problem) throw new RangeError(`invalid ID number (${problem.toLowerCase().replace('_', ' ')})`);
  return raw.toUpperCase();
}

/**
 * Keeps only the first 6 characters (the registration area, which the residence village
 * already tells). Nothing after it may show: the next 8 are the birth date, which every
 * agency reads (BASIC), and with the sequence digits shown too the check character could
 * be recomputed and the number rebuilt in full.
 */
export function maskIdNumber(value: string): string {
  return value.slice(0, 6) + '*'.repeat(Math.max(value.length - 6, 0));
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  // A birth date must exist in the calendar and not lie in the future.
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.getTime() <= Date.now();
}

/** The birth date an ID number encodes (GB 11643: characters 7–14), as YYYY-MM-DD. */
export function idNumberBirthDate(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** The sex an ID number encodes: its 17th character, odd for a male. */
export function idNumberSex(idNumber: string): 'MALE' | 'FEMALE' {
  return Number(idNumber[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
}
