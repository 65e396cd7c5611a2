import { qualityFactsPage } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { educationFacts } from '../quality/education-facts.ts';

/**
 * The hub's data-quality check (run by the exchange process, never by a caller): the
 * enrollment facts about a township's children. Outside the field policy like every `_`
 * field, so the exchange-only rule is here (the kit's qualityFactsPage).
 */
export const qualityFactsQuery: Pick<QueryResolvers, '_educationFacts'> = {
  _educationFacts: (_, args, context) => educationFacts(context.db, qualityFactsPage(context, args)),
};
