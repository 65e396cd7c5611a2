import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import { AUDIT_WRITER_ROLE } from './0001-audit-log.ts';

/**
 * Pushing hand-off notices to agency systems: how far the hub has read the notice feed, and
 * one row per notice and subscriber — pending, delivered, or given up on — with its attempts
 * and when the next is due. A notice reaches a subscriber at least once, under the id of its
 * row (the receiver's idempotency key); a restart repeats only what was not acknowledged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `create table webhook_feed (
        name text primary key,
        position bigint not null default 0
      )`,
    `create table webhook_delivery (
        subscription_id text not null,
        notice_id uuid not null,
        notice_seq bigint not null,
        handoff_id text not null,
        child_id text,
        payload text not null,
        status text not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null,
        last_error text,
        delivered_at timestamptz,
        primary key (subscription_id, notice_id)
      )`,
    // The dispatcher's one read: what is due now.
    `create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING'`,
    `grant select, insert, update on webhook_feed, webhook_delivery to ${AUDIT_WRITER_ROLE}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop table webhook_delivery', 'drop table webhook_feed']);
}
