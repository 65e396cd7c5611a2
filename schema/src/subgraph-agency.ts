import type { Agency } from './principal.ts';

/** Which agency runs each subgraph: the owner of the data it resolves, for the gateway's and the subgraphs' decisions alike. */
export const SUBGRAPH_AGENCY: Record<string, Agency> = {
  'civil-affairs': 'civil_affairs',
  'education-enrollment': 'education',
  'police-household': 'police',
  health: 'health',
  // The hub's own subgraphs: hand-offs are the hub's record of what agencies hand each
  // other (each keeps its own record of what it does), the audit log is the auditors'.
  handoffs: 'audit',
  audit: 'audit',
};
