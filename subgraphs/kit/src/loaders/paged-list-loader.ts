import type DataLoader from 'dataloader';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { badUserInput } from '../errors.ts';
import { toConnection, type Connection } from '../pagination/connection.ts';
import { pageLoaderFamily } from './page-loader-family.ts';
import type { PageArgs, PageWindow } from '../pagination/page-window.ts';

/** Describes a list that hangs off a parent row: a child's home visits, a school's dropouts... */
export interface PagedListSpec<Row> {
  table: string;
  /** Column holding the parent's key. */
  parentColumn: string & keyof Row;
  /** Sort key: e.g. ['visited_on', 'id']. Must end in a unique column. */
  orderBy: readonly (string & keyof Row)[];
  /** 'desc' (newest first) for histories, 'asc' for directories such as sub-regions. */
  direction: 'asc' | 'desc';
}

/**
 * One page of a per-parent list for many parents, in ONE statement: the rows are ranked
 * per parent with row_number() and cut at `first + 1`, so N parents cost one query, not N.
 * Loaders are grouped by page window: parents asked with the same first/after share a batch.
 */
export function pagedListLoaderFamily<Row extends Record<string, unknown>>(
  db: Kysely<any>,
  spec: PagedListSpec<Row>,
): (args: PageArgs) => DataLoader<string, Connection<Row>> {
  return pageLoaderFamily(spec.orderBy.length, (parents, window) => loadPages(db, spec, parents, window));
}

async function loadPages<Row extends Record<string, unknown>>(
  db: Kysely<any>,
  spec: PagedListSpec<Row>,
  parents: readonly string[],
  window: PageWindow,
): Promise<Connection<Row>[]> {
  const direction = sql.raw(spec.direction);
  const order = sql.join(spec.orderBy.map((column) => sql`${sql.ref(column)} ${direction}`));
  const sortKey = sql.join(spec.orderBy.map((column) => sql.ref(column)));
  const past = sql.raw(spec.direction === 'desc' ? '<' : '>');
  const after = window.after ? sql`and (${sortKey}) ${past} (${sql.join(window.after as unknown[])})` : sql``;
  const { rows } = await query<Row & { _rank: number }>(db, window, sql`
    select * from (
      select t.*, row_number() over (partition by ${sql.ref(spec.parentColumn)} order by ${order}) as _rank
      from ${sql.table(spec.table)} t
      where ${sql.ref(spec.parentColumn)} in (${sql.join(parents as string[])}) ${after}
    ) ranked
    where _rank <= ${window.first + 1}
    order by _rank`);
  const byParent = new Map<string, Row[]>(parents.map((p) => [p, []]));
  for (const ranked of rows) {
    const { _rank, ...row } = ranked;
    byParent.get(String(ranked[spec.parentColumn]))?.push(row as unknown as Row);
  }
  return parents.map((parent) =>
    toConnection(byParent.get(parent)!, window.first, (row) => spec.orderBy.map((column) => sortValue(row[column]))),
  );
}

/**
 * Cursors are opaque but not signed: a hand-made one can carry a value of the wrong type
 * for its column ("x" for a date). PostgreSQL rejects it with a data exception (class 22);
 * that is the client's mistake, so say so instead of reporting an internal error.
 */
async function query<R>(db: Kysely<any>, window: PageWindow, statement: RawBuilder<R>) {
  try {
    return await statement.execute(db);
  } catch (error) {
    if (window.after && String((error as { code?: unknown }).code ?? '').startsWith('22')) {
      throw badUserInput('"after" is not a cursor returned by this list', { argumentName: 'after' });
    }
    throw error;
  }
}

function sortValue(value: unknown): string | number {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'number' ? value : String(value);
}
