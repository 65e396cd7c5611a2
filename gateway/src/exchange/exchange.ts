import type { HubDB } from '@lbc/audit/store';
import type { HubEvent, Logger } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AuditSink } from '../audit/commit-entry.ts';
import { deliveryAuditRecord } from './delivery-audit-record.ts';
import type { ExchangeClient } from './exchange-client.ts';
import { ExchangeCursors, type Cursor } from './exchange-cursors.ts';
import { ExchangeLease } from './exchange-lease.ts';

/**
 * The subgraphs that publish and receive events: the agencies and the hub's hand-offs. Every
 * one receives every other's (places and identity concern all; a kind without a handler is
 * recorded as received and changes nothing).
 */
export const EXCHANGE_SUBGRAPHS = ['civil-affairs', 'education-enrollment', 'police-household', 'health', 'handoffs'] as const;

export interface ExchangeOptions {
  db: Kysely<HubDB>;
  client: ExchangeClient;
  /** Where delivery entries go: the gateway's audit log, or the exchange process's own writer of it. */
  audit: AuditSink;
  log: Logger;
  /** Pause between rounds once caught up (default 500 ms). */
  intervalMs?: number;
  /** Events per read and per delivery (default 500). */
  batchSize?: number;
  /** How long the lease lasts unless renewed (default 15 s). */
  leaseMs?: number;
  subgraphs?: readonly string[];
  /**
   * Work that shares the exchange's lease and rhythm, run after each round's deliveries
   * (the hand-offs' clock, the webhook push): one process at a time does it, and a task
   * that fails is logged and tried again next round without holding the others back.
   */
  tasks?: readonly RoundTask[];
}

/** A named piece of work run once a round, under the exchange's lease. */
export interface RoundTask {
  name: string;
  run(): Promise<unknown>;
}

/**
 * Carries events from the agency that owns a fact to the agencies that need it. Each round,
 * for each source: read its outbox after the slowest subscriber's cursor, then deliver to
 * every subscriber what it has not had, in outbox order (so per child, in order), each
 * delivery recorded in the audit log first, and its cursor moved only once the subscriber
 * has committed. A subscriber that is down keeps its cursor and its backlog and gets them
 * when it returns; the others go on. At-least-once delivery, applied exactly once (the
 * subscriber's inbox), cursors in the hub database, one exchange at a time (the lease).
 */
export class Exchange {
  private readonly cursors: ExchangeCursors;
  private readonly lease: ExchangeLease;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  private holding = false;
  /** The failure last logged per source (or source → subscriber): a hop that stays down is logged once, and again when it recovers. */
  private readonly failing = new Map<string, string>();
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly subgraphs: readonly string[];

  constructor(private readonly options: ExchangeOptions) {
    this.cursors = new ExchangeCursors(options.db);
    this.lease = new ExchangeLease(options.db, `exchange-${randomUUID()}`, options.leaseMs ?? 15_000);
    this.intervalMs = options.intervalMs ?? 500;
    this.batchSize = options.batchSize ?? 500;
    this.subgraphs = options.subgraphs ?? EXCHANGE_SUBGRAPHS;
  }

  /** Runs rounds until stopped. */
  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.round = this.runRound()
        .then(() => undefined)
        .catch((error: unknown) => this.options.log.error({ err: error }, 'exchange round failed; trying again'))
        .finally(() => {
          this.round = null;
          if (!this.stopped) this.timer = setTimeout(loop, this.intervalMs);
        });
    };
    loop();
  }

  /** Finishes the round under way, then gives the lease up. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
    await this.lease.release().catch((error: unknown) => this.options.log.warn({ err: error }, 'exchange lease not released; it expires by itself'));
  }

  /**
   * One round: while this process holds the lease, every source is pumped until caught up
   * (or until a subscriber or the source fails). Returns whether it held the lease.
   */
  async runRound(): Promise<boolean> {
    const holds = await this.lease.acquire();
    if (holds !== this.holding) this.options.log.info({ holder: this.lease.holder }, holds ? 'exchange holds the lease' : 'exchange lost the lease; another delivers');
    this.holding = holds;
    if (!holds) return false;
    const pairs = this.subgraphs.flatMap((source) => this.subgraphs.filter((s) => s !== source).map((subscriber) => ({ source, subscriber })));
    const cursors = await this.cursors.load(pairs);
    await Promise.all(
      this.subgraphs.map((source) =>
        this.pump(
          source,
          cursors.filter((c) => c.source === source && this.subgraphs.includes(c.subscriber)),
        ),
      ),
    );
    for (const task of this.options.tasks ?? []) {
      if (this.stopped) break;
      try {
        await task.run();
        this.noteRecovery(`task ${task.name}`, { task: task.name }, 'exchange: task works again');
      } catch (error) {
        this.noteFailure(`task ${task.name}`, (error as Error).message, { task: task.name }, 'exchange: task failed; trying again next round');
      }
    }
    return true;
  }

  /**
   * Delivers one source's outbox to its subscribers, batch after batch, until caught up. A
   * subscriber that fails drops out of this round, so the next batch is read after the
   * others' cursors: one agency down never holds the rest back.
   */
  private async pump(source: string, cursors: Cursor[]): Promise<void> {
    let active = cursors;
    while (active.length && !this.stopped) {
      const after = Math.min(...active.map((c) => c.position));
      let events: HubEvent[];
      try {
        events = await this.options.client.outbox(source, String(after), this.batchSize);
        this.noteRecovery(source, { source }, 'exchange: source outbox readable again');
      } catch (error) {
        const reason = (error as Error).message;
        this.noteFailure(source, reason, { source }, 'exchange: source outbox unreadable; its subscribers wait');
        await this.cursors.reportSourceDown(source, reason).catch((cause: unknown) => this.options.log.warn({ err: cause }, 'exchange: backlog not recorded'));
        return;
      }
      const delivered = await Promise.all(active.map((cursor) => this.deliver(cursor, events)));
      active = active.filter((_, i) => delivered[i] !== 'failed');
      if (events.length < this.batchSize || !(await this.lease.acquire())) return;
    }
  }

  /** Delivers to one subscriber what it lacks of `events`. */
  private async deliver(cursor: Cursor, events: readonly HubEvent[]): Promise<'delivered' | 'nothing' | 'failed'> {
    const pending = events.filter((e) => Number(e.seq) > cursor.position);
    if (!pending.length) {
      await this.cursors.report(cursor, { pending: 0, oldestPendingAt: null, error: null });
      return 'nothing';
    }
    const requestId = `exchange-${randomUUID()}`;
    try {
      await this.options.audit.append(deliveryAuditRecord(cursor.source, cursor.subscriber, pending, requestId, new Date()));
      const outcome = await this.options.client.deliver(cursor.subscriber, pending);
      const position = Number(pending.at(-1)!.seq);
      await this.cursors.advance(cursor, position, { pending: 0, oldestPendingAt: null, error: null });
      cursor.position = position;
      this.options.log.debug({ source: cursor.source, subscriber: cursor.subscriber, ...outcome, position, requestId }, 'exchange delivered');
      this.noteRecovery(`${cursor.source} -> ${cursor.subscriber}`, { source: cursor.source, subscriber: cursor.subscriber }, 'exchange: deliveries resumed');
      return 'delivered';
    } catch (error) {
      const reason = (error as Error).message;
      this.noteFailure(
        `${cursor.source} -> ${cursor.subscriber}`,
        reason,
        { source: cursor.source, subscriber: cursor.subscriber, pending: pending.length, requestId },
        'exchange: delivery failed; kept for the next round',
      );
      await this.cursors
        .report(cursor, { pending: pending.length, oldestPendingAt: new Date(pending[0]!.occurredAt), error: reason })
        .catch((cause: unknown) => this.options.log.warn({ err: cause }, 'exchange: backlog not recorded'));
      return 'failed';
    }
  }

  private noteFailure(hop: string, reason: string, fields: Record<string, unknown>, message: string): void {
    if (this.failing.get(hop) === reason) return;
    this.failing.set(hop, reason);
    this.options.log.warn({ ...fields, reason }, message);
  }

  private noteRecovery(hop: string, fields: Record<string, unknown>, message: string): void {
    if (this.failing.delete(hop)) this.options.log.info(fields, message);
  }
}
