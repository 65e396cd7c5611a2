import { ApolloGateway } from '@apollo/gateway';
import { apiSchemaFromSupergraph } from '@lbc/schema';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SUPERGRAPH = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');

/**
 * `accessExplain` decides on the API schema a subgraph derives from the supergraph SDL
 * without @apollo/gateway; the gateway decides on the one @apollo/gateway derives. They
 * must be the same schema, or the explanation would describe another graph.
 */
describe('apiSchemaFromSupergraph', () => {
  it('equals the API schema @apollo/gateway executes against', async () => {
    const gateway = new ApolloGateway({ supergraphSdl: SUPERGRAPH });
    try {
      const { schema } = await gateway.load();
      const ours = printSchema(lexicographicSortSchema(apiSchemaFromSupergraph(SUPERGRAPH)));
      expect(ours).toBe(printSchema(lexicographicSortSchema(schema)));
      expect(ours).not.toContain('_caseForAccessCheck');
    } finally {
      await gateway.stop();
    }
  });
});
