import { loadRegions } from '@lbc/civil-affairs/regions';
import { pauseRollups, rebuildRollups, resumeRollups } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { Service } from '../services.ts';
import { generateChild, IdNumberIssuer, loadPlaces, type SyntheticChild } from './world/index.ts';

export interface SeedOptions {
  children: number;
  /** Division-code prefixes the children live under (counties, cities or provinces). */
  scope: readonly string[];
  seed: number;
  /** Load all 620,573 villages into the Region table, not only those in scope. */
  allVillages?: boolean;
  batchSize?: number;
  onProgress?: (progress: { phase: 'regions' | 'children'; done: number; total: number }) => void;
}

/**
 * Fills every agency database from one synthetic world. Children are generated in
 * batches and each batch is written to the four databases concurrently, each in a few
 * multi-row statements: the same child, consistent everywhere. Summaries of the whole
 * world (a township's quarterly submissions) are written last, then each agency's rollups
 * (its counts per village) are rebuilt from what was loaded.
 */
export async function seedWorld(targets: { service: Service; db: Kysely<any> }[], options: SeedOptions): Promise<void> {
  const places = await loadPlaces(options.scope);
  const civil = targets.find((t) => t.service.name === 'civil-affairs');
  if (civil) {
    await loadRegions(civil.db, {
      ...(options.allVillages ? {} : { villagesUnder: options.scope }),
      onProgress: (done) => options.onProgress?.({ phase: 'regions', done, total: 0 }),
    });
  }
  for (const { service, db } of targets) await service.projection.prepare(db, places);
  // Recounting villages after every multi-row insert would multiply the load's time: mark
  // nothing while loading, and count every village once at the end.
  const counted = targets.filter(({ service }) => service.definition.rollups?.length);
  for (const { db } of counted) await pauseRollups(db);

  const ids = new IdNumberIssuer();
  const batchSize = options.batchSize ?? 2000;
  // Generating a batch is CPU in this process, writing it is work in the databases: make
  // the next batch while the previous one is being written.
  let writing: Promise<void> = Promise.resolve();
  options.onProgress?.({ phase: 'children', done: 0, total: options.children });
  for (let start = 0; start < options.children; start += batchSize) {
    const batch: SyntheticChild[] = [];
    for (let i = start; i < Math.min(start + batchSize, options.children); i++) batch.push(generateChild(options.seed, i, places, ids));
    await writing;
    writing = Promise.all(targets.map(({ service, db }) => service.projection.writeBatch(db, batch))).then(() =>
      options.onProgress?.({ phase: 'children', done: start + batch.length, total: options.children }),
    );
  }
  await writing;
  for (const { service, db } of targets) await service.projection.finish?.(db, places);
  await Promise.all(
    counted.map(async ({ service, db }) => {
      await rebuildRollups(db, service.definition.rollups!);
      await resumeRollups(db);
    }),
  );
  // A freshly loaded database has no planner statistics (and autovacuum may be off, or not
  // have come round yet): until analysed, a page of children is planned as if the tables
  // were empty and takes seconds. Analyse what was loaded, each database at once.
  await Promise.all(targets.map(({ db }) => sql`analyze`.execute(db)));
}
