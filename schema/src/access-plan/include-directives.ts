import {
  getDirectiveValues,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type FieldNode,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
} from 'graphql';

/** Variable values as execution sees them: coerced, defaults applied. */
export type VariableValues = Record<string, unknown>;

/**
 * The operation's variables coerced the way execution will coerce them (defaults applied).
 * Invalid variables fail execution anyway; until then the raw values are the best guess.
 */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | null | undefined): VariableValues {
  const raw = variables ?? {};
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], raw);
  return coerced.coerced ?? raw;
}

/**
 * Whether execution will include a field or inline fragment, by its `@skip`/`@include`
 * (GraphQL's rule: skipped if `@skip(if: true)`, or `@include(if: false)`). An excluded
 * selection is neither decided nor reported: it is never executed. When the value cannot
 * be known (a variable missing), the selection counts as included, so it is decided — a
 * denied field is then removed either way.
 */
export function isIncluded(node: FieldNode | InlineFragmentNode, variables: VariableValues): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  } catch {
    return true;
  }
  return true;
}
