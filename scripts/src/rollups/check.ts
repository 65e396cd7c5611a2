/**
 * pnpm rollups:check [--rebuild] [--service NAME ...]
 *
 * The rollup consistency check: recounts every village of every agency's count tables from
 * the rows and compares them with what the writes kept (see subgraphs/kit/src/rollups/).
 * Prints each disagreement (at most 20 per service) and exits 1 when there is one. With
 * --rebuild, a service that disagrees has its rollups rebuilt from the rows and checked
 * again, and marking resumes if a bulk load left it paused. Reads each service's database as the hub does (<SERVICE>_DATABASE_URL, or the
 * development PGlite directory: stop the hub first).
 */
import { checkRollups, rebuildRollups, resumeRollups, rollupsPaused, type Database } from '@lbc/subgraph-kit';
import { parseArgs } from 'node:util';
import { openServiceDatabase } from '../open-service-database.ts';
import { SERVICES, serviceNamed } from '../services.ts';

const { values } = parseArgs({ options: { rebuild: { type: 'boolean' }, service: { type: 'string', multiple: true } } });
let services;
try {
  services = (values.service ?? SERVICES.map((s) => s.name)).map(serviceNamed).filter((s) => s.definition.rollups?.length);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

let failed = false;
for (const service of services) {
  const rollups = service.definition.rollups!;
  let database: Database<any> | undefined;
  try {
    database = await openServiceDatabase(service, process.env, { maintenance: true });
    const started = performance.now();
    let paused = await rollupsPaused(database.db);
    let mismatches = await checkRollups(database.db, rollups, { limit: 20 });
    const names = rollups.map((r) => r.name).join(', ');
    if ((paused || mismatches.length) && values.rebuild) {
      console.log(`${service.name}: ${paused ? 'marking paused (a bulk load did not finish)' : `${mismatches.length} disagreement(s)`}; rebuilding ${names}`);
      await rebuildRollups(database.db, rollups);
      await resumeRollups(database.db);
      paused = false;
      mismatches = await checkRollups(database.db, rollups, { limit: 20 });
    }
    if (paused) {
      failed = true;
      console.log(`${service.name}: marking is paused, so writes are not counted (a bulk load did not finish): run with --rebuild`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (!mismatches.length) {
      console.log(`${service.name}: ${names} agree with the rows (${seconds} s)`);
      continue;
    }
    failed = true;
    console.log(`${service.name}: ${mismatches.length} disagreement(s) with the rows (${seconds} s)`);
    for (const m of mismatches) console.log(`  ${m.rollup}  counted from rows ${JSON.stringify(m.expected)}  kept ${JSON.stringify(m.actual)}`);
  } catch (error) {
    failed = true;
    console.error(`${service.name}: ${(error as Error).message}`);
  } finally {
    await database?.close();
  }
}
process.exitCode = failed ? 1 : 0;
