import { TrustedDocuments } from '@lbc/gateway';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Production answers only operations registered for the calling client system, by
 * `pnpm documents:register` (run here as the process an operator runs). Automatic
 * persisted queries cannot register anything.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lbc-trusted-'));
const manifest = join(dir, 'trusted-documents.json');
const RECORD = 'query ChildName($id: ID!) { child(id: $id) { id name } }\n';
const OTHER = 'query ChildSex($id: ID!) { child(id: $id) { id sex } }\n';
let hub: Hub;
let registered: string;
let childId: string;

async function register(client: string, ...files: string[]) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/src/documents/register.ts', '--client', client, '--manifest', manifest, ...files], { cwd: ROOT });
}

beforeAll(async () => {
  writeFileSync(join(dir, 'record.graphql'), RECORD);
  writeFileSync(join(dir, 'other.graphql'), OTHER);
  const { stdout } = await register('case-system', join(dir, 'record.graphql'));
  registered = /sha256:([0-9a-f]{64})/.exec(stdout)![1]!;
  await register('statistics-system', join(dir, 'other.graphql'));
  hub = await startHub({ children: 2, gateway: { trustedDocuments: TrustedDocuments.load(manifest) } });
  childId = (
    (await hub.subgraphs['civil-affairs'].database.db
      .selectFrom('child' as never)
      .select('id' as never)
      .limit(1)
      .executeTakeFirstOrThrow()) as { id: string }
  ).id;
}, 180_000);
afterAll(async () => {
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function post(token: string, body: Record<string, unknown>) {
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': 'CASE_MANAGEMENT' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any, requestId: response.headers.get('x-request-id')! };
}

describe('documents:register', () => {
  it('writes each document under the SHA-256 of its exact text, per client', () => {
    const file = JSON.parse(readFileSync(manifest, 'utf8'));
    expect(Object.keys(file.clients).sort()).toEqual(['case-system', 'statistics-system']);
    expect(file.clients['case-system'][registered]).toBe(RECORD);
  });

  it('refuses a document that does not validate against the schema, and changes nothing', async () => {
    const before = readFileSync(manifest, 'utf8');
    writeFileSync(join(dir, 'bad.graphql'), '{ child(id: "1") { nosuchfield } }');
    await expect(register('case-system', join(dir, 'bad.graphql'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('nosuchfield') });
    expect(readFileSync(manifest, 'utf8')).toBe(before);
  });
});

describe('a production gateway with trusted documents', () => {
  it('runs a registered operation sent in full, or by its documentId', async () => {
    const token = await hub.token({ agency: 'civil_affairs' }, { client: 'case-system' });
    const full = await post(token, { query: RECORD, variables: { id: childId } });
    expect(full.status).toBe(200);
    expect(full.body.data.child.id).toBe(childId);
    const byId = await post(token, { documentId: `sha256:${registered}`, variables: { id: childId } });
    expect(byId.status).toBe(200);
    expect(byId.body.data.child.name).toBe(full.body.data.child.name);
  });

  it('refuses any other text with 403 UNTRUSTED_DOCUMENT, audited, even a whitespace variant', async () => {
    const token = await hub.token({ agency: 'civil_affairs' }, { client: 'case-system' });
    for (const query of [`{ child(id: "${childId}") { id name } }`, RECORD.trim()]) {
      const refused = await post(token, { query, variables: { id: childId } });
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].extensions.code).toBe('UNTRUSTED_DOCUMENT');
      expect(refused.body.data).toBeUndefined();
      const entry = await hub.auditEntry(refused.requestId);
      expect(entry.outcome).toBe('rejected');
      expect(entry.fetches).toEqual([]);
    }
  });

  it("refuses another client's document, and a document id registered nowhere", async () => {
    const token = await hub.token({ agency: 'civil_affairs' }, { client: 'case-system' });
    expect((await post(token, { query: OTHER, variables: { id: childId } })).body.errors[0].extensions.code).toBe('UNTRUSTED_DOCUMENT');
    expect((await post(token, { documentId: `sha256:${'0'.repeat(64)}` })).status).toBe(403);
    expect((await post(token, { documentId: 'md5:abc' })).status).toBe(400);
  });

  it('never registers through automatic persisted queries', async () => {
    const token = await hub.token({ agency: 'civil_affairs' }, { client: 'case-system' });
    const text = `{ child(id: "${childId}") { id sex } }`;
    const hash = (await import('node:crypto')).createHash('sha256').update(text).digest('hex');
    const register = await post(token, { query: text, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(register.status).toBe(403);
    const replay = await post(token, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(replay.status).toBe(403);
    expect(replay.body.errors[0].extensions.code).toBe('UNTRUSTED_DOCUMENT');
  });
});
