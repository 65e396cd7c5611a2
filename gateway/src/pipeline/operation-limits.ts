import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';

/** Deep enough for every real view (a child's report's emergency responses is 10 levels). */
export const MAX_DEPTH = 15;
/** Aliases let one request repeat an expensive field many times; a few dozen serve any screen. */
export const MAX_ALIASES = 30;

/**
 * Validation rules that bound what one request may ask before anything is planned: no
 * subgraph sees an operation 40 levels deep or a field aliased 500 times.
 */
export function operationLimits(): ((context: ValidationContext) => ASTVisitor)[] {
  return [depthLimit, aliasLimit, reservedResponseKeys];
}

/** Response keys the gateway uses for its own questions (the audit's child markers). */
export const RESERVED_KEY_PREFIX = '_lbc';

/**
 * The audit stage asks every child object for its id under a key starting `_lbc`; a
 * caller's alias there could stand in for it and misattribute what was read, so no
 * caller may use one.
 */
function reservedResponseKeys(context: ValidationContext): ASTVisitor {
  return {
    Field(field) {
      const key = field.alias?.value ?? field.name.value;
      if (key.startsWith(RESERVED_KEY_PREFIX)) context.reportError(limitError(`response keys starting with "${RESERVED_KEY_PREFIX}" are reserved by the hub`));
    },
  };
}

function depthLimit(context: ValidationContext): ASTVisitor {
  const depthOf = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
      else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      else if (!seen.has(selection.name.value)) {
        const fragment = context.getFragment(selection.name.value);
        deepest = Math.max(deepest, depthOf(fragment?.selectionSet, new Set([...seen, selection.name.value])));
      }
    }
    return deepest;
  };
  return {
    OperationDefinition(operation) {
      const depth = depthOf(operation.selectionSet, new Set());
      if (depth > MAX_DEPTH) context.reportError(limitError(`the operation is ${depth} levels deep; at most ${MAX_DEPTH} are allowed`));
    },
  };
}

function aliasLimit(context: ValidationContext): ASTVisitor {
  let aliases = 0;
  return {
    Field(field) {
      if (field.alias) aliases++;
    },
    Document: {
      leave() {
        if (aliases > MAX_ALIASES) context.reportError(limitError(`the document uses ${aliases} aliases; at most ${MAX_ALIASES} are allowed`));
      },
    },
  };
}

/** Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED; the message says which limit. */
function limitError(message: string): GraphQLError {
  return new GraphQLError(message);
}
