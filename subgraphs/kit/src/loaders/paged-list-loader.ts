import type DataLoader from 'dataloader';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { invalidCursor } from '../pagination/cursor.ts';
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
  /** The table's alias in `join` and `where` (default `t`). */
  alias?: string;
  /** Tables joined to decide `where`, e.g. a pupil's school for the jurisdiction rule. */
  join?: RawBuilder<unknown>;
  /** Rows to keep, beyond belonging to a parent: the caller's jurisdiction, current rows only... */
  where?: RawBuilder<boolean>;
}

/**
 * One page of a per-parent list for many parents, in ONE statement: the rows are ranked
 * per parent with row_number() and cut at `first + 1`, so N parents cost one query, not N.
 * Loaders are grouped by page window: parents asked with the same first/after share a batch.
 */
export function pagedListLoaderFamily<Row extends Record<string, unknown>>(db: Kysely<any>, spec: PagedListSpec<Row>): (args: PageArgs) => DataLoader<string, Connection<Row>> {
  return pageLoaderFamily(spec.orderBy.length, (parents, window) => loadPages(db, spec, parents, window));
}

async function loadPages<Row extends Record<string, unknown>>(db: Kysely<any>, spec: PagedListSpec<Row>, parents: readonly string[], window: PageWindow): Promise<Connection<Row>[]> {
  const alias = spec.alias ?? 't';
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const direction = sql.raw(spec.direction);
  const order = sql.join(spec.orderBy.map((name) => sql`${column(name)} ${direction}`));
  const sortKey = sql.join(spec.orderBy.map(column));
  const past = sql.raw(spec.direction === 'desc' ? '<' : '>');
  const after = window.after ? sql`and (${sortKey}) ${past} (${sql.join(window.after as unknown[])})` : sql``;
  const where = spec.where ? sql`and ${spec.where}` : sql``;
  const { rows } = await query<Row & { _rank: number }>(
    db,
    window,
    sql`
    select * from (
      select ${sql.raw(alias)}.*, row_number() over (partition by ${column(spec.parentColumn)} order by ${order}) as _rank
      from ${sql.table(spec.table)} ${sql.raw(alias)} ${spec.join ?? sql``}
      where ${column(spec.parentColumn)} in (${sql.join(parents as string[])}) ${where} ${after}
    ) ranked
    where _rank <= ${window.first + 1}
    order by _rank`,
  );
  const byParent = new Map<string, Row[]>(parents.map((p) => [p, []]));
  for (const ranked of rows) {
    const { _rank, ...row } = ranked;
    byParent.get(String(ranked[spec.parentColumn]))?.push(row as unknown as Row);
  }
  return parents.map((parent) => toConnection(byParent.get(parent)!, window.first, (row) => spec.orderBy.map((column) => sortValue(row[column]))));
}

/**
 * Cursors are opaque but not signed: a hand-made one can carry a value of the wrong type
 * for its column ("x" for a date, 5 for a text id). PostgreSQL rejects it with a data
 * exception (class 22) or a missing operator (42883); that is the client's mistake, so
 * say so instead of reporting an internal error.
 */
async function query<R>(db: Kysely<any>, window: PageWindow, statement: RawBuilder<R>) {
  try {
    return await statement.execute(db);
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (window.after && (code.startsWith('22') || code === '42883')) {
      throw invalidCursor();
    }
    throw error;
  }
}

function sortValue(value: unknown): string | number {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'number' ? value : String(value);
}
