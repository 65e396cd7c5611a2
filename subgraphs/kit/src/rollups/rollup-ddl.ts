import type { RollupDefinition } from './rollup-definition.ts';

/**
 * The machinery every agency's rollups share, created once per database by its migration.
 *
 * A change marks the areas whose counts it may move (`rollup_mark`, from the row triggers
 * the agency defines). At commit, a deferred constraint trigger recomputes each marked area
 * once from the rows (`refresh_<rollup>`), in the same transaction: a count is never stale
 * after its write commits, whatever path wrote the row (a mutation, an exchange delivery,
 * a script), and a failed refresh rolls the write back. Marking twice in one transaction
 * inserts nothing the second time, so an area is recomputed once however many of its rows
 * a write touched.
 *
 * `rollup_control.paused` lets a bulk load (the seed) skip the marking and rebuild at the
 * end instead: recomputing villages after every multi-row insert would multiply its time.
 */
export const ROLLUP_MACHINERY_DDL: readonly string[] = [
  // Keyed by transaction too: two transactions marking the same village must not wait on
  // each other's uncommitted mark (in opposite orders they would deadlock).
  `create table rollup_pending (tx bigint not null default txid_current(), rollup text not null, area text not null, primary key (tx, rollup, area))`,
  `create table rollup_control (id boolean primary key default true check (id), paused boolean not null default false)`,
  `insert into rollup_control default values`,
  `create function rollup_mark(rollup_name text, area_code text) returns void language plpgsql as $$
   begin
     if area_code is null or (select paused from rollup_control) then return; end if;
     insert into rollup_pending (rollup, area) values (rollup_name, area_code) on conflict do nothing;
   end $$`,
  // The first firing at commit takes every mark of the transaction and recounts them a
  // rollup at a time; the later firings find nothing left. (A mark is deleted before its
  // transaction commits, so no other transaction's mark is ever visible here.)
  `create function rollup_flush() returns trigger language plpgsql as $$
   declare
     marked record;
   begin
     for marked in
       with taken as (delete from rollup_pending returning rollup, area)
       select rollup, array_agg(area order by area) as areas from taken group by rollup order by rollup
     loop
       execute format('select %I($1)', 'refresh_' || marked.rollup) using marked.areas;
     end loop;
     return null;
   end $$`,
  `create constraint trigger rollup_flush after insert on rollup_pending
     deferrable initially deferred for each row execute function rollup_flush()`,
];

/** Above this many areas a refresh locks the whole rollup instead of each area: locks are a bounded shared resource. */
export const ROLLUP_AREA_LOCKS_MAX = 64;

/**
 * The refresh of one rollup: its areas' rows replaced by what `<name>_from_rows` counts now.
 * Two transactions committing in one area would otherwise both delete and both insert, and
 * the second insert would break the key; so each area is locked first (a transaction-level
 * advisory lock, taken in code order so that two refreshes cannot wait on each other), and
 * the second recounts after the first has committed, seeing its rows. A refresh of many
 * areas (a rebuild's chunk, a large delivery) locks the table instead: a lock per area
 * would exhaust the server's lock table, and the table lock makes every other refresh of
 * the rollup wait at its delete until this one commits. `first` is plpgsql run before
 * anything else (a rollup's own lock, say).
 */
export function rollupRefreshDdl(rollup: RollupDefinition, options: { first?: string } = {}): string {
  const { name, area } = rollup;
  return `create or replace function refresh_${name}(codes text[]) returns void language plpgsql as $$
   begin
     ${options.first ?? ''}
     if cardinality(codes) > ${ROLLUP_AREA_LOCKS_MAX} then
       lock table ${name} in exclusive mode;
     else
       perform pg_advisory_xact_lock(hashtextextended('${name}:' || code, 0)) from unnest(codes) as code order by code;
     end if;
     delete from ${name} where ${area} = any(codes);
     insert into ${name} select * from ${name}_from_rows(codes);
   end $$`;
}
