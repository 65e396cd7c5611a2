import { assertExchange, countArgument, MAX_QUALITY_FACTS_PAGE, qualityFactsPage } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { registryFacts } from '../quality/registry-facts.ts';
import { townCodes } from '../quality/town-codes.ts';

/**
 * The hub's data-quality check (run by the exchange process, never by a caller): the
 * registry's facts about a township's children, and the townships to check. Outside the
 * field policy like every `_` field, so the exchange-only rule is here (the kit's
 * qualityFactsPage): a caller's token is FORBIDDEN whatever its rights.
 */
export const qualityFactsQuery: Pick<QueryResolvers, '_registryFacts' | '_townCodes'> = {
  _registryFacts: (_, args, context) => registryFacts(context.db, qualityFactsPage(context, args)),
  _townCodes: (_, args, context) => {
    assertExchange(context, 'read quality facts');
    return townCodes(context.db, args.after ?? '', countArgument('first', args.first, MAX_QUALITY_FACTS_PAGE, MAX_QUALITY_FACTS_PAGE));
  },
};
