import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/create-database.ts';
import { runDdl } from '../src/db/run-ddl.ts';
import { checkRollups, pauseRollups, rebuildRollups, resumeRollups, ROLLUP_AREA_LOCKS_MAX, ROLLUP_MACHINERY_DDL, rollupRefreshDdl, sumRollup, type RollupDefinition } from '../src/rollups/index.ts';
import { createTestDatabase, TEST_POSTGRES_URL_VARIABLE } from '../src/testing/test-database.ts';

// A miniature agency: items placed in villages, some flagged, counted per village.
const ITEMS: RollupDefinition = { name: 'item_village', area: 'village_code', key: ['village_code'], sourceAreas: 'select village_code as area from item' };

const migrations = {
  '0001-items': {
    async up(db: Kysely<any>) {
      await runDdl(db, [
        ...ROLLUP_MACHINERY_DDL,
        `create table item (id int primary key, village_code text not null, flagged boolean not null default false)`,
        `create index item_village_idx on item (village_code)`,
        `create table item_village (village_code text primary key, items int not null, flagged int not null)`,
        `create function item_village_from_rows(codes text[]) returns setof item_village language sql stable as $$
           select village_code, count(*)::int, count(*) filter (where flagged)::int from item where village_code = any(codes) group by village_code $$`,
        rollupRefreshDdl(ITEMS),
        `create function item_mark() returns trigger language plpgsql as $$
         begin
           if tg_op <> 'INSERT' then perform rollup_mark('item_village', old.village_code); end if;
           if tg_op <> 'DELETE' then perform rollup_mark('item_village', new.village_code); end if;
           return null;
         end $$`,
        `create trigger item_mark after insert or update or delete on item for each row execute function item_mark()`,
      ]);
    },
  },
};

const A = '431003100201';
const B = '431003100202';
const C = '431003200201';
let database: Database<any>;
let db: Kysely<any>;

beforeEach(async () => {
  database = await createTestDatabase({ name: 'audit', migrations });
  db = database.db;
});
afterEach(() => database.close());

const rollup = async () => (await sql<{ village_code: string; items: number; flagged: number }>`select * from item_village order by village_code`.execute(db)).rows;

describe('rollups kept by their writes', () => {
  it('recounts the areas a transaction touched, at commit, once, and never a pending mark left behind', async () => {
    await db.transaction().execute(async (trx) => {
      await sql`insert into item values (1, ${A}, true), (2, ${A}, false), (3, ${B}, true)`.execute(trx);
      await sql`update item set flagged = true where id = 2`.execute(trx);
      // Deferred: nothing is recounted before the commit.
      expect((await sql`select * from item_village`.execute(trx)).rows).toEqual([]);
      expect((await sql<{ n: number }>`select count(*)::int as n from rollup_pending`.execute(trx)).rows[0]!.n).toBe(2);
    });
    expect(await rollup()).toEqual([
      { village_code: A, items: 2, flagged: 2 },
      { village_code: B, items: 1, flagged: 1 },
    ]);
    expect((await sql`select * from rollup_pending`.execute(db)).rows).toEqual([]);
  });

  it('recounts more areas than it would lock one by one (the whole rollup locked instead)', async () => {
    const villages = Array.from({ length: ROLLUP_AREA_LOCKS_MAX * 2 }, (_, i) => `431003${String(100_000 + i)}`);
    await db.transaction().execute(async (trx) => {
      for (const [i, village] of villages.entries()) await sql`insert into item values (${i}, ${village}, ${i % 2 === 0})`.execute(trx);
    });
    expect(await rollup()).toEqual(villages.map((village_code, i) => ({ village_code, items: 1, flagged: i % 2 === 0 ? 1 : 0 })));
    await rebuildRollups(db, [ITEMS], { chunkSize: villages.length });
    expect(await checkRollups(db, [ITEMS])).toEqual([]);
  });

  it('moves a count between areas and drops an area left empty', async () => {
    await sql`insert into item values (1, ${A}, true), (2, ${B}, false)`.execute(db);
    await sql`update item set village_code = ${C} where id = 1`.execute(db);
    await sql`delete from item where id = 2`.execute(db);
    expect(await rollup()).toEqual([{ village_code: C, items: 1, flagged: 1 }]);
  });

  it('leaves the counts as they were when the write rolls back', async () => {
    await sql`insert into item values (1, ${A}, true)`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into item values (2, ${A}, true)`.execute(trx);
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    expect(await rollup()).toEqual([{ village_code: A, items: 1, flagged: 1 }]);
  });

  it('sums a region over its areas, zeros for a region without rows', async () => {
    await sql`insert into item values (1, ${A}, true), (2, ${B}, false), (3, ${C}, true)`.execute(db);
    const rows = await sumRollup<{ code: string; items: number; flagged: number }>(db, { table: 'item_village', area: 'village_code', columns: ['items', 'flagged'] }, ['431003100', '43', '110101']);
    expect(rows.sort((x, y) => x.code.localeCompare(y.code))).toEqual([
      { code: '110101', items: 0, flagged: 0 },
      { code: '43', items: 3, flagged: 2 },
      { code: '431003100', items: 2, flagged: 1 },
    ]);
  });
});

// Concurrent transactions need a server: PGlite runs one at a time.
describe.runIf(process.env[TEST_POSTGRES_URL_VARIABLE])('concurrent writes (PostgreSQL)', () => {
  it('two transactions committing in the same villages, marked in opposite orders, both count and neither fails', async () => {
    let release!: () => void;
    const bothWritten = new Promise<void>((resolve) => (release = resolve));
    let written = 0;
    const write = (id: number, first: string, second: string) =>
      db.transaction().execute(async (trx) => {
        await sql`insert into item values (${id}, ${first}, true)`.execute(trx);
        await sql`insert into item values (${id + 100}, ${second}, false)`.execute(trx);
        if (++written === 2) release();
        await bothWritten;
      });
    await Promise.all([write(1, A, B), write(2, B, A)]);
    expect(await rollup()).toEqual([
      { village_code: A, items: 2, flagged: 1 },
      { village_code: B, items: 2, flagged: 1 },
    ]);
    expect(await checkRollups(db, [ITEMS])).toEqual([]);
  });
});

describe('bulk loads and the consistency check', () => {
  it('skips marking while paused; the check finds what was missed and a rebuild mends it', async () => {
    await sql`insert into item values (1, ${A}, true)`.execute(db);
    await pauseRollups(db);
    await sql`insert into item values (2, ${A}, false), (3, ${B}, true)`.execute(db);
    await resumeRollups(db);
    expect(await rollup()).toEqual([{ village_code: A, items: 1, flagged: 1 }]);
    const mismatches = await checkRollups(db, [ITEMS]);
    expect(mismatches).toEqual([
      { rollup: 'item_village', expected: { village_code: A, items: 2, flagged: 1 }, actual: { village_code: A, items: 1, flagged: 1 } },
      { rollup: 'item_village', expected: { village_code: B, items: 1, flagged: 1 }, actual: null },
    ]);
    await rebuildRollups(db, [ITEMS], { chunkSize: 1 });
    expect(await checkRollups(db, [ITEMS])).toEqual([]);
  });

  it('reports a rollup row the rows no longer support, and a tampered count', async () => {
    await sql`insert into item values (1, ${A}, true), (2, ${B}, true)`.execute(db);
    await sql`insert into item_village values (${C}, 4, 0)`.execute(db);
    await sql`update item_village set flagged = 0 where village_code = ${B}`.execute(db);
    const mismatches = await checkRollups(db, [ITEMS]);
    expect(mismatches).toHaveLength(2);
    expect(mismatches).toContainEqual({ rollup: 'item_village', expected: null, actual: { village_code: C, items: 4, flagged: 0 } });
    expect(mismatches).toContainEqual({ rollup: 'item_village', expected: { village_code: B, items: 1, flagged: 1 }, actual: { village_code: B, items: 1, flagged: 0 } });
  });
});
