import { getNamedType, isObjectType, Kind, type FieldNode, type GraphQLCompositeType, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The entity every child's data hangs from. */
export const CHILD_TYPE = 'Child';

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

/**
 * Adds to every object of the operation that is a child, or belongs to one, a field
 * giving that child's id under `key`: `id` on Child, `child { id }` on types with a
 * `child` field (a health record, an enrollment). The audit then knows, for each value
 * returned, whose it is. The markers are removed from the response before it leaves.
 */
export function withChildMarkers(schema: GraphQLSchema, operation: OperationDefinitionNode, key: string): OperationDefinitionNode {
  const root = schema.getRootType(operation.operation);
  if (!root) return operation;
  const child = schema.getType(CHILD_TYPE);

  const visit = (selectionSet: SelectionSetNode, type: GraphQLCompositeType): SelectionSetNode => {
    const selections = selectionSet.selections.map((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : type;
        return { ...selection, selectionSet: visit(selection.selectionSet, inner) };
      }
      if (selection.kind !== Kind.FIELD || !selection.selectionSet || !isObjectType(type)) return selection;
      const definition = type.getFields()[selection.name.value];
      if (!definition) return selection;
      return { ...selection, selectionSet: visit(selection.selectionSet, getNamedType(definition.type) as GraphQLCompositeType) };
    });
    // Root types hold children but belong to none (and Query.child is a lookup, not a link).
    const marker = isObjectType(type) && type !== root ? markerFor(type, key, child) : undefined;
    return { ...selectionSet, selections: marker ? [...selections, marker] : selections };
  };

  return { ...operation, selectionSet: visit(operation.selectionSet, root) };
}

function markerFor(type: GraphQLObjectType, key: string, child: unknown): FieldNode | undefined {
  if (type === child) return { kind: Kind.FIELD, alias: name(key), name: name('id') };
  const field = type.getFields().child;
  if (field && field.args.length === 0 && getNamedType(field.type) === child) {
    return {
      kind: Kind.FIELD,
      alias: name(key),
      name: name('child'),
      selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: name('id') }] },
    };
  }
  return undefined;
}
