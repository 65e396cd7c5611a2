import { parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { badUserInput } from '../errors/errors.ts';
import type { AccessContext, Effect } from '../policy/decide.ts';
import type { Agency } from '../principal.ts';
import { inlineFragments } from './inline-fragments.ts';
import { planAccess, type FieldAccess } from './plan-access.ts';

/** One field of an explained operation, where it would appear in the response. */
export interface ExplainedField {
  /** Response keys from the root (aliases as written), without list indices. */
  path: string[];
  /** `Type.field`. */
  coordinate: string;
  /** The field's class, or STRUCTURAL (connection plumbing) / META (`__typename`, unknown or unclassified fields). */
  fieldClass: string;
  effect: Effect;
  /** The rule that decided: the same name the gateway puts in its errors. */
  rule: string;
}

export interface AccessExplanation {
  fields: ExplainedField[];
}

/** How an operation is named and parameterised, as in a GraphQL request. */
export interface ExplainRequest {
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}

/**
 * What the gateway would do with an operation for the caller in `context`: every field,
 * in document order, with allow / mask / deny and the rule that decided it — the same
 * plan the gateway computes before executing (named fragments inlined, `@skip`/`@include`
 * evaluated with the variables, a case or break-glass bound to one child). Fields a skip
 * excludes are not listed; fields under a denied field are listed as denied with it
 * (`enclosing-field-denied`). `apiSchema` is the schema callers see (see
 * apiSchemaFromSupergraph), `owners` the field owners (see fieldOwners). A query that does
 * not parse or validate against the API schema is a BAD_USER_INPUT error.
 */
export function explainAccess(apiSchema: GraphQLSchema, owners: Map<string, Agency[]>, document: string | DocumentNode, request: ExplainRequest, context: AccessContext): AccessExplanation {
  const parsed = typeof document === 'string' ? parseQuery(document) : document;
  const problems = validate(apiSchema, parsed);
  if (problems.length) {
    const shown = problems.slice(0, 5).map((p) => p.message);
    throw badQuery(`the query is not valid against the graph: ${shown.join('; ')}${problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : ''}`);
  }
  let operation;
  try {
    operation = inlineFragments(parsed, request.operationName ?? null);
  } catch (error) {
    throw badQuery((error as Error).message);
  }
  const plan = planAccess(apiSchema, operation, context, owners, request.variables ?? {});
  const fields: ExplainedField[] = [];
  const list = (accesses: Map<string, FieldAccess>) => {
    for (const access of accesses.values()) {
      fields.push({ path: access.path, coordinate: access.coordinate, fieldClass: access.fieldClass, effect: access.decision.effect, rule: access.decision.rule });
      list(access.children);
    }
  };
  list(plan.fields);
  return { fields };
}

/** Far above any real screen's operation; stops a megabyte of tokens before it is walked. */
const MAX_TOKENS = 5000;

function parseQuery(query: string): DocumentNode {
  try {
    // The query is an argument, outside the gateway's own request limits: bound its size here.
    return parse(query, { maxTokens: MAX_TOKENS });
  } catch (error) {
    throw badQuery(`the query does not parse: ${(error as Error).message}`);
  }
}

/** The query is an argument of a field (`accessExplain`): its error nulls that field, it does not end the request. */
function badQuery(message: string): GraphQLError {
  return badUserInput(message, { inResolver: true });
}
