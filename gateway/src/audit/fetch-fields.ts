import { getNamedType, isObjectType, Kind, parse, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Fetch texts come from query plans, so the same few recur on every request: each is read
 * once per schema. The lists are shared and frozen.
 */
const known = new WeakMap<GraphQLSchema, LRUCache<string, readonly string[]>>();

/**
 * The fields one subgraph fetch asked for, as `Type.field` coordinates: what the gateway
 * requested of that agency on the caller's behalf. Entity fetches (`_entities`) are read
 * through their `... on Type` fragments. Federation plumbing (`__typename`,
 * `_entities`) is left out.
 */
export function fetchFields(schema: GraphQLSchema, query: string): readonly string[] {
  let forSchema = known.get(schema);
  if (!forSchema) known.set(schema, (forSchema = new LRUCache({ max: 2000 })));
  let fields = forSchema.get(query);
  if (!fields) forSchema.set(query, (fields = Object.freeze(readFetchFields(schema, query))));
  return fields;
}

function readFetchFields(schema: GraphQLSchema, query: string): string[] {
  const found = new Set<string>();
  let document;
  try {
    document = parse(query);
  } catch {
    return ['(unparsable fetch)'];
  }
  const visitSet = (selectionSet: SelectionSetNode, type: GraphQLNamedType | undefined | null) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visitSet(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type);
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue;
      const name = selection.name.value;
      if (name === '_entities') {
        if (selection.selectionSet) visitSet(selection.selectionSet, undefined);
        continue;
      }
      if (name.startsWith('__')) continue;
      const owner = type && isObjectType(type) ? type : undefined;
      found.add(`${owner?.name ?? '?'}.${name}`);
      const field = owner?.getFields()[name];
      if (selection.selectionSet) visitSet(selection.selectionSet, field ? getNamedType(field.type) : undefined);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) visitSet(definition.selectionSet, schema.getRootType(definition.operation));
  }
  return [...found].sort();
}
