/**
 * pnpm bench:gateway [--help]: the CPU cost of the hub's gateway next to a bare
 * @apollo/gateway and Hive Gateway, on the same supergraph, subgraphs, world, caller and
 * queries (see options.ts for the command line, the README draft for how to read it).
 *
 * Seeds (or reuses) a world in lbc_bench_* databases, starts the five subgraphs and the
 * three gateways as separate processes, checks that all three answer every query in full
 * and in the same shape, then measures them in turn, interleaved, and prints per gateway
 * its throughput, latency and CPU per request (its own process; PostgreSQL's and the
 * subgraphs' beside it), with the ratios to the bare gateway. Everything it started is
 * stopped at the end, on a failure too, and on Ctrl-C.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevKeys } from '../../keys/dev-keys.ts';
import { runMatrix } from './bench-matrix.ts';
import { BenchProcesses } from './bench-processes.ts';
import { mintBenchToken } from './bench-token.ts';
import { startBareGateway, startHiveGateway } from './comparison-gateways.ts';
import { ensureHiveRuntime, HIVE_RUNTIME } from './hive-install.ts';
import { startHubGateway } from './hub-gateway.ts';
import type { BenchTarget } from './measure.ts';
import { BENCH_USAGE, BenchOptionError, parseBenchOptions, type BenchOptions } from './options.ts';
import { benchPorts, graphqlUrl } from './ports.ts';
import { benchQueries, QUERY_FILES } from './queries.ts';
import { formatReport, summarize, writeJsonReport } from './report.ts';
import { startSubgraphs } from './subgraphs.ts';
import { pickChild, verifyAnswers } from './verify-answers.ts';
import { dropHubDatabase, prepareWorld } from './world.ts';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  console.log(BENCH_USAGE);
  process.exit(0);
}
let options: BenchOptions;
try {
  options = parseBenchOptions(argv);
} catch (error) {
  if (!(error instanceof BenchOptionError)) throw error;
  console.error(`${error.message}\n\n${BENCH_USAGE}`);
  process.exit(2);
}

const processes = new BenchProcesses();
const stateDir = mkdtempSync(join(tmpdir(), 'lbc-bench-gateway-'));
let cleaning: Promise<void> | undefined;
let interrupted = false;

/** Stops every process the bench started, drops this run's hub database, removes its files; once, whoever asks first. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await processes.stopAll();
    await dropHubDatabase().catch((error: unknown) => console.error(`could not drop the bench's hub database: ${(error as Error).message}`));
    rmSync(stateDir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping everything the bench started`);
    void cleanUp().then(() => process.exit(130));
  });
}

try {
  await ensureDevKeys();
  await ensureHiveRuntime(processes);
  const world = await prepareWorld(options.children, processes);
  const ports = benchPorts(options.portBase);
  console.log(`starting the five subgraphs (ports ${options.portBase + 1}–${options.portBase + 5}) and the three gateways (hub ${ports.hub}, bare ${ports.bare}, Hive ${ports.hive})`);
  const subgraphs = await startSubgraphs(processes, ports, world);
  const [hub, bare, hive] = await Promise.all([
    startHubGateway(processes, ports, world, Object.values(QUERY_FILES), stateDir),
    startBareGateway(processes, ports.bare, options.portBase),
    startHiveGateway(processes, ports.hive, options.portBase),
  ]);
  const targets: BenchTarget[] = [
    { name: 'hub', url: graphqlUrl(ports.hub), pid: hub.pid },
    { name: 'bare', url: graphqlUrl(ports.bare), pid: bare.pid },
    { name: 'hive', url: graphqlUrl(ports.hive), pid: hive.pid },
  ];
  const token = await mintBenchToken();
  const childId = await pickChild(targets[0]!, token);
  const queries = benchQueries(childId);
  await verifyAnswers(targets, queries, token);

  const runs = options.rounds * queries.length * options.concurrency.length * targets.length;
  console.log(`measuring: ${runs} runs of ${options.requests} requests (after ${options.warmup} unmeasured each); child ${childId}, county of the queries 431003`);
  const samples = await runMatrix(targets, queries, token, options, { subgraphPids: subgraphs.map((s) => s.pid), databases: world.databases }, () => processes.assertRunning());
  const summaries = summarize(samples);
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' };
  console.log(
    `\n${options.children.toLocaleString('en')} children; ${options.rounds} rounds × ${options.requests} requests per gateway, query and concurrency; ` +
      `Node ${machine.node}, ${machine.cpus} CPUs; Hive = ${HIVE_RUNTIME.name}@${HIVE_RUNTIME.version}\n`,
  );
  console.log(formatReport(summaries));
  if (options.json) {
    writeJsonReport(options.json, { options, machine, hive: HIVE_RUNTIME, childId, queries: queries.map(({ name, variables, purpose }) => ({ name, variables, purpose })) }, samples, summaries);
    console.log(`\nraw figures: ${options.json}`);
  }
} catch (error) {
  // Once interrupted, requests fail as the processes stop: that is no finding.
  if (!interrupted) console.error(`\nbench:gateway FAILED: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
