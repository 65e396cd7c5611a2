import { AuditLog, writeCheckpoint, type HubDB } from '@lbc/audit/store';
import { openHubDatabase } from '@lbc/gateway/audit';
import { newSigningKey } from '@lbc/scripts/keys/dev-keys';
import type { Database } from '@lbc/subgraph-kit';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

async function run(script: 'verify' | 'export', args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `scripts/src/audit/${script}.ts`, ...args], { cwd: ROOT, env });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

async function withHub<T>(use: (hub: Database<HubDB>) => Promise<T>): Promise<T> {
  const hub = await openHubDatabase({}, hubDir);
  try {
    return await use(hub);
  } finally {
    await hub.close();
  }
}

beforeAll(async () => {
  const key = await newSigningKey('gateway-tools-test');
  writeFileSync(jwksFile, JSON.stringify({ keys: [key.publicJwk] }));
  await withHub(async (hub) => {
    const log = new AuditLog(hub.db);
    for (let i = 1; i <= 6; i++) {
      await log.append({
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
      });
    }
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
    await withHub(async (hub) =>
      hub.db.connection().execute(async (db) => {
        await sql.raw('set session_replication_role = replica').execute(db);
        await sql.raw(`update audit_entry set purpose = 'EMERGENCY' where seq = 4`).execute(db);
      }),
    );
    const tampered = await run('verify', []);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('entry 4 at position 4: edited');
  }, 60_000);
  it('an anchor kept from an earlier copy catches a log cut short with its checkpoints', async () => {
    const earlier = join(work, 'earlier');
    await run('export', ['--out', earlier]);
    // The owner switches the triggers off, removes the last three entries (the edited one among them) and every checkpoint.
    await withHub(async (hub) =>
      hub.db.connection().execute(async (db) => {
        await sql.raw('set session_replication_role = replica').execute(db);
        await sql.raw('delete from audit_checkpoint').execute(db);
        await sql.raw('delete from audit_entry where seq > 3').execute(db);
        await sql.raw('set session_replication_role = default').execute(db);
      }),
    );
    // On its own the shortened log is consistent (and says no checkpoint was checked)…
    expect(await run('verify', [])).toMatchObject({ code: 0, out: expect.stringContaining('no signed checkpoint was checked') });
    // …but not against what the earlier copy's checkpoints signed.
    const anchored = await run('verify', ['--anchor', join(earlier, 'checkpoints.jsonl')]);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toContain('entry 6 at position 4: missing-or-reordered');
  }, 60_000);

});
