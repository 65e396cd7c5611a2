import type { SubgraphContext } from '@lbc/subgraph-kit';
import type { AuditLoaders } from './loaders.ts';
import type { HubDB } from './store/hub-db.ts';

export type AuditContext = SubgraphContext<HubDB, AuditLoaders>;
