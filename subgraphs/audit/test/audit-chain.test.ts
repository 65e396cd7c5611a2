import type { Database } from '@lbc/subgraph-kit';
import { createTestDatabase } from '@lbc/subgraph-kit/testing';
import { sql } from 'kysely';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../src/index.ts';
import { AuditLog, entryHash, readChain, readCheckpoints, signCheckpoint, verifyChain, writeCheckpoint, type HubDB, type SealedRow } from '../src/store/index.ts';
import { gatewayKeys, type GatewayKeys } from './gateway-keys.ts';
import { sampleRecord } from './sample-record.ts';
import { tamper as tamperWith } from './tamper.ts';

let database: Database<HubDB>;
/** The gateway's keys: they seal the log and sign its checkpoints. */
let keys: GatewayKeys;
beforeAll(async () => {
  keys = await gatewayKeys();
});
beforeEach(async () => {
  database = await createTestDatabase(audit);
});
afterEach(() => database.close());

async function verify(by: GatewayKeys = keys) {
  return verifyChain(readChain(database.db), await readCheckpoints(database.db), by.jwks);
}

function newLog(): AuditLog {
  return new AuditLog(database.db, { signingKey: keys.privateJwk });
}

async function appendMany(log: AuditLog, n: number, prefix = 'req') {
  return Promise.all(Array.from({ length: n }, (_, i) => log.append(sampleRecord({ requestId: `${prefix}-${i}`, variables: { i } }))));
}

const tamper = (statements: string[]) => tamperWith(database.db, statements);

describe('the audit chain', () => {
  it('links every entry to the one before and verifies end to end', async () => {
    const log = newLog();
    const receipts = await appendMany(log, 5);
    expect(receipts.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    const rows = await database.db.selectFrom('audit_entry').selectAll().orderBy('seq').execute();
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    // The stored hash is the hash of the stored row: nothing is lost or reshaped on the way in.
    for (const { hash, ...sealed } of rows) expect(entryHash(sealed as SealedRow)).toBe(hash);
    expect(await verify()).toMatchObject({ ok: true, entries: 5, head: { seq: 5, hash: receipts[4]!.hash } });
  });

  it('stays one unbroken chain under a concurrent burst from two writers, in few commits', async () => {
    // Two AuditLogs stand for two gateway processes; on PostgreSQL their transactions run on
    // separate pooled connections and meet at the chain lock.
    const first = newLog();
    const second = newLog();
    const receipts = (await Promise.all([appendMany(first, 150, 'a'), appendMany(second, 150, 'b')])).flat();
    expect(new Set(receipts.map((r) => r.seq)).size).toBe(300);
    expect(receipts.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(first.commits + second.commits).toBeLessThan(300 / 10);
    expect(await verify()).toMatchObject({ ok: true, entries: 300 });
  });

  it('points at the row that was edited, deleted or moved directly in the database', async () => {
    await appendMany(newLog(), 8);
    await tamper([`update audit_entry set agency = 'police' where seq = 5`]);
    expect((await verify()).firstBreak).toMatchObject({ position: 5, seq: 5, problem: 'edited' });
  });

  it('catches an edit to a derived index column: hiding a child from "who looked at this child"', async () => {
    await appendMany(newLog(), 4);
    await tamper([`update audit_entry set child_ids = '{}' where seq = 3`]);
    expect((await verify()).firstBreak).toMatchObject({ position: 3, seq: 3, problem: 'edited' });
  });

  it('goes on past a break, so one damaged row cannot hide an edit further down', async () => {
    await appendMany(newLog(), 8);
    await tamper([`update audit_entry set agency = 'police' where seq = 3`, `update audit_entry set purpose = 'EMERGENCY' where seq = 7`]);
    const report = await verify();
    expect(report.breaks.map((b) => [b.seq, b.problem])).toEqual([
      [3, 'edited'],
      [7, 'edited'],
    ]);
  });

  it('stores what callers choose exactly as it hashes it: lone surrogates, NUL, non-finite numbers, "__proto__"', async () => {
    const log = newLog();
    await log.append(sampleRecord({ operationName: 'x\ud800y\u0000z', variables: JSON.parse('{"__proto__": {"s": "A"}, "n": 1e400, "t": "\\udfff"}'), reason: 'bad \udc00' }));
    await log.append(sampleRecord({ variables: JSON.parse('{"__proto__": {"s": "B"}}') }));
    expect(await verify()).toMatchObject({ ok: true, entries: 2 });
    const stored = await database.db.selectFrom('audit_entry').select(['operation_name', 'variables']).where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(stored.operation_name).toBe('x\ufffdy\ufffdz');
    // An edit to the "__proto__" member is an edit like any other.
    await tamper([`update audit_entry set variables = jsonb_set(variables, '{__proto__,s}', '"Z"') where seq = 2`]);
    expect((await verify()).firstBreak).toMatchObject({ seq: 2, problem: 'edited' });
  });

  it('an entry the database refuses fails alone, not the requests that shared its commit', async () => {
    const log = newLog();
    const results = await Promise.allSettled([
      log.append(sampleRecord({ requestId: 'good-1' })),
      log.append(sampleRecord({ requestId: 'refused', outcome: 'bogus' as never })),
      log.append(sampleRecord({ requestId: 'good-2' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('catches a deleted row', async () => {
    await appendMany(newLog(), 8);
    await tamper([`delete from audit_entry where seq = 4`]);
    expect((await verify()).firstBreak).toMatchObject({ position: 4, seq: 4, problem: 'missing-or-reordered' });
  });

  it('catches reordered rows', async () => {
    await appendMany(newLog(), 8);
    await tamper([`update audit_entry set seq = 1006 where seq = 6`, `update audit_entry set seq = 6 where seq = 7`, `update audit_entry set seq = 7 where seq = 1006`]);
    expect((await verify()).firstBreak).toMatchObject({ position: 6, seq: 6 });
  });

  it('catches a rewrite that recomputed every hash, by the signed checkpoint', async () => {
    await appendMany(newLog(), 6);
    expect(await writeCheckpoint(database.db, keys.privateJwk)).toMatchObject({ seq: 6 });
    expect(await writeCheckpoint(database.db, keys.privateJwk)).toBeNull(); // nothing new to sign
    // Edit entry 2 and re-seal it and all its successors, as a careful insider would.
    const rows = await database.db.selectFrom('audit_entry').selectAll().orderBy('seq').execute();
    let prev = rows[0]!.hash;
    const statements: string[] = [];
    for (const row of rows.slice(1)) {
      const { hash: _old, ...sealed } = row;
      const edited = { ...sealed, prev_hash: prev, ...(row.seq === 2 ? { subject: 'someone-else' } : {}) } as SealedRow;
      prev = entryHash(edited);
      statements.push(`update audit_entry set subject = '${edited.subject}', prev_hash = '${edited.prev_hash}', hash = '${prev}' where seq = ${row.seq}`);
    }
    await tamper(statements);
    expect((await verify(keys)).firstBreak).toMatchObject({ seq: 6, problem: 'checkpoint-mismatch' });
  });

  it('refuses a checkpoint not signed by the gateway', async () => {
    await appendMany(newLog(), 2);
    const head = await database.db.selectFrom('audit_entry').select(['seq', 'hash']).where('seq', '=', 2).executeTakeFirstOrThrow();
    const claim = { seq: 2, hash: head.hash, signedAt: new Date().toISOString() };
    await database.db
      .insertInto('audit_checkpoint')
      .values({ seq: 2, hash: head.hash, signed_at: new Date(), jws: await signCheckpoint(claim, (await gatewayKeys('impostor')).privateJwk) })
      .execute();
    expect((await verify()).firstBreak).toMatchObject({ seq: 2, problem: 'checkpoint-signature' });
  });

  it('notices entries removed from the end after a checkpoint', async () => {
    await appendMany(newLog(), 5);
    await writeCheckpoint(database.db, keys.privateJwk);
    await tamper([`delete from audit_entry where seq = 5`]);
    expect((await verify(keys)).firstBreak).toMatchObject({ seq: 5, problem: 'missing-or-reordered' });
  });
});

describe('append-only', () => {
  beforeEach(async () => {
    const log = newLog();
    await appendMany(log, 1);
    // A health fact read by police: the entry carries a notice to health.
    const principal = { subject: 'p-1', issuer: 'i', agency: 'police', level: 'county', region: '431003', org: null, roles: [] };
    await log.append(sampleRecord({ principal, children: [{ childId: 'LB1', fields: [{ coordinate: 'Child.disability', fieldClass: 'SENSITIVE', masked: false, owners: ['health'] }] }] }));
    await writeCheckpoint(database.db, keys.privateJwk);
    expect(await database.db.selectFrom('access_notice').select('id').execute()).toHaveLength(1);
  });

  it.each([
    ['UPDATE', `update audit_entry set outcome = 'ok'`],
    ['DELETE', `delete from audit_entry`],
    ['TRUNCATE', `truncate audit_entry cascade`],
    ['UPDATE of a checkpoint', `update audit_checkpoint set hash = 'x'`],
    ['DELETE of a notice', `delete from access_notice`],
  ])('%s fails, even for the table owner', async (_name, statement) => {
    await expect(sql.raw(statement).execute(database.db)).rejects.toThrow(/append-only/);
    expect(await database.db.selectFrom('audit_entry').select('seq').execute()).toHaveLength(2);
  });

  it('the gateway role may insert and read, never change', async () => {
    await sql.raw('set role lbc_audit_writer').execute(database.db);
    try {
      await expect(sql.raw(`update audit_entry set outcome = 'ok'`).execute(database.db)).rejects.toThrow(/permission denied/);
      await expect(sql.raw(`delete from audit_entry`).execute(database.db)).rejects.toThrow(/permission denied/);
      await expect(sql.raw(`truncate audit_entry`).execute(database.db)).rejects.toThrow(/permission denied/);
      const receipt = await newLog().append(sampleRecord());
      expect(receipt.seq).toBe(3);
    } finally {
      await sql.raw('reset role').execute(database.db);
    }
  });
});
