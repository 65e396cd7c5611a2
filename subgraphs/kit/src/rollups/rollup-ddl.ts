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
  `create table rollup_pending (rollup text not null, area text not null, primary key (rollup, area))`,
  `create table rollup_control (id boolean primary key default true check (id), paused boolean not null default false)`,
  `insert into rollup_control default values`,
  `create function rollup_mark(rollup_name text, area_code text) returns void language plpgsql as $$
   begin
     if area_code is null or (select paused from rollup_control) then return; end if;
     insert into rollup_pending (rollup, area) values (rollup_name, area_code) on conflict do nothing;
   end $$`,
  `create function rollup_flush() returns trigger language plpgsql as $$
   begin
     delete from rollup_pending where rollup = new.rollup and area = new.area;
     if found then
       execute format('select %I($1)', 'refresh_' || new.rollup) using array[new.area];
     end if;
     return null;
   end $$`,
  `create constraint trigger rollup_flush after insert on rollup_pending
     deferrable initially deferred for each row execute function rollup_flush()`,
];

/** The refresh of one rollup: its areas' rows replaced by what `<name>_from_rows` counts now. */
export function rollupRefreshDdl(rollup: RollupDefinition): string {
  const { name, area } = rollup;
  return `create or replace function refresh_${name}(codes text[]) returns void language plpgsql as $$
   begin
     delete from ${name} where ${area} = any(codes);
     insert into ${name} select * from ${name}_from_rows(codes);
   end $$`;
}
