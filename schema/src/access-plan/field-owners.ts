import type { Agency } from '../principal.ts';
import { SUBGRAPH_AGENCY } from '../subgraph-agency.ts';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';

/**
 * `Type.field` → the agencies whose subgraphs resolve it, read from the supergraph's
 * join directives: a field with `@join__field(graph: X)` belongs to those graphs (not
 * counting `external` ones); a field without belongs to every graph of its type.
 */
export function fieldOwners(supergraphSdl: string): Map<string, Agency[]> {
  const owners = new Map<string, Agency[]>();
  const graphOf = (directive: ConstDirectiveNode) => {
    const graph = directive.arguments?.find((a) => a.name.value === 'graph')?.value;
    // Composition names each graph's enum value after the subgraph: police-household → POLICE_HOUSEHOLD.
    return graph?.kind === Kind.ENUM ? SUBGRAPH_AGENCY[graph.value.toLowerCase().replace(/_/g, '-')] : undefined;
  };
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const typeGraphs = (definition.directives ?? []).filter((d) => d.name.value === 'join__type').map(graphOf);
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const resolving = joins.filter((d) => !d.arguments?.some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value));
      const agencies = (joins.length ? resolving.map(graphOf) : typeGraphs).filter((a): a is Agency => a !== undefined);
      owners.set(`${definition.name.value}.${field.name.value}`, [...new Set(agencies)]);
    }
  }
  return owners;
}
