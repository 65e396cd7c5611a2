import type { Database } from '@lbc/subgraph-kit';
import { createTestDatabase } from '@lbc/subgraph-kit/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../src/index.ts';
import {
  AuditLog,
  entryHash,
  isAuditChainBroken,
  readAnchor,
  readChain,
  readCheckpoints,
  sealMatches,
  signCheckpoint,
  startCheckpoints,
  verifyChain,
  type AuditLogOptions,
  type HubDB,
  type SealedRow,
  type StoredCheckpoint,
} from '../src/store/index.ts';
import { gatewayKeys, type GatewayKeys } from './gateway-keys.ts';
import { sampleRecord } from './sample-record.ts';
import { tamper } from './tamper.ts';

/**
 * The tail of the log: what an owner of the database (triggers off) can do after the last
 * signed checkpoint — delete the last entry, delete the last whole commit, rewrite the
 * last entry and recompute its hash — and who notices: `verifyChain` (audit:verify), the
 * running writer, a restarted writer, the anchor file.
 */
let database: Database<HubDB>;
let keys: GatewayKeys;
const work = mkdtempSync(join(tmpdir(), 'lbc-audit-seal-'));
let anchorFile: string;
let sequence = 0;

beforeAll(async () => {
  keys = await gatewayKeys();
});
beforeEach(async () => {
  database = await createTestDatabase(audit);
  anchorFile = join(work, `anchor-${sequence++}.jsonl`);
});
afterEach(() => database.close());
afterAll(() => rmSync(work, { recursive: true, force: true }));

function newLog(options: Partial<AuditLogOptions> = {}): AuditLog {
  return new AuditLog(database.db, { signingKey: keys.privateJwk, ...options });
}

async function verify(anchors: StoredCheckpoint[] = []) {
  return verifyChain(readChain(database.db), [...(await readCheckpoints(database.db)), ...anchors], keys.jwks);
}

/** `n` entries in one commit: queued in the same tick, they share a transaction. */
function burst(log: AuditLog, n: number, prefix: string) {
  return Promise.all(Array.from({ length: n }, (_, i) => log.append(sampleRecord({ requestId: `${prefix}-${i}`, variables: { i } }))));
}

async function checkpointCount(): Promise<number> {
  return (await readCheckpoints(database.db)).length;
}

/**
 * Entries 1–3 one commit each, a checkpoint at 3, then one commit of entries 4–7: the
 * last signed checkpoint is at 3, the tail 4–7 is covered by entry 7's seal only.
 */
async function logWithTail(options: Partial<AuditLogOptions> = {}): Promise<AuditLog> {
  const log = newLog(options);
  for (let i = 1; i <= 3; i++) await log.append(sampleRecord({ requestId: `single-${i}` }));
  expect(await log.checkpoint()).toMatchObject({ seq: 3 });
  expect((await burst(log, 4, 'tail')).map((r) => r.seq)).toEqual([4, 5, 6, 7]);
  return log;
}

/** The refusal a writer gives once the log is broken: AUDIT_CHAIN_BROKEN, HTTP 503, the finding in the message. */
async function expectRefused(promise: Promise<unknown>, finding: RegExp): Promise<void> {
  const error = await promise.then(
    () => expect.unreachable('the audit log accepted a write after a broken head'),
    (e: unknown) => e,
  );
  expect(isAuditChainBroken(error)).toBe(true);
  expect(error).toMatchObject({ extensions: { code: 'AUDIT_CHAIN_BROKEN', http: { status: 503 } } });
  expect((error as Error).message).toMatch(finding);
}

describe('the seal on every commit', () => {
  it('is on the last entry of each commit, over its seq and hash, and outside what the hash covers', async () => {
    await logWithTail();
    const rows = await database.db.selectFrom('audit_entry').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seal !== null)).toEqual([true, true, true, false, false, false, true]);
    for (const row of rows) expect(entryHash(row as SealedRow)).toBe(row.hash);
    expect(await sealMatches(rows[6]!.seal!, 7, rows[6]!.hash, keys.jwks)).toBe(true);
    // A seal fits its own row only.
    expect(await sealMatches(rows[6]!.seal!, 6, rows[5]!.hash, keys.jwks)).toBe(false);
    expect(await sealMatches(rows[6]!.seal!, 7, rows[6]!.hash, (await gatewayKeys('other')).jwks)).toBe(false);
    expect(await verify()).toMatchObject({ ok: true, entries: 7, checkpoints: 1 });
  });

  it('a restarted writer over an intact log opens and goes on; so does one with an anchor', async () => {
    const first = await logWithTail({ anchorFile });
    await first.close();
    expect(readAnchor(anchorFile)).toMatchObject({ seq: 7 });
    for (const next of [newLog(), newLog({ anchorFile })]) {
      await next.open();
      expect(next.health()).toMatchObject({ state: 'ok', head: { seq: 7 } });
    }
    const again = newLog({ anchorFile });
    expect(await again.append(sampleRecord({ requestId: 'after-restart' }))).toMatchObject({ seq: 8 });
    expect(await verify()).toMatchObject({ ok: true, entries: 8 });
    // An anchor file given to a log whose head is already checkpointed is written at shutdown all the same.
    await again.checkpoint();
    const lateAnchor = join(work, `late-${sequence}.jsonl`);
    const late = newLog({ anchorFile: lateAnchor });
    await late.open();
    await late.close();
    expect(readAnchor(lateAnchor)).toMatchObject({ seq: 8 });
  });
});

describe('the last entry deleted after the last checkpoint', () => {
  it('audit:verify finds an unsealed head; the writer refuses to append or sign; so does a restarted one', async () => {
    const log = await logWithTail();
    await tamper(database.db, ['delete from audit_entry where seq = 7']);
    expect((await verify()).firstBreak).toMatchObject({ seq: 6, problem: 'unsealed-head' });

    await expectRefused(log.append(sampleRecord({ requestId: 'next' })), /entry 7.*deleted/);
    expect(log.health()).toMatchObject({ state: 'broken', reason: expect.stringMatching(/entry 7/) });
    // Broken stays broken: later appends and checkpoints are refused without looking again.
    await expectRefused(log.append(sampleRecord({ requestId: 'later' })), /entry 7/);
    await expectRefused(log.checkpoint(), /entry 7/);
    await log.close();
    expect(await checkpointCount()).toBe(1);
    expect(await database.db.selectFrom('audit_entry').select('seq').execute()).toHaveLength(6);

    await expectRefused(newLog().open(), /entry 6.*not sealed/);
  });
});

describe('the last entry rewritten, its hash recomputed', () => {
  it('audit:verify finds the seal no longer matches; the writer refuses; so does a restarted one', async () => {
    const log = await logWithTail();
    const row = await database.db.selectFrom('audit_entry').selectAll().where('seq', '=', 7).executeTakeFirstOrThrow();
    const rewritten = entryHash({ ...(row as SealedRow), seq: 7, subject: 'someone-else' });
    await tamper(database.db, [`update audit_entry set subject = 'someone-else', hash = '${rewritten}' where seq = 7`]);
    expect((await verify()).firstBreak).toMatchObject({ seq: 7, problem: 'seal-mismatch' });

    await expectRefused(log.append(sampleRecord({ requestId: 'next' })), /entry 7.*rewritten/);
    await expectRefused(log.checkpoint(), /entry 7/);
    expect(await checkpointCount()).toBe(1);
    await expectRefused(newLog().open(), /entry 7.*does not match its seal/);
  });

  it('an edit that leaves the hash alone is found by the writer too', async () => {
    const log = await logWithTail();
    await tamper(database.db, [`update audit_entry set purpose = 'EMERGENCY' where seq = 7`]);
    await expectRefused(log.append(sampleRecord({ requestId: 'next' })), /entry 7.*edited/);
    await expectRefused(newLog().open(), /entry 7.*edited/);
  });
});

describe('the last whole commit deleted after the last checkpoint', () => {
  it('leaves a log consistent on its own — but the running writer knows its head and refuses', async () => {
    const log = await logWithTail();
    await tamper(database.db, ['delete from audit_entry where seq >= 4']);
    // The remaining window: entry 3 is sealed, so the shortened log verifies without an anchor…
    expect(await verify()).toMatchObject({ ok: true, entries: 3 });
    await newLog().open();
    // …but not for the writer that wrote entries 4–7.
    await expectRefused(log.append(sampleRecord({ requestId: 'next' })), /entries 4 to 7 were deleted/);
    await expectRefused(log.checkpoint(), /entries 4 to 7/);
    expect(await checkpointCount()).toBe(1);
  });

  it('while no writer runs, is found by the anchor the writer left at shutdown', async () => {
    const log = await logWithTail({ anchorFile });
    await log.close();
    const anchor = readAnchor(anchorFile)!;
    expect(anchor).toMatchObject({ seq: 7 });
    // The owner removes the last commit and the checkpoint that signed it.
    await tamper(database.db, ['delete from audit_checkpoint where seq = 7', 'delete from audit_entry where seq >= 4']);
    expect(await verify()).toMatchObject({ ok: true, entries: 3 });
    expect((await verify([anchor])).firstBreak).toMatchObject({ seq: 7, problem: 'missing-or-reordered' });
    const restarted = newLog({ anchorFile });
    await expectRefused(restarted.open(), /entry 7, which the anchor file.*deleted/);
    await expectRefused(restarted.append(sampleRecord({ requestId: 'next' })), /entry 7/);
    expect(await database.db.selectFrom('audit_entry').select('seq').execute()).toHaveLength(3);
  });

  it('an anchor file that is not a checkpoint signed by the gateway is refused', async () => {
    await (await logWithTail()).close();
    writeFileSync(anchorFile, 'not json\n');
    await expectRefused(newLog({ anchorFile }).open(), /anchor file does not hold a checkpoint/);
    const forged = { seq: 7, hash: 'f'.repeat(64), jws: await signCheckpoint({ seq: 7, hash: 'f'.repeat(64), signedAt: new Date().toISOString() }, (await gatewayKeys('impostor')).privateJwk) };
    writeFileSync(anchorFile, JSON.stringify(forged) + '\n');
    await expectRefused(newLog({ anchorFile }).open(), /anchor file.*not signed by the gateway/);
  });
});

describe('several writers on one database', () => {
  it('interleaved commits and checkpoints of two writers form one chain, with no false alarm', async () => {
    const first = newLog();
    const second = newLog();
    for (let round = 0; round < 3; round++) {
      await Promise.all([burst(first, 20, `a${round}`), burst(second, 20, `b${round}`)]);
      // A checkpoint by one lets the other verify from it instead of from its own head.
      await (round % 2 ? first : second).checkpoint();
    }
    await Promise.all([burst(first, 5, 'a-last'), burst(second, 5, 'b-last')]);
    expect([first.health().state, second.health().state]).toEqual(['ok', 'ok']);
    expect(await verify()).toMatchObject({ ok: true, entries: 130 });
  });

  it("a writer that finds another writer's commit unsealed refuses", async () => {
    const first = newLog();
    const second = newLog();
    await first.append(sampleRecord({ requestId: 'first' }));
    await burst(second, 3, 'second');
    await tamper(database.db, ['delete from audit_entry where seq = 4']);
    await expectRefused(first.append(sampleRecord({ requestId: 'next' })), /entry 3.*not sealed/);
  });
});

describe('operations', () => {
  it('reports health, queue depth and each commit to metrics', async () => {
    const commits: Array<[number, number]> = [];
    const log = newLog({ onCommit: (ms, entries) => commits.push([ms, entries]) });
    expect(log.health()).toEqual({ state: 'unverified' });
    await log.open();
    expect(log.health()).toEqual({ state: 'ok', head: { seq: 0, hash: '0'.repeat(64) } });
    const pending = burst(log, 5, 'm');
    expect(log.queueDepth).toBe(5);
    await pending;
    expect(log.queueDepth).toBe(0);
    expect(commits).toEqual([[expect.any(Number), 5]]);
    expect(commits[0]![0]).toBeGreaterThanOrEqual(0);
  });

  it('startCheckpoints signs through the log, and stops signing once the log is broken', async () => {
    const log = newLog();
    await log.append(sampleRecord({ requestId: 'one' }));
    const checkpoints = startCheckpoints(log, 20, () => undefined);
    try {
      for (let i = 0; i < 250 && (await checkpointCount()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await checkpointCount()).toBe(1);
      await log.append(sampleRecord({ requestId: 'two' }));
      await tamper(database.db, ['delete from audit_entry where seq = 2']);
      await expectRefused(log.append(sampleRecord({ requestId: 'three' })), /entry 2/);
      const signed = await checkpointCount();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await checkpointCount()).toBe(signed);
    } finally {
      await checkpoints.stop();
    }
  });
});
