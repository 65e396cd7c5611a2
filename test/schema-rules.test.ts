import { readSubgraphSdl, SUBGRAPHS } from '@lbc/scripts/supergraph/subgraph-sources';
import { Kind, parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * Rules the subgraph schemas must keep for the graph to degrade gracefully: civil affairs
 * owns Child and Region; every field another agency adds to them must be nullable, so
 * that agency's outage or timeout nulls its own branch and not the whole record.
 */
const CONTRIBUTED = ['Child', 'Region'];

function keyFields(type: ObjectTypeDefinitionNode): Set<string> {
  const keys = (type.directives ?? []).filter((d) => d.name.value === 'key');
  return new Set(keys.flatMap((d) => String((d.arguments?.[0]?.value as { value?: string })?.value ?? '').split(/\s+/)));
}

describe('subgraph schema rules', () => {
  for (const { name } of SUBGRAPHS.filter((s) => s.name !== 'civil-affairs')) {
    it(`${name}: every field it adds to ${CONTRIBUTED.join(' and ')} is nullable`, () => {
      const offending: string[] = [];
      for (const definition of parse(readSubgraphSdl(name)).definitions) {
        if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !CONTRIBUTED.includes(definition.name.value)) continue;
        const keys = keyFields(definition);
        for (const field of definition.fields ?? []) {
          if (!keys.has(field.name.value) && field.type.kind === Kind.NON_NULL_TYPE) offending.push(`${definition.name.value}.${field.name.value}: ${print(field.type)}`);
        }
      }
      expect(offending).toEqual([]);
    });
  }
});
