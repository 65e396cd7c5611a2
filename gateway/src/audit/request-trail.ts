import { randomBytes } from 'node:crypto';
import { RESERVED_KEY_PREFIX } from '../pipeline/operation-limits.ts';

/**
 * What the audit stage gathers about one request while it runs: when it started, what
 * each subgraph fetch asked for, and whether its entry is already written (so that a
 * request refused before execution is still recorded, exactly once).
 */
export interface RequestTrail {
  startedAt: Date;
  /** Subgraph fetches as sent: the subgraph and the operation text it received. */
  fetches: { subgraph: string; query: string }[];
  /**
   * The response key under which the audit stage asks each child object for its id:
   * random per gateway process (so query plans stay cacheable), never in a response, and
   * in a prefix no caller may use (see operation-limits.ts).
   */
  childKey: string;
  recorded: boolean;
}

export function newRequestTrail(): RequestTrail {
  return { startedAt: new Date(), fetches: [], childKey: `${RESERVED_KEY_PREFIX}${randomBytes(6).toString('hex')}`, recorded: false };
}
