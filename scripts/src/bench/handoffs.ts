/**
 * pnpm bench:handoffs [--handoffs 1000000] [--rounds 50] [--url postgres://…/postgres]
 *
 * What the hand-offs cost at a province's scale, on real PostgreSQL: a fresh hand-off
 * database filled with `--handoffs` hand-offs over 2,800 townships (most of them long
 * finished, a fifth waiting to be answered, a tenth under way, some overdue and escalated),
 * then, timed over `--rounds`: a station's work queue, a county's (its own and what is
 * escalated to it), a city's, a unit's sent list, and the clock's sweep of 1,000 hand-offs
 * falling due at once. Each figure is the subgraph's own code on its own indexes. Figures
 * go in the README.
 */
import { handoffs } from '@lbc/handoffs';
import { escalateOverdue } from '@lbc/handoffs/clock';
import { sentHandoffs, workQueue } from '@lbc/handoffs/lists';
import type { Principal } from '@lbc/schema';
import { createDatabase, createLogger, migrateToLatest } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { percentile } from './percentile.ts';

const { values } = parseArgs({
  options: {
    handoffs: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '50' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const NAME = 'lbc_bench_handoffs';
const total = Number(values.handoffs);
const rounds = Number(values.rounds);
const log = createLogger('bench', { level: 'warn' });

const admin = new pg.Client({ connectionString: values.url });
await admin.connect();
await admin.query(`drop database if exists ${NAME} with (force)`);
await admin.query(`create database ${NAME}`);
const database = await createDatabase({ url: Object.assign(new URL(values.url!), { pathname: `/${NAME}` }).toString(), maxConnections: 4, logger: log });
await migrateToLatest(database.db, handoffs.migrations);
const db = database.db as never as import('kysely').Kysely<import('@lbc/handoffs').HandoffsDB>;

// 14 cities × 10 counties × 20 townships in province 43; a township's station is PS-<township>.
const town = (i: string) => sql`'43' || lpad((1 + ${sql.raw(i)} % 14)::text, 2, '0') || lpad((1 + (${sql.raw(i)} / 14) % 10)::text, 2, '0') || lpad((101 + (${sql.raw(i)} / 140) % 20)::text, 3, '0')`;
process.stderr.write(`writing ${total} hand-offs …\n`);
const started = Date.now();
// In slices: each statement stays well inside the service's statement timeout.
const SLICE = 50_000;
for (let first = 1; first <= total; first += SLICE) {
  const last = Math.min(total, first + SLICE - 1);
  await sql`
  insert into handoff (kind, child_id, from_agency, from_level, from_region, from_subject, to_agency, to_level, to_region, to_org, reason, state, version,
                       sent_at, step_started_at, answered_at, finished_at, outcome, due_at, next_check_at, overdue_since, escalation_depth)
  select 'MANDATORY_REPORT', 'LB' || lpad(g::text, 9, '0'), 'education', 'town', t.code, 'bench', 'police', 'town', t.code, 'PS-' || t.code, 'LIVING_ALONE',
         s.state, case s.state when 'SENT' then 1 when 'ACCEPTED' then 2 else 3 end,
         s.sent, s.sent, case when s.state = 'SENT' then null else s.sent + interval '30 minutes' end,
         case when s.state = 'DONE' then s.sent + interval '20 hours' end, case when s.state = 'DONE' then 'SUCCESSFUL' end,
         s.due, case when s.escalated > 0 then now() + interval '1 day' else s.due end, case when s.escalated > 0 then s.due end, s.escalated
  from generate_series(${first}::int, ${last}::int) g
  cross join lateral (select ${town('g')} as code) t
  cross join lateral (
    -- Open hand-offs are either due ahead, or past due and escalated as the clock left them (checked again in a day).
    select st.state, now() - ((g % 4000) || ' hours')::interval as sent,
           case when st.state = 'DONE' then null when st.h % 3 = 0 then now() - ((1 + st.h % 40) || ' hours')::interval else now() + ((1 + st.h % 97) || ' hours')::interval end as due,
           case when st.state <> 'DONE' and st.h % 3 = 0 then 1 + (st.h % 2) else 0 end as escalated
    -- g / 2800 varies within a township (g mod 2800 picks it), so every township gets every state.
    from (select case when (g / 2800) % 10 < 7 then 'DONE' when (g / 2800) % 10 < 9 then 'SENT' else 'ACCEPTED' end as state, g / 2800 as h) st
  ) s`.execute(db);
}
await sql`analyze handoff`.execute(db);
process.stderr.write(`  ${((Date.now() - started) / 1000).toFixed(0)} s\n`);

const principal = (p: Partial<Principal>): Principal => ({ subject: 'bench', issuer: 'bench', roles: [], agency: 'police', level: 'town', region: '430101101', ...p });
const station = principal({ org: 'PS-430101101' });
const county = principal({ level: 'county', region: '430101' });
const city = principal({ level: 'city', region: '4301' });
const sender = principal({ agency: 'education', region: '430101101' });

async function timed(label: string, run: () => Promise<unknown>, prepare?: () => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await prepare?.();
    const t = process.hrtime.bigint();
    await run();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => percentile(ms, p).toFixed(1);
  console.log(`${label.padEnd(52)} p50 ${at(50).padStart(7)} ms   p95 ${at(95).padStart(7)} ms`);
}

const sizes = {
  station: (await workQueue(db, station, { first: 500 })).edges.length,
  county: (await workQueue(db, county, { first: 500 })).edges.length,
  city: (await workQueue(db, city, { first: 500 })).edges.length,
};
console.log(`${total} hand-offs; open in the station's queue ≥ ${sizes.station}, the county's ≥ ${sizes.county}, the city's ≥ ${sizes.city} (first page of 500)`);
await timed('work queue, a station (first 20)', () => workQueue(db, station, { first: 20 }));
await timed('work queue, a county: own + escalated (first 20)', () => workQueue(db, county, { first: 20 }));
await timed('work queue, a city: escalated (first 20)', () => workQueue(db, city, { first: 20 }));
await timed('work queue, a county, overdue only (first 20)', () => workQueue(db, county, { first: 20, overdueOnly: true }));
await timed('sent hand-offs, a township school bureau (first 20)', () => sentHandoffs(db, sender, { first: 20 }));

// The clock: 1,000 open hand-offs fall due at once, spread over the province; one sweep records them.
await timed(
  'clock sweep of 1,000 hand-offs falling due',
  async () => {
    const round = await escalateOverdue(db, new Date(), 1000);
    if (round.escalated !== 1000) throw new Error(`the sweep escalated ${round.escalated}, not 1000`);
  },
  async () => {
    const { rows } = await sql<{ id: string }>`
      update handoff set step_started_at = now() - interval '61 minutes', due_at = now() - interval '1 minute', next_check_at = now() - interval '1 minute',
                         escalation_depth = 0, overdue_since = null
      where id in (select id from handoff where state = 'SENT' and escalation_depth = 0 order by id limit 1000) returning id`.execute(db);
    if (rows.length !== 1000) throw new Error('not enough open hand-offs to sweep');
  },
);

await database.close();
await admin.query(`drop database if exists ${NAME} with (force)`);
await admin.end();
