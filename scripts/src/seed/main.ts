/** pnpm seed --help: fills the four agency databases with a synthetic world (see seed-cli-options.ts). */
import { sql } from 'kysely';
import { rmSync } from 'node:fs';
import { openServiceDatabase } from '../open-service-database.ts';
import { pgliteDataDir } from '../paths.ts';
import { SERVICES } from '../services.ts';
import { progressBar } from './progress-bar.ts';
import { SEED_USAGE, parseSeedOptions } from './seed-cli-options.ts';
import { seedWorld } from './seed-world.ts';

if (process.argv.includes('--help')) {
  console.log(SEED_USAGE);
  process.exit(0);
}

let options;
try {
  options = parseSeedOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${SEED_USAGE}`);
  process.exit(2);
}

if (options.reset) {
  for (const service of SERVICES) {
    const database = await openServiceDatabase(service, process.env, { maintenance: true });
    if (database.engine === 'postgres') await sql`drop schema public cascade; create schema public`.execute(database.db);
    await database.close();
    if (database.engine === 'pglite') rmSync(pgliteDataDir(service.name), { recursive: true, force: true });
  }
}

const databases = await Promise.all(SERVICES.map(async (service) => ({ service, database: await openServiceDatabase(service, process.env, { maintenance: true }) })));
try {
  const civil = databases.find((d) => d.service.name === 'civil-affairs')!.database;
  const { n } = await sql<{ n: number }>`select count(*)::int as n from child`.execute(civil.db).then((r) => r.rows[0]!);
  if (n > 0) {
    if (options.ifEmpty) {
      console.error(`databases already seeded (${n.toLocaleString()} children); keeping them`);
    } else {
      throw new Error(`the databases already hold ${n.toLocaleString()} children: pass --reset to wipe and reseed`);
    }
  } else {
    const regions = progressBar('regions ');
    let children: ReturnType<typeof progressBar> | undefined;
    let regionCount = 0;
    await seedWorld(
      databases.map(({ service, database }) => ({ service, db: database.db })),
      {
        ...options,
        onProgress: ({ phase, done, total }) => {
          if (phase === 'regions') regionCount = done;
          else {
            if (!children) {
              regions.finish(`loaded ${regionCount.toLocaleString()} regions`);
              children = progressBar('children');
            }
            children.update(done, total);
          }
        },
      },
    );
    children!.finish(`seeded ${options.children.toLocaleString()} children under ${options.scope.join(', ')} (seed ${options.seed}) into ${databases[0]!.database.engine}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await Promise.all(databases.map(({ database }) => database.close()));
}
