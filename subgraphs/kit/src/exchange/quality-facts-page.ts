import { badUserInput, villageCodeRange } from '@lbc/schema';
import { assertExchange } from './assert-exchange.ts';
import { countArgument } from '../pagination/count-argument.ts';

/** Most children one page of quality facts holds: the checking process's batch, bounded. */
export const MAX_QUALITY_FACTS_PAGE = 1000;

/** One page of a township's quality facts, checked: its village-code range and the keyset position. */
export interface QualityFactsPage {
  townCode: string;
  /** The township's 12-digit village codes, inclusive (a btree range). */
  low: string;
  high: string;
  /** The last child id of the previous page (exclusive); '' for the first page, before every id. */
  after: string;
  first: number;
}

/**
 * The arguments of an agency's `_xxxFacts(townCode, after, first)`, checked the same way in
 * every subgraph. Answered only to the hub's exchange (the data-quality check runs in its
 * process): an agency's facts about a whole township are not for any caller's token,
 * whatever its rights. A town code is 9 digits; `first` 1 to MAX_QUALITY_FACTS_PAGE.
 */
export function qualityFactsPage(context: { service?: 'exchange' | undefined }, args: { townCode: string; after?: string | null; first: number }): QualityFactsPage {
  assertExchange(context, 'read quality facts');
  if (!/^\d{9}$/.test(args.townCode)) throw badUserInput('townCode must be a township code (9 digits)', { argumentName: 'townCode', inResolver: true });
  const first = countArgument('first', args.first, MAX_QUALITY_FACTS_PAGE, MAX_QUALITY_FACTS_PAGE);
  return { townCode: args.townCode, ...villageCodeRange(args.townCode), after: args.after ?? '', first };
}
