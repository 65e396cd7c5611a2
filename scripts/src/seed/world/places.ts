import { readDivisionFile, DIVISION_FILES } from '@lbc/civil-affairs/regions';

/**
 * The real places the synthetic children live in: every village under the chosen
 * counties, and the township it belongs to (where its school, police station and
 * clinic are).
 */
export interface Places {
  villages: readonly string[];
  /** Town (9-digit) code → the village its school, station and clinic stand in. */
  townSeat: ReadonlyMap<string, string>;
  /** Names of the villages and townships in scope (for school and clinic names). */
  names: ReadonlyMap<string, string>;
}

/** The three counties the seed texts describe, and three more rural counties in other provinces. */
export const DEMO_COUNTIES = ['210421', '431003', '610304', '522425', '511623', '360731'] as const;

export async function loadPlaces(prefixes: readonly string[]): Promise<Places> {
  const villages: string[] = [];
  const townSeat = new Map<string, string>();
  const names = new Map<string, string>();
  const villageFile = DIVISION_FILES.find((f) => f.level === 'VILLAGE')!;
  for await (const village of readDivisionFile(villageFile)) {
    if (!prefixes.some((p) => village.code.startsWith(p))) continue;
    villages.push(village.code);
    names.set(village.code, village.name);
    const town = village.code.slice(0, 9);
    if (!townSeat.has(town)) townSeat.set(town, village.code);
  }
  const townFile = DIVISION_FILES.find((f) => f.level === 'TOWN')!;
  for await (const town of readDivisionFile(townFile)) if (townSeat.has(town.code)) names.set(town.code, town.name);
  if (villages.length === 0) throw new Error(`no villages under ${prefixes.join(', ')}: use division codes such as 431003`);
  villages.sort();
  return { villages, townSeat, names };
}
