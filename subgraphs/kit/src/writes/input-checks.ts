import { badUserInput, todayInChina } from '@lbc/schema';

/** A problem with one input field, in words a clerk can act on; undefined (or false) when there is none. */
export type Problem = string | undefined | false | null;

/**
 * Refuses a mutation whose input has a problem: BAD_USER_INPUT naming the first field that
 * has one (`argumentName`, e.g. `input.visitedOn`) and what is wrong. Called before any
 * transaction is opened, so bad input never writes anything. Scalars (dates, division
 * codes, ID numbers) were already checked by their GraphQL types; these are the rules of
 * the record itself.
 */
export function assertInput(problems: Record<string, Problem>, argument = 'input'): void {
  for (const [field, problem] of Object.entries(problems)) {
    if (problem) throw badUserInput(`${argument}.${field}: ${problem}`, { argumentName: `${argument}.${field}`, inResolver: true });
  }
}

// Records are dated by the local calendar: the writes' "today" is China's.
export { todayInChina };

/** The checks mutations share. Each returns the problem, or undefined. */
export const inputRules = {
  /** A date that has happened: a visit or a measurement cannot be recorded ahead of time. */
  notInFuture(date: string, today: string = todayInChina()): Problem {
    return date > today && `${date} is in the future`;
  },
  /** A date not before another (a child is not visited before it was born). */
  notBefore(date: string, earliest: string | null | undefined, what: string): Problem {
    return earliest != null && date < earliest && `${date} is before ${what} (${earliest})`;
  },
  /** Free text within bounds, not blank. */
  text(value: string | null | undefined, max: number, options: { required?: boolean } = {}): Problem {
    if (value == null) return options.required && 'is required';
    if (value.trim() === '') return 'must not be blank';
    return value.length > max && `must be at most ${max} characters`;
  },
  /** A whole number within bounds. */
  integer(value: number | null | undefined, min: number, max: number): Problem {
    if (value == null) return undefined;
    return (!Number.isInteger(value) || value < min || value > max) && `must be a whole number from ${min} to ${max}`;
  },
  /** A decimal number within bounds. */
  number(value: number | null | undefined, min: number, max: number): Problem {
    if (value == null) return undefined;
    return (!Number.isFinite(value) || value < min || value > max) && `must be a number from ${min} to ${max}`;
  },
  /** A calendar quarter, `2026-Q3`. */
  quarter(value: string): Problem {
    return !/^20\d\d-Q[1-4]$/.test(value) && 'must be a quarter like 2026-Q3';
  },
  /** A calendar month, `2026-09`. */
  month(value: string): Problem {
    return !/^20\d\d-(0[1-9]|1[0-2])$/.test(value) && 'must be a month like 2026-09';
  },
  /** A version a client read: a positive whole number. */
  version(value: number): Problem {
    return (!Number.isInteger(value) || value < 1) && 'must be the positive version you read';
  },
};
