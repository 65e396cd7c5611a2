import { badUserInput, idNumberProblem } from '@lbc/schema';

const SHAPE_PROBLEM = 'must be G followed by a valid ID number, or L followed by 17 digits';

/**
 * What is wrong with a student number, or null: `G` + a valid ID number (national student
 * number), or `L` + 17 digits (temporary number for a child without an ID number). Checked
 * on the upper-cased value (see normaliseStudentNumber).
 */
export function studentNumberProblem(raw: string): string | null {
  const value = normaliseStudentNumber(raw);
  if (/^L\d{17}$/.test(value)) return null;
  if (value.startsWith('G') && idNumberProblem(value.slice(1)) === null) return null;
  return SHAPE_PROBLEM;
}

/** The form student numbers are stored in: upper case (the ID number's check character X, the prefix). */
export function normaliseStudentNumber(raw: string): string {
  return raw.toUpperCase();
}

/** The ID number a national student number carries; null for a temporary (L) number. */
export function idNumberOfStudentNumber(studentNumber: string): string | null {
  return studentNumber.startsWith('G') ? studentNumber.slice(1) : null;
}

/**
 * Validates a student number for a lookup. A malformed one is a client error, never a
 * silent "not found".
 */
export function parseStudentNumber(raw: string): string {
  if (studentNumberProblem(raw)) throw badUserInput(`"studentNumber" ${SHAPE_PROBLEM}`, { argumentName: 'studentNumber', inResolver: true });
  return normaliseStudentNumber(raw);
}
