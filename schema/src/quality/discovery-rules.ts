import type { Agency } from '../principal.ts';
import type { ChildFacts } from './quality-facts.ts';

/**
 * Active discovery (主动发现): another agency's facts point to a child as left behind whom
 * the registry does not hold. Each becomes a hand-off to the township to verify and
 * register, carrying only the derived fact (`id`), never the facts behind it.
 */
export interface DiscoveryRule {
  id: string;
  /** The agency whose record points to the child. */
  source: Agency;
  zh: string;
  en: string;
  /** The village the source places the child in, when the rule applies; else null. */
  place(facts: ChildFacts): string | null;
}

export const DISCOVERY_RULES: readonly DiscoveryRule[] = [
  {
    id: 'SCHOOL_FLAGS_LEFT_BEHIND',
    source: 'education',
    zh: '学校标记为留守儿童，民政名册无此儿童',
    en: 'the school flags the pupil left behind; the registry does not hold the child',
    place: ({ registry, education }) => (!registry && education?.leftBehindFlag && education.schoolCode ? education.schoolCode : null),
  },
  {
    id: 'BOTH_PARENTS_ELSEWHERE',
    source: 'police',
    zh: '父母双方户籍或务工地均在外，民政名册无此儿童',
    en: 'both parents are registered or work elsewhere; the registry does not hold the child',
    place: ({ registry, police }) => (!registry && police?.bothParentsElsewhere && police.householdCode ? police.householdCode : null),
  },
];

/** The first discovery rule that applies to `facts`, with the village it points to. */
export function discoveryFor(facts: ChildFacts): { rule: DiscoveryRule; villageCode: string } | undefined {
  for (const rule of DISCOVERY_RULES) {
    const villageCode = rule.place(facts);
    if (villageCode) return { rule, villageCode };
  }
  return undefined;
}
