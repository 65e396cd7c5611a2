import { qualityFactsPage } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { healthFacts } from '../quality/health-facts.ts';

/**
 * The hub's data-quality check (run by the exchange process, never by a caller): the health
 * facts about a township's children. Outside the field policy like every `_` field, so the
 * exchange-only rule is here (the kit's qualityFactsPage).
 */
export const qualityFactsQuery: Pick<QueryResolvers, '_healthFacts'> = {
  _healthFacts: (_, args, context) => healthFacts(context.db, qualityFactsPage(context, args)),
};
