import rules from '../generated/count-rules.json';
import type { Session } from '../session/session.ts';

export type CountedFact = 'PUBLIC' | 'BASIC' | 'PROTECTIVE' | 'SENSITIVE';

/** How a count reaches this caller: the counted fact's class, the agency that released it, and whether it is exact. */
export interface CountDisclosure {
  coordinate: string;
  fact: CountedFact;
  owner: string;
  exact: boolean;
}

/**
 * The disclosure of `Type.field` for the signed-in caller, from count-rules.json (generated
 * from the subgraphs' own `countsExactly`, so the label matches what the subgraph did).
 * `owner` is needed for a quality rule's counts, which are released as the rule's owner's.
 */
export function countDisclosure(session: Session, typeName: string, fieldName: string, owner?: string): CountDisclosure {
  const coordinate = `${typeName}.${fieldName}`;
  const fact = ((rules.facts as Record<string, string>)[coordinate] ?? 'SENSITIVE') as CountedFact;
  const releasedBy = owner ?? (rules.owners as Record<string, string>)[typeName] ?? 'civil_affairs';
  if (fact === 'PUBLIC') return { coordinate, fact, owner: releasedBy, exact: true };
  const { agency, level } = session.principal;
  const exactPairs = (rules.exact as Record<string, string[]>)[`${level}|${agency}|${session.purpose}`] ?? [];
  return { coordinate, fact, owner: releasedBy, exact: exactPairs.includes(`${fact}@${releasedBy}`) };
}

/** Banded counts: n stands for n to n+4, null for fewer than five. */
export const BAND_WIDTH = 5;
