import { badUserInput } from '@lbc/schema';

/** Longer than any registry id (LB000000123) by far: a bound, so a megabyte string never reaches SQL. */
const MAX_CHILD_ID_LENGTH = 64;

/** Validates a child id argument: the hub's registry ids are short opaque strings. Errors do not echo the value. */
export function childIdArgument(raw: string, argumentName: string): string {
  const id = raw.trim();
  if (id === '' || id.length > MAX_CHILD_ID_LENGTH) {
    throw badUserInput(`"${argumentName}" must be a child id of 1 to ${MAX_CHILD_ID_LENGTH} characters`, { argumentName, inResolver: true });
  }
  return id;
}
