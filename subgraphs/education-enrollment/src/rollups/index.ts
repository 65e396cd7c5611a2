import type { RollupDefinition } from '@lbc/subgraph-kit';
import { SCHOOL_AREA_COUNTS } from './school-area-counts.ts';
import { SCHOOL_TERM_ABSENCES } from './school-term-absences.ts';

export { SCHOOL_AREA_COUNTS } from './school-area-counts.ts';
export { SCHOOL_TERM_ABSENCES } from './school-term-absences.ts';

/** The count tables `Region.schoolStats` sums: kept by triggers, rebuilt by the seed, recounted by the check. */
export const ROLLUPS: readonly RollupDefinition[] = [SCHOOL_AREA_COUNTS, SCHOOL_TERM_ABSENCES];
