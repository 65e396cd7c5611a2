import type { Selectable } from 'kysely';
import type { QualityCheckTable } from '../db-types.ts';

/** A township's check row, as requests and the payload read it. */
export type QualityCheckRow = Selectable<QualityCheckTable>;
