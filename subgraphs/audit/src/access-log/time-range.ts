import { badUserInput } from '@lbc/schema';

/** A half-open interval of instants: `from` inclusive, `to` exclusive; either end may be open. */
export interface TimeRange {
  from: Date | null;
  to: Date | null;
}

/**
 * Validates a range given as DateTime scalars (already checked as RFC 3339 by the scalar):
 * an empty or inverted range is a mistake worth naming rather than an empty answer.
 */
export function timeRange(from: string | Date | null | undefined, to: string | Date | null | undefined, argumentName: string): TimeRange {
  const range = { from: from ? new Date(from) : null, to: to ? new Date(to) : null };
  if (range.from && range.to && range.from.getTime() >= range.to.getTime()) {
    throw badUserInput(`"${argumentName}.from" must be earlier than "${argumentName}.to"`, { argumentName, inResolver: true });
  }
  return range;
}
