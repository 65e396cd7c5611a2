/**
 * What the audit stage gathers about one request while it runs: when it started, what
 * each subgraph fetch asked for, and whether its entry is already written (so that a
 * request refused before execution is still recorded, exactly once).
 */
export interface RequestTrail {
  startedAt: Date;
  /** Subgraph fetches as sent: the subgraph and the operation text it received. */
  fetches: { subgraph: string; query: string }[];
  recorded: boolean;
}

export function newRequestTrail(): RequestTrail {
  return { startedAt: new Date(), fetches: [], recorded: false };
}
