import { AuditLog, entryHash, writeCheckpoint, type AuditRecord, type HubDB, type SealedRow } from '@lbc/audit/store';
import { openHubDatabase } from '@lbc/gateway/audit';
import { newSigningKey } from '@lbc/scripts/keys/dev-keys';
import type { Database } from '@lbc/subgraph-kit';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `pnpm audit:verify` and `pnpm audit:export` as an auditor runs them: separate processes
 * over a real (PGlite) hub database directory and over an exported copy.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'lbc-audit-tools-'));
const hubDir = join(work, 'hub');
const jwksFile = join(work, 'gateway.jwks.json');
const env = { ...process.env, LBC_HUB_DATA_DIR: hubDir, LBC_GATEWAY_JWKS_FILE: jwksFile, HUB_DATABASE_URL: '' };

async function run(script: 'verify' | 'export', args: string[], hub = hubDir): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `scripts/src/audit/${script}.ts`, ...args], { cwd: ROOT, env: { ...env, LBC_HUB_DATA_DIR: hub } });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

async function withHub<T>(use: (hub: Database<HubDB>) => Promise<T>, dir = hubDir): Promise<T> {
  const hub = await openHubDatabase({}, dir);
  try {
    return await use(hub);
  } finally {
    await hub.close();
  }
}

/** Entry `i` as the gateway would write it. */
function entry(i: number): AuditRecord {
  return {
    at: new Date(Date.UTC(2024, 8, 30, 2, i)),
    requestId: `req-${i}`,
    principal: { subject: `officer-${i}`, issuer: 'https://idp.test', agency: 'health', level: 'county', region: '431003', org: null, roles: [] },
    client: null,
    purpose: 'CASE_MANAGEMENT',
    caseId: null,
    justification: null,
    breakGlass: false,
    mode: 'filter',
    operationName: null,
    operationHash: null,
    operationText: '{ child(id: $id) { name } }',
    variables: { id: `LB00000000${i}` },
    fetches: [],
    children: [{ childId: `LB00000000${i}`, fields: [{ coordinate: 'Child.name', fieldClass: 'BASIC', masked: false, owners: ['civil_affairs'] }] }],
    otherFields: [],
    denied: [],
    outcome: 'ok',
    errorCodes: [],
    reason: null,
    durationMs: 5,
  };
}

/** What an attacker with superuser rights does to the hub database: triggers (append-only, foreign keys) off, then edit. */
function tamper(statements: string[], dir = hubDir): Promise<void> {
  return withHub(
    (hub) =>
      hub.db.connection().execute(async (db) => {
        await sql.raw('set session_replication_role = replica').execute(db);
        for (const statement of statements) await sql.raw(statement).execute(db);
        await sql.raw('set session_replication_role = default').execute(db);
      }),
    dir,
  );
}

let key: Awaited<ReturnType<typeof newSigningKey>>;
beforeAll(async () => {
  key = await newSigningKey('gateway-tools-test');
  writeFileSync(jwksFile, JSON.stringify({ keys: [key.publicJwk] }));
  await withHub(async (hub) => {
    const log = new AuditLog(hub.db, { signingKey: key.privateJwk });
    for (let i = 1; i <= 6; i++) await log.append(entry(i));
    await writeCheckpoint(hub.db, key.privateJwk);
  });
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('audit tools', () => {
  it('export writes a copy that verifies on its own, and an edited line in the copy is named', async () => {
    const copy = join(work, 'copy');
    expect(await run('export', ['--out', copy])).toMatchObject({ code: 0, out: expect.stringContaining('exported 6 entries and 1 checkpoints') });
    expect(await run('verify', ['--copy', copy])).toMatchObject({ code: 0, out: expect.stringContaining('audit log intact') });

    const lines = readFileSync(join(copy, 'entries.jsonl'), 'utf8').split('\n');
    lines[2] = lines[2]!.replace('officer-3', 'officer-9');
    writeFileSync(join(copy, 'entries.jsonl'), lines.join('\n'));
    const tampered = await run('verify', ['--copy', copy]);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('entry 3 at position 3: edited');
  }, 60_000);

  it('verify over the hub database: intact, then the row edited directly in the database', async () => {
    expect(await run('verify', [])).toMatchObject({ code: 0, out: expect.stringContaining('6 entries, 1 signed checkpoints verified') });
    await tamper([`update audit_entry set purpose = 'EMERGENCY' where seq = 4`]);
    const tampered = await run('verify', []);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('entry 4 at position 4: edited');
  }, 60_000);
  it('an anchor kept from an earlier copy catches a log cut short with its checkpoints', async () => {
    const earlier = join(work, 'earlier');
    await run('export', ['--out', earlier]);
    // The owner switches the triggers off, removes the last three entries (the edited one among them) and every checkpoint.
    await tamper(['delete from audit_checkpoint', 'delete from audit_entry where seq > 3']);
    // On its own the shortened log is consistent (and says no checkpoint was checked)…
    expect(await run('verify', [])).toMatchObject({ code: 0, out: expect.stringContaining('no signed checkpoint was checked') });
    // …but not against what the earlier copy's checkpoints signed.
    const anchored = await run('verify', ['--anchor', join(earlier, 'checkpoints.jsonl')]);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toContain('entry 6 at position 4: missing-or-reordered');
  }, 60_000);
});

describe('audit:verify and the tail of the log', () => {
  // Entries 1–3 one commit each and a checkpoint at 3; then entries 4–6 in one commit, sealed
  // at 6, and no checkpoint after them: the tail is covered by its seal alone.
  const tailHub = join(work, 'tail-hub');
  const tailCopy = join(work, 'tail-copy');
  const anchorFile = join(work, 'gateway-anchor.jsonl');

  beforeAll(async () => {
    await withHub(async (hub) => {
      const log = new AuditLog(hub.db, { signingKey: key.privateJwk, anchorFile });
      for (let i = 1; i <= 3; i++) await log.append(entry(i));
      await log.checkpoint();
      await Promise.all([4, 5, 6].map((i) => log.append(entry(i))));
    }, tailHub);
    expect(await run('export', ['--out', tailCopy], tailHub)).toMatchObject({ code: 0, out: expect.stringContaining('exported 6 entries and 1 checkpoints') });
    // The gateway stops: it signs its last head and keeps it in its anchor file.
    await withHub(async (hub) => {
      const log = new AuditLog(hub.db, { signingKey: key.privateJwk, anchorFile });
      await log.open();
      await log.close();
    }, tailHub);
  }, 120_000);

  /** A copy of the tail copy whose entries.jsonl lines are changed by `edit`. */
  function editedCopy(name: string, edit: (lines: string[]) => string[]): string {
    const dir = join(work, name);
    mkdirSync(dir);
    for (const file of ['checkpoints.jsonl', 'gateway.jwks.json']) copyFileSync(join(tailCopy, file), join(dir, file));
    const lines = readFileSync(join(tailCopy, 'entries.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    writeFileSync(join(dir, 'entries.jsonl'), edit(lines).join('\n') + '\n');
    return dir;
  }

  it('the last entry deleted: an unsealed head', async () => {
    expect(await run('verify', ['--copy', tailCopy])).toMatchObject({ code: 0, out: expect.stringContaining('audit log intact') });
    const cut = await run('verify', ['--copy', editedCopy('last-deleted', (lines) => lines.slice(0, -1))]);
    expect(cut.code).toBe(1);
    expect(cut.out).toContain('entry 5 at position 5: unsealed-head');
  }, 60_000);

  it('the last entry rewritten with its hash recomputed: a seal that does not match', async () => {
    const rewritten = editedCopy('last-rewritten', (lines) => {
      const row = JSON.parse(lines.at(-1)!) as SealedRow & { hash: string };
      const edited = { ...row, subject: 'someone-else' };
      return [...lines.slice(0, -1), JSON.stringify({ ...edited, hash: entryHash(edited) })];
    });
    const result = await run('verify', ['--copy', rewritten]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('entry 6 at position 6: seal-mismatch');
  }, 60_000);

  it("the last whole commit deleted: consistent on its own, a head older than the gateway's anchor", async () => {
    const dropped = editedCopy('last-commit-deleted', (lines) => lines.slice(0, 3));
    expect(await run('verify', ['--copy', dropped])).toMatchObject({ code: 0, out: expect.stringContaining('3 entries, 1 signed checkpoints verified') });
    const anchored = await run('verify', ['--copy', dropped, '--anchor', anchorFile]);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toContain('entry 6 at position 4: missing-or-reordered');
    expect(anchored.out).toContain('the log ends at entry 3');
  }, 60_000);

  it('over the hub database: the last entry and its checkpoint deleted', async () => {
    expect(await run('verify', [], tailHub)).toMatchObject({ code: 0, out: expect.stringContaining('6 entries, 2 signed checkpoints verified') });
    await tamper(['delete from audit_checkpoint where seq = 6', 'delete from audit_entry where seq = 6'], tailHub);
    const result = await run('verify', [], tailHub);
    expect(result.code).toBe(1);
    expect(result.out).toContain('entry 5 at position 5: unsealed-head');
  }, 60_000);
});
