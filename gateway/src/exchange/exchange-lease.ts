import type { HubDB } from '@lbc/audit/store';
import { sql, type Kysely } from 'kysely';

/**
 * One exchange delivers at a time, across processes and hosts: it holds a lease row in the
 * hub database and renews it on every round; another takes over only once it has expired.
 * (Were two ever to overlap — a long pause past the lease — subscribers still apply each
 * event once: their inbox recognises the duplicate.)
 */
export class ExchangeLease {
  constructor(
    private readonly db: Kysely<HubDB>,
    readonly holder: string,
    private readonly ttlMs: number,
    private readonly name = 'exchange',
  ) {}

  /** Takes or renews the lease; false while another holder's is still valid. One statement. */
  async acquire(): Promise<boolean> {
    const expires = sql<Date>`now() + make_interval(secs => ${this.ttlMs / 1000})`;
    const row = await this.db
      .insertInto('exchange_lease')
      .values({ name: this.name, holder: this.holder, expires_at: expires })
      .onConflict((c) =>
        c
          .column('name')
          .doUpdateSet({ holder: this.holder, expires_at: expires })
          .where((eb) => eb.or([eb('exchange_lease.holder', '=', this.holder), eb('exchange_lease.expires_at', '<', sql<Date>`now()`)])),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === this.holder;
  }

  /** Gives the lease up at once, so a successor need not wait for it to expire. */
  async release(): Promise<void> {
    await this.db
      .updateTable('exchange_lease')
      .set({ expires_at: sql<Date>`now()` })
      .where('name', '=', this.name)
      .where('holder', '=', this.holder)
      .execute();
  }
}
