import { badUserInput, scalarResolvers } from '@lbc/schema';
import { GraphQLError, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';

/**
 * The hub's own scalars, as the subgraphs define them. The gateway's API schema knows them
 * only by name (a custom scalar composes as opaque), so without this a malformed ID number
 * or date would travel to a subgraph, be refused there with HTTP 400, and come back looking
 * like an outage.
 */
const SCALARS: Record<string, { parseValue(value: unknown): unknown }> = scalarResolvers;

/**
 * Checks one input value (a coerced variable or a literal argument) against its declared
 * type, through lists and input objects: every hub scalar parses, and no string holds a
 * NUL or a lone surrogate (PostgreSQL refuses the first, and neither is text anyone
 * types). Throws BAD_USER_INPUT naming the argument (`argumentName`) and the problem.
 */
export function checkInputValue(value: unknown, type: GraphQLInputType, argument: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkInputValue(value, type.ofType, argument);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, i) => checkInputValue(item, type.ofType, `${argument}[${i}]`));
    else checkInputValue(value, type.ofType, argument);
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) checkInputValue(member, field.type, `${argument}.${name}`);
    }
    return;
  }
  if (typeof value === 'string') checkText(value, argument);
  if (isScalarType(type) && Object.hasOwn(SCALARS, type.name)) {
    try {
      SCALARS[type.name]!.parseValue(value);
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      throw badUserInput(`${argument}: ${problem}`, { argumentName: argument, ...(error instanceof GraphQLError ? { scalar: type.name } : {}) });
    }
  } else if (isEnumType(type) && typeof value !== 'string') {
    throw badUserInput(`${argument}: expected a ${type.name} value`, { argumentName: argument });
  }
}

/** Strings every hub field refuses, whatever its type. */
function checkText(value: string, argument: string): void {
  if (value.includes('\u0000')) throw badUserInput(`${argument}: text may not contain a NUL character`, { argumentName: argument });
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) throw badUserInput(`${argument}: text is not valid Unicode (a lone surrogate)`, { argumentName: argument });
}
