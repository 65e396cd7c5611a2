/**
 * pnpm bench:quality [--children 100000] [--scope 21,43,61,52,51,36] [--sample 200] [--rounds 50]
 *                    [--quarter 2024-Q3] [--url postgres://…/postgres] [--reuse] [--keep]
 *
 * What the data-quality check and the quarterly reporting cost at several provinces' scale,
 * on real PostgreSQL: five fresh databases (the four agencies' and the hand-offs') filled by
 * the repo's own seed, analysed, then timed with each subgraph's own code on its own
 * indexes, no HTTP in between:
 * - the check of one township as the hub's worker runs it (the four agencies' facts paged
 *   1,000 at a time and joined, the rules applied, the result recorded), over a sample of
 *   townships (the largest first, then random ones), and the full sweep of every township
 *   with children, in code order as `_townCodes` hands them out;
 * - `_townCodes` paged 20 at a time through every township;
 * - a province's, a city's and a county's `quarterlyReporting` (the county with its towns'
 *   submissions and their live completeness, as the resolvers load them), and a township's
 *   live completeness;
 * - a county's `qualityFindings` and a province's finding counts, once the sweep has recorded.
 * Anything with a p50 over 50 ms is explained (EXPLAIN ANALYZE, BUFFERS) statement by
 * statement. `--reuse` keeps an already seeded set of databases (migrating them to the
 * latest), `--keep` leaves them behind for the next run. Figures go in the README.
 */
import type { CivilAffairsDB } from '@lbc/civil-affairs';
import type { EducationDB } from '@lbc/education-enrollment';
import type { HandoffsDB } from '@lbc/handoffs';
import type { HealthDB } from '@lbc/health';
import type { PoliceDB } from '@lbc/police-household';
import { quarterOf, UNREGISTERED_PENDING_DAYS, villageCodeRange, type Principal } from '@lbc/schema';
import { createDatabase, createLogger, migrateToLatest, pageWindow, scopeOf, type Database, type QualityFactsPage } from '@lbc/subgraph-kit';
import {
  CompiledQuery,
  createQueryId,
  sql,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { evaluateTown } from '../../../gateway/src/quality/check-town.ts';
import { joinFacts, readPages } from '../../../gateway/src/quality/town-facts.ts';
import { registryFacts } from '../../../subgraphs/civil-affairs/src/quality/registry-facts.ts';
import { townCodes } from '../../../subgraphs/civil-affairs/src/quality/town-codes.ts';
import { createLoaders } from '../../../subgraphs/civil-affairs/src/loaders.ts';
import { townCompleteness, villageCompletenessPages } from '../../../subgraphs/civil-affairs/src/quarterly/completeness.ts';
import { submissionKey } from '../../../subgraphs/civil-affairs/src/quarterly/submission-view.ts';
import { educationFacts } from '../../../subgraphs/education-enrollment/src/quality/education-facts.ts';
import { listFindings } from '../../../subgraphs/handoffs/src/quality/list-findings.ts';
import { recordTownCheck } from '../../../subgraphs/handoffs/src/quality/record-findings.ts';
import { countFindings } from '../../../subgraphs/handoffs/src/quality/rule-counts.ts';
import { healthFacts } from '../../../subgraphs/health/src/quality/health-facts.ts';
import { policeFacts } from '../../../subgraphs/police-household/src/quality/police-facts.ts';
import { SEED_NOW } from '../seed/projections/handoff-lifecycle.ts';
import { DEFAULT_SEED } from '../seed/seed-cli-options.ts';
import { seedWorld } from '../seed/seed-world.ts';
import { SEED_DAY } from '../seed/world/index.ts';
import { SERVICES } from '../services.ts';
import { percentile } from './percentile.ts';

const { values } = parseArgs({
  options: {
    children: { type: 'string', default: '100000' },
    scope: { type: 'string', default: '21,43,61,52,51,36' },
    sample: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '50' },
    quarter: { type: 'string', default: '2024-Q3' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const RUN = 'lbc_bench_quality';
const children = Number(values.children);
const scope = values.scope!.split(',').map((code) => code.trim());
const sampleSize = Number(values.sample);
const rounds = Number(values.rounds);
const quarter = values.quarter!;
/** The worker's `townsPerRound`: one `_townCodes` page. */
const TOWNS_PAGE = 20;
/** Over this p50 a figure is explained. */
const SLOW_MS = 50;
const log = createLogger('bench', { level: 'warn' });
const say = (line: string) => process.stderr.write(`${line}\n`);

// ---- databases: one per service, fresh unless --reuse finds them seeded ----------------
const admin = new pg.Client({ connectionString: values.url });
await admin.connect();
const nameOf = (service: string) => `${RUN}_${service.replace(/-/g, '_')}`;
const urlOf = (name: string) => Object.assign(new URL(values.url!), { pathname: `/${name}` }).toString();
const existing = new Set((await admin.query<{ datname: string }>(`select datname from pg_database where datname like '${RUN}_%'`)).rows.map((r) => r.datname));
const reusing = values.reuse && SERVICES.every((s) => existing.has(nameOf(s.name)));
if (!reusing) {
  for (const service of SERVICES) {
    await admin.query(`drop database if exists ${nameOf(service.name)} with (force)`);
    await admin.query(`create database ${nameOf(service.name)}`);
  }
}
const databases: Database<any>[] = [];
for (const service of SERVICES) {
  // The seed's big statements and the sweep's long transactions are not a service's requests: no statement timeout.
  const database = await createDatabase({ url: urlOf(nameOf(service.name)), maxConnections: 4, statementTimeoutMs: 0, logger: log });
  await migrateToLatest(database.db, service.definition.migrations);
  databases.push(database);
}
const dbOf = <DB>(name: string) => databases[SERVICES.findIndex((s) => s.name === name)]!.db as Kysely<DB>;
const civil = dbOf<CivilAffairsDB>('civil-affairs');
const education = dbOf<EducationDB>('education-enrollment');
const police = dbOf<PoliceDB>('police-household');
const health = dbOf<HealthDB>('health');
const handoffs = dbOf<HandoffsDB>('handoffs');

let seeded = await sql<{ n: number }>`select count(*)::int as n from child`.execute(civil).then((r) => r.rows[0]!.n);
if (reusing && seeded > 0) {
  say(`reusing ${seeded.toLocaleString()} seeded children`);
  // A reused set may hold a previous run's findings: start the hand-off side from the seed's state again.
  await sql`truncate quality_finding, quality_check`.execute(handoffs);
  await sql`
    with discovered as (select id from handoff where kind = 'DISCOVERY'),
      events as (delete from handoff_event where handoff_id in (select id from discovered)),
      notices as (delete from handoff_notice where handoff_id in (select id from discovered))
    select 1`.execute(handoffs);
  await sql`delete from handoff where kind = 'DISCOVERY'`.execute(handoffs);
} else {
  say(`seeding ${children.toLocaleString()} children under ${scope.join(',')} …`);
  const started = Date.now();
  let shown = 0;
  await seedWorld(
    SERVICES.map((service, i) => ({ service, db: databases[i]!.db })),
    {
      children,
      scope,
      seed: DEFAULT_SEED,
      onProgress: ({ phase, done, total }) => {
        if (phase === 'children' && done - shown >= total / 10) {
          shown = done;
          say(`  ${done.toLocaleString()} / ${total.toLocaleString()} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        }
      },
    },
  );
  say(`  seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  seeded = await sql<{ n: number }>`select count(*)::int as n from child`.execute(civil).then((r) => r.rows[0]!.n);
}
// A freshly seeded database has no planner statistics.
const analyzing = Date.now();
for (const database of databases) await sql`analyze`.execute(database.db);
say(`analyzed in ${((Date.now() - analyzing) / 1000).toFixed(0)} s`);

// ---- measuring ---------------------------------------------------------------------------
interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  sum: number;
}
function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  // An empty series reports zeros, not NaN: a phase that never ran took no time.
  const at = (p: number) => (sorted.length ? percentile(sorted, p) : 0);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { n: sorted.length, p50: at(50), p95: at(95), max: sorted[sorted.length - 1] ?? 0, mean: sorted.length ? sum / sorted.length : 0, sum };
}
const rows: string[] = [];
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
function row(label: string, s: Stats, unit = 'ms'): void {
  const f = unit === 'ms' ? fmt : (v: number) => v.toFixed(0);
  rows.push(`| ${label} | ${s.n} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.max)} | ${unit} |`);
  say(`${label.padEnd(70)} p50 ${f(s.p50).padStart(8)}  p95 ${f(s.p95).padStart(8)}  max ${f(s.max).padStart(8)} ${unit}`);
}
const clock = () => performance.now();

/** Records every statement a Kysely instance runs, compiled, so a slow call can be explained afterwards. */
class Recorder implements KyselyPlugin {
  readonly queries: CompiledQuery[] = [];
  constructor(private readonly db: Kysely<any>) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.queries.push(this.db.getExecutor().compileQuery(args.node, createQueryId()));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Runs `run` once against recording copies of the databases, then EXPLAIN (ANALYZE, BUFFERS) of each statement it ran, in a transaction rolled back. */
async function explain<Dbs extends Kysely<any>[]>(label: string, dbs: Dbs, run: (...recorded: Dbs) => Promise<unknown>): Promise<void> {
  const recorders = dbs.map((db) => new Recorder(db));
  await run(...(dbs.map((db, i) => db.withPlugin(recorders[i]!)) as Dbs));
  console.log(`\n<details><summary>EXPLAIN (ANALYZE, BUFFERS): ${label}</summary>\n\n\`\`\``);
  for (const [i, recorder] of recorders.entries()) {
    for (const query of recorder.queries) {
      if (!/^\s*(with|select|insert|update|delete)/i.test(query.sql)) continue;
      await dbs[i]!.transaction()
        .execute(async (trx) => {
          const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]));
          console.log(`-- ${query.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
          for (const line of plan.rows.map((r) => r['QUERY PLAN']).slice(0, 40)) console.log(line);
          throw new Rollback();
        })
        .catch((error) => {
          if (!(error instanceof Rollback)) throw error;
        });
    }
  }
  console.log('```\n</details>\n');
}
class Rollback extends Error {}

/** Times `run` over `rounds` rounds, adds the table row, and explains it when slow. */
async function timed<Dbs extends Kysely<any>[]>(label: string, dbs: Dbs, run: (...dbs: Dbs) => Promise<unknown>): Promise<Stats> {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = clock();
    await run(...dbs);
    ms.push(clock() - t);
  }
  const s = stats(ms);
  row(label, s);
  if (s.p50 > SLOW_MS) slow.push(() => explain(label, dbs, run));
  return s;
}
const slow: (() => Promise<void>)[] = [];

// ---- the townships -----------------------------------------------------------------------
const perTown = new Map((await sql<{ town: string; n: number }>`select left(village_code, 9) as town, count(*)::int as n from child group by 1`.execute(civil)).rows.map((r) => [r.town, r.n]));
say(`${seeded.toLocaleString()} children in ${perTown.size.toLocaleString()} townships`);

// 2. `_townCodes`: every township with children, 20 at a time, as the sweep walks them.
const towns: string[] = [];
const pageMs: number[] = [];
const walking = clock();
for (let after = ''; ;) {
  const t = clock();
  const page = await townCodes(civil, after, TOWNS_PAGE);
  pageMs.push(clock() - t);
  towns.push(...page);
  if (page.length < TOWNS_PAGE) break;
  after = page[page.length - 1]!;
}
const walkMs = clock() - walking;
row(`\`_townCodes\` page of ${TOWNS_PAGE} (all ${pageMs.length.toLocaleString()} pages: ${fmt(walkMs)} ms)`, stats(pageMs));
if (towns.length !== perTown.size) throw new Error(`_townCodes gave ${towns.length} townships, the registry has children in ${perTown.size}`);

// 1. The check of one township, phase by phase.
const context = { today: SEED_DAY, pendingDays: UNREGISTERED_PENDING_DAYS };
const checkedAt = SEED_NOW;

/** Every page of one agency's facts about a township, paged as the worker pages them. */
function readAll<T extends { childId: string }>(read: (page: QualityFactsPage) => Promise<T[]>, townCode: string): Promise<T[]> {
  return readPages((after, first) => read({ townCode, ...villageCodeRange(townCode), after, first }));
}

interface Phases {
  read: number;
  registry: number;
  education: number;
  police: number;
  health: number;
  evaluate: number;
  record: number;
  total: number;
  children: number;
  findings: number;
  opened: number;
  discovered: number;
}

/** One township checked as the worker checks it: the four agencies at once, joined by hub id, evaluated, recorded. */
async function checkTown(townCode: string): Promise<Phases> {
  const start = clock();
  const each = { registry: 0, education: 0, police: 0, health: 0 };
  const agency = async <T extends { childId: string }>(name: keyof typeof each, read: Parameters<typeof readAll<T>>[0]) => {
    const t = clock();
    const facts = await readAll(read, townCode);
    each[name] = clock() - t;
    return facts;
  };
  const [reg, edu, pol, hea] = await Promise.all([
    agency('registry', (page) => registryFacts(civil, page)),
    agency('education', (page) => educationFacts(education, page)),
    agency('police', (page) => policeFacts(police, page)),
    agency('health', (page) => healthFacts(health, page)),
  ]);
  const read = clock();
  const children = joinFacts(reg, edu, pol, hea);
  const { findings, discoveries } = evaluateTown(children, context, townCode);
  const evaluated = clock();
  const result = await recordTownCheck(handoffs, { townCode, checkedAt, findings, discoveries, answersRequestOf: null });
  const recorded = clock();
  return {
    read: read - start,
    ...each,
    evaluate: evaluated - read,
    record: recorded - evaluated,
    total: recorded - start,
    children: reg.length,
    findings: findings.length,
    opened: result.opened,
    discovered: result.discovered,
  };
}

function phaseRows(label: string, checks: readonly Phases[]): void {
  const of = (key: keyof Phases) => stats(checks.map((c) => c[key]));
  row(`${label}: children per township (registry)`, of('children'), 'children');
  row(`${label}: reading facts, four agencies at once`, of('read'));
  for (const name of ['registry', 'education', 'police', 'health'] as const) row(`${label}: — of which ${name} facts`, of(name));
  row(`${label}: evaluating (join + rules)`, of('evaluate'));
  row(`${label}: recording (recordTownCheck)`, of('record'));
  row(`${label}: whole check`, of('total'));
  row(`${label}: findings per township`, of('findings'), 'findings');
}

// The sample: the largest townships first, then random ones (a fixed shuffle: the same sample every run).
const bySize = [...perTown.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([town]) => town);
const largest = bySize.slice(0, Math.min(sampleSize, Math.ceil(sampleSize / 4)));
const rest = bySize.slice(largest.length);
let state = 20241122;
const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
for (let i = rest.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [rest[i], rest[j]] = [rest[j]!, rest[i]!];
}
const sample = [...largest, ...rest.slice(0, sampleSize - largest.length)];
say(`checking a sample of ${sample.length} townships (${largest.length} largest, ${sample.length - largest.length} random) …`);
const sampled: Phases[] = [];
for (const town of sample) sampled.push(await checkTown(town));

// The full sweep: every township with children once, in code order (the sample's are checked a second time: findings seen again).
say(`sweeping all ${towns.length.toLocaleString()} townships …`);
const sweeping = clock();
const swept: Phases[] = [];
for (const town of towns) {
  swept.push(await checkTown(town));
  if (swept.length % 1000 === 0) say(`  ${swept.length.toLocaleString()} (${((clock() - sweeping) / 1000).toFixed(0)} s)`);
}
const sweepMs = clock() - sweeping;
phaseRows(`sample of ${sample.length}, first check`, sampled);
phaseRows(`full sweep of ${swept.length}`, swept);
await sql`analyze quality_finding, quality_check, handoff`.execute(handoffs);
const findingCount = await sql<{ n: number; open: number }>`select count(*)::int as n, count(*) filter (where resolved_at is null)::int as open from quality_finding`
  .execute(handoffs)
  .then((r) => r.rows[0]!);

// 3. and 4. The readers, on the region with the most children at each level.
const largestUnder = async (length: number, prefix: string) =>
  (await sql<{ code: string }>`select left(village_code, ${length}) as code from child where village_code like ${`${prefix}%`} group by 1 order by count(*) desc, 1 limit 1`.execute(civil)).rows[0]!
    .code;
const province = await largestUnder(2, '');
const city = await largestUnder(4, province);
const county = await largestUnder(6, city);
const town = bySize[0]!;
const principal = (level: Principal['level'], region: string): Principal => ({ subject: 'bench', issuer: 'bench', roles: [], agency: 'civil_affairs', level, region });
const findingsQuarter = quarterOf(SEED_DAY);

say('timing the readers …');
const reporting = (code: string) => (db: Kysely<CivilAffairsDB>) => createLoaders(db, principal('province', province)).quarterReporting.load(submissionKey(code, quarter));
await timed(`quarterlyReporting ${quarter}, province ${province} (its cities)`, [civil], reporting(province));
await timed(`quarterlyReporting ${quarter}, city ${city} (its counties)`, [civil], reporting(city));
await timed(`quarterlyReporting ${quarter}, county ${county} (its towns: areas only)`, [civil], reporting(county));
// As Region.quarterlyReporting and QuarterlyReporting.towns load it for a county: areas, towns, their submissions, live completeness of the OPEN and RETURNED.
await timed(`quarterlyReporting ${quarter}, county ${county} + towns' submissions and live completeness`, [civil], async (db) => {
  const loaders = createLoaders(db, principal('county', county));
  const [areas, townsOf] = await Promise.all([loaders.quarterReporting.load(submissionKey(county, quarter)), loaders.townsOf.load(county)]);
  const submissions = await loaders.quarterSubmission.loadMany(townsOf.map((t) => submissionKey(t.code, quarter)));
  const live = townsOf.filter((_, i) => {
    const s = submissions[i];
    return !s || s instanceof Error || s.state === 'RETURNED';
  });
  await Promise.all(live.map((t) => loaders.quarterCompleteness.load(submissionKey(t.code, quarter))));
  return areas;
});
await timed(`township ${town} (${perTown.get(town)} children): live completeness`, [civil], (db) => townCompleteness(db, [submissionKey(town, quarter)]));
await timed(`township ${town}: villages with live completeness (first 20)`, [civil], (db) => villageCompletenessPages(db, [submissionKey(town, quarter)], pageWindow({ first: 20 }, 1)));
await timed(`qualityFindings, county ${county}, ${findingsQuarter} (first 20)`, [handoffs], (db) =>
  listFindings(db, principal('county', county), scopeOf(principal('county', county), 'audit'), { regionCode: county, quarter: findingsQuarter, first: 20 }),
);
await timed(`qualityFindings, province ${province}, ${findingsQuarter} (first 20)`, [handoffs], (db) =>
  listFindings(db, principal('province', province), scopeOf(principal('province', province), 'audit'), { regionCode: province, quarter: findingsQuarter, first: 20 }),
);
await timed(`countFindings (dataQuality byRule), county ${county}, ${findingsQuarter}`, [handoffs], (db) => countFindings(db, principal('county', county), county, findingsQuarter));
await timed(`countFindings (dataQuality byRule), province ${province}, ${findingsQuarter}`, [handoffs], (db) => countFindings(db, principal('province', province), province, findingsQuarter));
const provinceFindings = await sql<{ n: number }>`select count(*)::int as n from quality_finding where village_code like ${`${province}%`}`.execute(handoffs).then((r) => r.rows[0]!.n);
const countyFindings = await sql<{ n: number }>`select count(*)::int as n from quality_finding where village_code like ${`${county}%`}`.execute(handoffs).then((r) => r.rows[0]!.n);

// ---- the report --------------------------------------------------------------------------
const sampleMean = stats(sampled.map((c) => c.total)).mean;
console.log(
  `\n${seeded.toLocaleString()} children under ${scope.join(',')}; ${perTown.size.toLocaleString()} townships with children; ` +
    `${findingCount.n.toLocaleString()} findings recorded (${findingCount.open.toLocaleString()} open; ${provinceFindings.toLocaleString()} in province ${province}, ${countyFindings.toLocaleString()} in county ${county}); ${rounds} rounds per reader\n`,
);
console.log('| what | n | p50 | p95 | max | unit |\n|---|---:|---:|---:|---:|---|');
console.log(rows.join('\n'));
console.log(
  `\n- \`_townCodes\`: ${pageMs.length.toLocaleString()} pages of ${TOWNS_PAGE} through ${towns.length.toLocaleString()} townships in ${fmt(walkMs)} ms\n` +
    `- projected full sweep (townships × the sample's mean check of ${fmt(sampleMean)} ms): ${((towns.length * sampleMean) / 1000).toFixed(0)} s — the sample leans to the largest townships\n` +
    `- measured full sweep: ${(sweepMs / 1000).toFixed(0)} s for ${swept.length.toLocaleString()} townships (${fmt(sweepMs / swept.length)} ms each on average), ` +
    `${swept.reduce((a, c) => a + c.opened, 0).toLocaleString()} findings opened, ${swept.reduce((a, c) => a + c.discovered, 0).toLocaleString()} children discovered`,
);
for (const run of slow) await run();

await Promise.all(databases.map((d) => d.close()));
if (!values.keep) for (const service of SERVICES) await admin.query(`drop database if exists ${nameOf(service.name)} with (force)`);
await admin.end();
