import type { ChildColumns } from '@lbc/subgraph-kit';

/**
 * Where the registry places a child, for the hub's one rule (the kit's childInJurisdiction)
 * over a `child` row: its residence village; civil affairs relates children to no org.
 * Lists by region do not use the rule: a region filter means the residence village.
 */
export const REGISTRY_CHILD: ChildColumns = { place: 'child.village_code', childId: 'child.id' };
