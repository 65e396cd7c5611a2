import { badUserInput } from '@lbc/schema';

/**
 * A count argument (`first`, `limit`): a whole number from 1 to `max`, `fallback` when
 * absent. Anything else is BAD_USER_INPUT naming the argument, raised while its field
 * resolves (see ErrorDetails.inResolver).
 */
export function countArgument(argumentName: string, value: number | null | undefined, fallback: number, max: number): number {
  const count = value ?? fallback;
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw badUserInput(`"${argumentName}" must be between 1 and ${max}`, { argumentName, inResolver: true });
  }
  return count;
}
