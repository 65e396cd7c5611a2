import { sql, type Kysely } from 'kysely';
import type { CivilAffairsDB } from '../db-types.ts';

/**
 * The townships the registry holds children in, in code order after `after` (exclusive):
 * the data-quality sweep walks them. Townships without a registered child are left out —
 * the region table names every township of the country, and checking tens of thousands of
 * empty ones would make a sweep of a few counties take hours. A skip scan over the
 * child_village_idx: each step jumps past the last township's villages with one index
 * probe, so a page costs `first` probes whatever the number of children.
 */
export async function townCodes(db: Kysely<CivilAffairsDB>, after: string, first: number): Promise<string[]> {
  // A township's villages are its code and three digits: '999' is past its last one.
  const from = after ? `${after}999` : '';
  const { rows } = await sql<{ code: string }>`
    with recursive town(code) as (
      (select left(village_code, 9) from child where village_code > ${from} order by village_code limit 1)
      union all
      select (select left(c.village_code, 9) from child c where c.village_code > t.code || '999' order by c.village_code limit 1)
      from town t where t.code is not null
    )
    select code from town where code is not null limit ${first}`.execute(db);
  return rows.map((row) => row.code);
}
