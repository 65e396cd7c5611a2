import { qualityFactsPage } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { policeFacts } from '../quality/police-facts.ts';

/**
 * The hub's data-quality check (run by the exchange process, never by a caller): the
 * household registration's facts about a township's children. Outside the field policy
 * like every `_` field, so the exchange-only rule is here (the kit's qualityFactsPage).
 */
export const qualityFactsQuery: Pick<QueryResolvers, '_policeFacts'> = {
  _policeFacts: (_, args, context) => policeFacts(context.db, qualityFactsPage(context, args)),
};
