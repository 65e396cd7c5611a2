import { badUserInput, idNumberProblem } from '@lbc/schema';

/**
 * Validates a student number: `G` + a valid ID number (national student number), or `L`
 * + 17 digits (temporary number for a child without an ID number). A malformed one is a
 * client error, never a silent "not found".
 */
export function parseStudentNumber(raw: string): string {
  const value = raw.toUpperCase();
  if (/^L\d{17}$/.test(value)) return value;
  if (value.startsWith('G') && idNumberProblem(value.slice(1)) === null) return value;
  throw badUserInput('"studentNumber" must be G followed by a valid ID number, or L followed by 17 digits', {
    argumentName: 'studentNumber',
    inResolver: true,
  });
}
