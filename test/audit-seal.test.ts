import { readCheckpoints } from '@lbc/audit/store';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * The audit log sealed to its last entry, through the running gateway: an owner of the hub
 * database deletes the newest audit entry (triggers off, as a superuser can); the gateway
 * finds it at its next append and refuses every request from then on, fail-closed.
 */
let hub: Hub;

beforeAll(async () => {
  hub = await startHub({ children: 5, scope: ['431003'] });
});
afterAll(() => hub?.stop());

const READ = '{ children(first: 2) { edges { node { id name } } } }';

/** What a superuser does: switch triggers (append-only, foreign keys) off for the session, then edit. */
async function tamper(statements: string[]): Promise<void> {
  await hub.hubDatabase.db.connection().execute(async (db) => {
    await sql.raw('set session_replication_role = replica').execute(db);
    try {
      for (const statement of statements) await sql.raw(statement).execute(db);
    } finally {
      await sql.raw('set session_replication_role = default').execute(db);
    }
  });
}

async function newestSeq(): Promise<number> {
  const newest = await hub.hubDatabase.db.selectFrom('audit_entry').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return newest ? Number(newest.seq) : 0;
}

describe('the tail of the audit log, under a running gateway', () => {
  it('the newest entry deleted in the database: the next request is refused with 503 AUDIT_CHAIN_BROKEN and no data', async () => {
    const token = await hub.token({ agency: 'civil_affairs', level: 'county', region: '431003' });
    expect((await hub.query(token, READ)).status).toBe(200);
    const before = await hub.query(token, READ);
    expect(before.status).toBe(200);
    expect(before.body.data.children.edges).toHaveLength(2);
    const { seq } = await hub.auditEntry(before.headers.get('x-request-id')!);
    expect(await newestSeq()).toBe(seq);

    await tamper([`delete from audit_entry where seq = ${seq}`]);

    const after = await hub.query(token, READ);
    expect(after.status).toBe(503);
    expect(after.body.data ?? null).toBeNull();
    expect(after.body.errors).toHaveLength(1);
    expect(after.body.errors![0].extensions.code).toBe('AUDIT_CHAIN_BROKEN');
    expect(after.body.errors![0].message).toMatch(new RegExp(`entry ${seq}\\b.*deleted`));
    expect(JSON.stringify(after.body)).not.toContain('edges');

    // It stays refused, and nothing was appended after the altered head.
    const again = await hub.query(token, READ);
    expect(again.status).toBe(503);
    expect(again.body.errors![0].extensions.code).toBe('AUDIT_CHAIN_BROKEN');
    expect(await newestSeq()).toBe(seq - 1);
    expect((await readCheckpoints(hub.hubDatabase.db)).every((c) => c.seq < seq)).toBe(true);
  });
});
