import type { Agency } from '../principal.ts';
import { codeAtLevel, type AdminLevel } from '../identifiers/division-code.ts';

/** One side of a hand-off: an agency's unit at a place, and its org (a school, a station) when it is one. */
export interface Party {
  agency: Agency;
  level: AdminLevel;
  region: string;
  org: string | null;
}

/** The unit of `agency` at `level` that contains the place `code`: a village's township police, a township's county bureau. */
export function unitAt(agency: Agency, code: string, level: AdminLevel): Party {
  return { agency, level, region: codeAtLevel(code, level), org: null };
}
