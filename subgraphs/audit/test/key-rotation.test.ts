import type { Database } from '@lbc/subgraph-kit';
import { createTestDatabase } from '@lbc/subgraph-kit/testing';
import { createLocalJWKSet } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../src/index.ts';
import { AuditLog, isAuditChainBroken, publicKeysOf, readChain, readCheckpoints, verifyChain, type HubDB } from '../src/store/index.ts';
import { gatewayKeys } from './gateway-keys.ts';
import { sampleRecord } from './sample-record.ts';

let database: Database<HubDB>;
beforeEach(async () => {
  database = await createTestDatabase(audit);
});
afterEach(() => database.close());

/** The gateway's key replaced: the log its predecessor sealed must still open, and only with that key published. */
describe('the audit log across a key rotation', () => {
  it('opens and appends on a new key when the old public key is published, and refuses without it', async () => {
    const before = await gatewayKeys('gateway-2026-01');
    const after = await gatewayKeys('gateway-2026-07');
    const old = new AuditLog(database.db, { signingKey: before.privateJwk });
    await old.append(sampleRecord({ requestId: 'before-rotation' }));
    await old.close();

    // Without the retired key nothing it sealed verifies: the log is refused, as a forged one would be.
    const unpublished = new AuditLog(database.db, { signingKey: after.privateJwk });
    const refused = await unpublished.open().then(
      () => null,
      (error: unknown) => error,
    );
    expect(isAuditChainBroken(refused)).toBe(true);

    const rotated = new AuditLog(database.db, { signingKey: after.privateJwk, keys: publicKeysOf(after.privateJwk, [before.publicJwk]) });
    await rotated.open();
    const receipt = await rotated.append(sampleRecord({ requestId: 'after-rotation' }));
    expect(receipt.seq).toBe(2);
    await rotated.close();

    // An auditor with both public keys verifies the whole chain: two checkpoints, two keys.
    const both = createLocalJWKSet({ keys: [before.publicJwk, after.publicJwk] });
    const report = await verifyChain(readChain(database.db), await readCheckpoints(database.db), both);
    expect(report).toMatchObject({ ok: true, entries: 2 });
  });
});
