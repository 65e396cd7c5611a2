import { Kind, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { hubError } from '../errors/hub-error.ts';

/**
 * The operation with every named fragment spread replaced by an inline fragment of the
 * same type condition. Authorization then sees each field once per place it appears, with
 * its true response path: a field hidden in a fragment used in two places is decided,
 * removed and reported in both. A spread's `@skip`/`@include` move onto its inline
 * fragment, where planAccess evaluates them.
 */
export function inlineFragments(document: DocumentNode, operationName: string | null): OperationDefinitionNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  if (!operationName && operations.length > 1) {
    throw hubError('OPERATION_RESOLUTION_FAILURE', 'the document has several operations: name the one to run (operationName)');
  }
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) throw hubError('OPERATION_RESOLUTION_FAILURE', operationName ? `unknown operation "${operationName}"` : 'the document has no operation');

  // visit() walks into the node a visitor returns, so spreads inside fragments expand too.
  // Validation has already guaranteed every fragment exists and none is cyclic.
  const selectionSet: SelectionSetNode = visit(operation.selectionSet, {
    FragmentSpread: (spread) => ({
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: fragments.get(spread.name.value)!.typeCondition,
      directives: spread.directives ?? [],
      selectionSet: fragments.get(spread.name.value)!.selectionSet,
    }),
  });
  return { ...operation, selectionSet };
}
