import type { Agency } from './principal.ts';

/** Which agency runs each subgraph: the owner of the data it resolves, for the gateway's and the subgraphs' decisions alike. */
export const SUBGRAPH_AGENCY: Record<string, Agency> = {
  'civil-affairs': 'civil_affairs',
  'education-enrollment': 'education',
  'police-household': 'police',
  health: 'health',
  // The hub's own subgraph: the audit log is the auditors' record.
  audit: 'audit',
};
