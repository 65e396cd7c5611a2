import { ROLLUP_MACHINERY_DDL, rollupRefreshDdl, runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import { REGISTRY_VILLAGE_COUNTS } from '../rollups/registry-village-counts.ts';

const flag = (kind: string) => `exists (select 1 from risk_flag f where f.child_id = c.id and f.kind = '${kind}' and f.cleared_on is null)`;

/**
 * Region.registryStats reads per-village counts instead of counting children per request
 * (the kit's rollups). `registry_village_counts_from_rows` is the one definition of what is
 * counted, the same as the region stats counted before: ACTIVE children by their own
 * village_code (never child_place: the registry counts where it records the child), each
 * count an EXISTS over the child's rows. Row triggers mark the village a row counts in
 * before and after every change: the child's own, and for the rows keyed by child the
 * child's village at the time (a child that moves marks both of its villages itself).
 * Ends with a recount of the existing rows, so an upgraded database is right at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...ROLLUP_MACHINERY_DDL,
    `create table registry_village_counts (
        village_code varchar(12) primary key,
        active_children int not null,
        both_parents_away int not null,
        one_parent_away_other_unable int not null,
        de_facto_unsupported int not null,
        guardian_missing int not null,
        without_entrusted_guardian int not null,
        open_protection_cases int not null,
        on_minimum_living_allowance int not null
      )`,
    // Served by child_village_idx (village_code, id); each EXISTS by its table's child_id index or key.
    `create function registry_village_counts_from_rows(codes text[]) returns setof registry_village_counts language sql stable as $$
       select c.village_code,
         count(*)::int,
         count(*) filter (where c.category = 'BOTH_PARENTS_AWAY')::int,
         count(*) filter (where c.category = 'ONE_PARENT_AWAY_OTHER_UNABLE')::int,
         count(*) filter (where ${flag('DE_FACTO_UNSUPPORTED')})::int,
         count(*) filter (where ${flag('GUARDIAN_MISSING')})::int,
         count(*) filter (where not exists (select 1 from guardian g where g.child_id = c.id))::int,
         count(*) filter (where exists (select 1 from protection_case p where p.child_id = c.id and p.status = 'OPEN'))::int,
         count(*) filter (where exists (
           select 1 from assistance a where a.child_id = c.id and a.kind = 'MINIMUM_LIVING_ALLOWANCE' and a.status = 'GRANTED'))::int
       from child c
       where c.village_code = any(codes) and c.status = 'ACTIVE'
       group by c.village_code $$`,
    rollupRefreshDdl(REGISTRY_VILLAGE_COUNTS),
    // A child's row: only a change of what is counted marks (versions, ID numbers and names do not).
    `create function registry_village_counts_mark_child() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' then
         if (old.id, old.village_code, old.status, old.category) is not distinct from (new.id, new.village_code, new.status, new.category) then
           return null;
         end if;
       end if;
       if tg_op <> 'INSERT' then perform rollup_mark('registry_village_counts', old.village_code); end if;
       if tg_op <> 'DELETE' then perform rollup_mark('registry_village_counts', new.village_code); end if;
       return null;
     end $$`,
    `create trigger registry_village_counts_mark after insert or update or delete on child
       for each row execute function registry_village_counts_mark_child()`,
    // A row keyed by child (flag, guardian, case, assistance): the village of its child, before and after.
    `create function registry_village_counts_mark_by_child() returns trigger language plpgsql as $$
     begin
       if tg_op = 'INSERT' then
         perform rollup_mark('registry_village_counts', (select village_code from child where id = new.child_id));
         return null;
       end if;
       perform rollup_mark('registry_village_counts', (select village_code from child where id = old.child_id));
       if tg_op = 'UPDATE' and new.child_id is distinct from old.child_id then
         perform rollup_mark('registry_village_counts', (select village_code from child where id = new.child_id));
       end if;
       return null;
     end $$`,
    ...['risk_flag', 'guardian', 'protection_case', 'assistance'].map(
      (table) => `create trigger registry_village_counts_mark after insert or update or delete on ${table}
         for each row execute function registry_village_counts_mark_by_child()`,
    ),
    `select refresh_registry_village_counts(array(select distinct village_code from child where status = 'ACTIVE'))`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...['risk_flag', 'guardian', 'protection_case', 'assistance', 'child'].map((table) => `drop trigger registry_village_counts_mark on ${table}`),
    `drop function registry_village_counts_mark_by_child()`,
    `drop function registry_village_counts_mark_child()`,
    `drop function refresh_registry_village_counts(text[])`,
    `drop function registry_village_counts_from_rows(text[])`,
    `drop table registry_village_counts`,
    `drop trigger rollup_flush on rollup_pending`,
    `drop function rollup_flush()`,
    `drop function rollup_mark(text, text)`,
    `drop table rollup_control`,
    `drop table rollup_pending`,
  ]);
}
