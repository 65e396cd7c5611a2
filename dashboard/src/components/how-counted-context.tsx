import { createContext, useContext } from 'react';
import type { CountDisclosure } from '../policy/count-rules.ts';

/** What the "how is this counted" panel shows about one number. */
export interface HowCounted {
  /** What the number is, in the reader's language. */
  title: string;
  operation: string;
  variables: unknown;
  /** The policy rule; null for numbers that are not counts of children (township submissions). */
  disclosure: CountDisclosure | null;
  coordinate: string;
}

export const HowCountedContext = createContext<(info: HowCounted) => void>(() => undefined);

export function useHowCounted(): (info: HowCounted) => void {
  return useContext(HowCountedContext);
}
