import type { Principal } from '@lbc/schema';
import type { SubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { testPrincipal } from '@lbc/subgraph-kit/testing';
import type { FormattedExecutionResult } from 'graphql';
import { expect } from 'vitest';
import type { EducationDB } from '../src/db-types.ts';

/** A county education officer in Suxian district (the beds' default caller). */
export const SUXIAN_COUNTY = testPrincipal({ agency: 'education', region: '431003' });
/** A county education officer in Fushun county, Liaoning: another province. */
export const FUSHUN_COUNTY = testPrincipal({ agency: 'education', region: '210421' });
/** Staff of 白露塘镇中心小学 (431003101-P), bound to it; 白露塘镇中学 (431003101-J) stands in the same town. */
export const BAILUTANG_PRIMARY = testPrincipal({ agency: 'education', level: 'town', region: '431003101', org: '431003101-P', subject: 'school-clerk' });
/** A city officer: oversight, not recording (the action rules). */
export const CITY = testPrincipal({ agency: 'education', level: 'city', region: '4310' });

type Table = keyof EducationDB;

/** The rows of `table`: to show that a refused write wrote nothing. */
export async function count(bed: SubgraphTestBed<EducationDB>, table: Table): Promise<number> {
  const row = await bed.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The counts of several tables at once. */
export function counts(bed: SubgraphTestBed<EducationDB>, tables: Table[]): Promise<number[]> {
  return Promise.all(tables.map((table) => count(bed, table)));
}

/** The one error of a refused write, and that its field is null. */
export function refusal(result: FormattedExecutionResult<Record<string, any>>, field: string) {
  expect(result.data?.[field] ?? null, JSON.stringify(result.errors)).toBeNull();
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!.extensions!;
}

/** Runs `query` as `principal` and expects no error; returns the mutation field's payload. */
export async function written(bed: SubgraphTestBed<EducationDB>, query: string, field: string, input: Record<string, unknown>, principal?: Principal): Promise<any> {
  const result = await bed.run(query, { input }, principal);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data![field];
}
