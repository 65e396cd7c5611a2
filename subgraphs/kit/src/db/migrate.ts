import { Migrator, type Kysely, type Migration } from 'kysely';

/**
 * Brings a database to the latest migration. Migrations are listed in code (not read
 * from a folder) so the set that runs is exactly the set that was type-checked.
 * Kysely's migrator reports failures instead of throwing; we throw, so a half-migrated
 * service never starts.
 */
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? 'unknown'));
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause.message}`, { cause });
  }
  return results.map((r) => r.migrationName);
}
