import type { Purpose } from '@lbc/schema';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../paths.ts';

/** The county every query is about: one of the seed's six demo counties (Suxian, Chenzhou). */
export const BENCH_COUNTY = '431003';

/** One operation the three gateways are each asked, with how a right answer looks. */
export interface BenchQuery {
  name: string;
  /** The operation's file: its exact text is sent, and registered as a trusted document for the hub. */
  file: string;
  text: string;
  variables: Record<string, unknown>;
  purpose: Purpose;
  /** The root field that must come back non-null. */
  root: string;
}

/** The operations' files: registered with the hub as trusted documents before the child is known. */
export const QUERY_FILES = {
  childRecord: join(ROOT, 'schema/examples/child-record.graphql'),
  childrenPage: fileURLToPath(new URL('./children-page.graphql', import.meta.url)),
  regionOverview: join(ROOT, 'schema/examples/region-overview.graphql'),
};

function query(name: string, file: string, variables: Record<string, unknown>, purpose: Purpose, root: string): BenchQuery {
  return { name, file, text: readFileSync(file, 'utf8'), variables, purpose, root };
}

/**
 * The three operations: (a) one child's full record across the four agencies, (b) a page
 * of 100 children with fields of all four, (c) a county's overview (every agency's counts
 * and its townships). (a) and (c) are the README's examples. (a) and (b) are asked under
 * CASE_MANAGEMENT, the purpose of a caseworker reading records; (c) under SUPERVISION, a
 * bureau reading its county's counts. Nothing in them is withheld from the bench's caller.
 */
export function benchQueries(childId: string): BenchQuery[] {
  return [
    query('child record', QUERY_FILES.childRecord, { id: childId }, 'CASE_MANAGEMENT', 'child'),
    childrenPageQuery(),
    query('region overview', QUERY_FILES.regionOverview, { code: BENCH_COUNTY }, 'SUPERVISION', 'region'),
  ];
}

/** (b): the bench's own operation (children-page.graphql), 100 children of the county. */
export function childrenPageQuery(): BenchQuery {
  return query('children page', QUERY_FILES.childrenPage, { region: BENCH_COUNTY, first: 100 }, 'CASE_MANAGEMENT', 'children');
}
