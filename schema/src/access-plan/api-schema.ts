import { buildASTSchema, Kind, parse, visit, type DirectiveNode, type DocumentNode, type GraphQLSchema } from 'graphql';

/** Directives that belong to the schema callers see; every other application is supergraph plumbing. */
const API_DIRECTIVES = new Set(['deprecated', 'specifiedBy', 'oneOf']);

/**
 * The API schema of a supergraph: the graph callers see, as @apollo/gateway derives it —
 * without the join/link machinery and without any element marked `@inaccessible` (fields
 * only the gateway calls, such as civil affairs' case check). With `fieldOwners` it is
 * what `explainAccess` needs, for a subgraph that has the supergraph SDL but no gateway;
 * plain graphql-js, so it costs no federation dependency. A gateway test keeps it equal
 * to @apollo/gateway's own.
 */
export function apiSchemaFromSupergraph(supergraphSdl: string): GraphQLSchema {
  return buildASTSchema(apiDocument(parse(supergraphSdl)));
}

function apiDocument(supergraph: DocumentNode): DocumentNode {
  const features = linkedFeatures(supergraph);
  // A feature's own directive is named after it (@link, @inaccessible); its other elements are prefixed (join__type).
  const isFeatureElement = (name: string) => features.has(name) || [...features.keys()].some((feature) => name.startsWith(`${feature}__`));
  const inaccessible = [...features.keys()].find((feature) => features.get(feature) === 'inaccessible');
  const hidden = (node: { readonly directives?: readonly DirectiveNode[] | undefined }) => inaccessible !== undefined && (node.directives ?? []).some((d) => d.name.value === inaccessible);
  const removedTypes = new Set<string>();
  for (const definition of supergraph.definitions) {
    if ('name' in definition && definition.name && definition.kind !== Kind.DIRECTIVE_DEFINITION && (isFeatureElement(definition.name.value) || hidden(definition)))
      removedTypes.add(definition.name.value);
  }
  const withoutHidden = <T extends { readonly directives?: readonly DirectiveNode[] | undefined }>(node: T) => (hidden(node) ? null : undefined);
  return visit(supergraph, {
    SchemaDefinition: (node) => ({ ...node, directives: [] }),
    DirectiveDefinition: (node) => (isFeatureElement(node.name.value) ? null : undefined),
    ObjectTypeDefinition: (node) => (removedTypes.has(node.name.value) ? null : undefined),
    InterfaceTypeDefinition: (node) => (removedTypes.has(node.name.value) ? null : undefined),
    UnionTypeDefinition: (node) => (removedTypes.has(node.name.value) ? null : { ...node, types: node.types?.filter((t) => !removedTypes.has(t.name.value)) }),
    EnumTypeDefinition: (node) => (removedTypes.has(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => (removedTypes.has(node.name.value) ? null : undefined),
    InputObjectTypeDefinition: (node) => (removedTypes.has(node.name.value) ? null : undefined),
    FieldDefinition: withoutHidden,
    InputValueDefinition: withoutHidden,
    EnumValueDefinition: withoutHidden,
    Directive: (node) => (API_DIRECTIVES.has(node.name.value) ? undefined : null),
  });
}

/** The features a supergraph links (`@link(url:, as:)`): local name → spec name (join, link, inaccessible, …). */
function linkedFeatures(supergraph: DocumentNode): Map<string, string> {
  const features = new Map<string, string>();
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const argument = (name: string) => {
        const value = directive.arguments?.find((a) => a.name.value === name)?.value;
        return value?.kind === Kind.STRING ? value.value : undefined;
      };
      const url = argument('url');
      // https://specs.apollo.dev/join/v0.3 → join
      const spec = url?.split('/').filter(Boolean).at(-2);
      if (spec) features.set(argument('as') ?? spec, spec);
    }
  }
  features.set('link', 'link');
  return features;
}
