import type { JWK } from 'jose';
import type { Kysely } from 'kysely';
import { AuditLog } from './audit-log.ts';
import type { CheckpointClaim, CheckpointKeys } from './checkpoint-jws.ts';
import type { HubDB } from './hub-db.ts';

/**
 * Signs the current chain head into a checkpoint, unless it is already checkpointed — but
 * only after verifying the log from its newest checkpoint to that head, seal included (it
 * rejects with AUDIT_CHAIN_BROKEN otherwise). For one-off use (tools, tests); a running
 * gateway calls `auditLog.checkpoint()`, which verifies only what is new.
 */
export async function writeCheckpoint(db: Kysely<HubDB>, signingKey: JWK, now = new Date(), keys?: CheckpointKeys): Promise<CheckpointClaim | null> {
  return new AuditLog(db, { signingKey, ...(keys ? { keys } : {}) }).checkpoint(now);
}

/**
 * Writes a checkpoint every `intervalMs` while the gateway runs. A failed checkpoint is
 * reported and retried at the next tick: the entries themselves are already committed.
 * A broken log is not reported again at every tick: it said so once, and signs nothing.
 */
export function startCheckpoints(log: AuditLog, intervalMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (log.health().state === 'broken') return;
    running = log.checkpoint().catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
