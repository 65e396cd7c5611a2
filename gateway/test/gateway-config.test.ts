import { exportJWK, generateKeyPair } from 'jose';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readGatewayEnv } from '../src/config/gateway-config.ts';
import { readPublishedKeys } from '../src/config/signing-key.ts';

/**
 * A gateway with a configuration it cannot run with stops at start, as a process: exit
 * code 1, every variable at fault named once, no stack trace — before it opens anything.
 */
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

async function startWith(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LBC_|HUB_|PORT$|HOST$)/.test(name)));
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN], { env: { ...clean, NODE_ENV: 'production', ...env }, timeout: 60_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe('gateway configuration', () => {
  it('names every malformed variable and exits 1 without a stack trace', async () => {
    const { code, stderr } = await startWith({ PORT: 'abc', LBC_DEVELOPMENT: 'maybe', LBC_SUBGRAPH_URL_CIVIL_AFFAIRS: 'not-a-url', HUB_DATABASE_URL: 'mysql://db/hub', LBC_SUBGRAPH_TIMEOUT_MS: '-5' });
    expect(code).toBe(1);
    for (const variable of ['PORT', 'LBC_DEVELOPMENT', 'LBC_SUBGRAPH_URL_CIVIL_AFFAIRS', 'HUB_DATABASE_URL', 'LBC_SUBGRAPH_TIMEOUT_MS']) expect(stderr).toContain(`${variable}:`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names missing files by their variable, including the trusted documents production needs', async () => {
    const { code, stderr } = await startWith({
      LBC_ISSUERS_FILE: '/nonexistent/issuers.json',
      LBC_GATEWAY_PRIVATE_KEY_FILE: '/nonexistent/key.jwk',
      LBC_TRUSTED_DOCUMENTS_FILE: '/nonexistent/trusted.json',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('LBC_ISSUERS_FILE:');
    expect(stderr).toContain('LBC_GATEWAY_PRIVATE_KEY_FILE:');
    expect(stderr).toContain('LBC_TRUSTED_DOCUMENTS_FILE:');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reads switches strictly: 1/true/yes and 0/false/no, anything else is an error', () => {
    expect(readGatewayEnv({ LBC_DEVELOPMENT: 'true' }).LBC_DEVELOPMENT).toBe(true);
    expect(readGatewayEnv({ LBC_DEVELOPMENT: '1' }).LBC_DEVELOPMENT).toBe(true);
    expect(readGatewayEnv({ LBC_DEVELOPMENT: 'no' }).LBC_DEVELOPMENT).toBe(false);
    expect(readGatewayEnv({}).LBC_DEVELOPMENT).toBe(false);
    expect(() => readGatewayEnv({ LBC_DEVELOPMENT: 'TRUE ' })).toThrow(/LBC_DEVELOPMENT/);
    expect(readGatewayEnv({ PORT: '0' }).PORT).toBe(0);
    expect(() => readGatewayEnv({ PORT: '70000' })).toThrow(/PORT: must be a port number/);
  });
});

describe('the published gateway keys (LBC_GATEWAY_JWKS_FILE)', () => {
  it('are read as public keys only, for the audit log to verify a replaced key with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbc-published-keys-'));
    try {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const publicJwk = { ...(await exportJWK(publicKey)), kid: 'gateway-2026-01' };
      writeFileSync(join(dir, 'good.json'), JSON.stringify({ keys: [publicJwk] }));
      writeFileSync(join(dir, 'private.json'), JSON.stringify({ keys: [await exportJWK(privateKey)] }));
      writeFileSync(join(dir, 'empty.json'), JSON.stringify({ keys: [] }));
      expect(readPublishedKeys(join(dir, 'good.json'))).toEqual([publicJwk]);
      expect(() => readPublishedKeys(join(dir, 'private.json'))).toThrow(/private key/);
      expect(() => readPublishedKeys(join(dir, 'empty.json'))).toThrow(/not a JWKS/);

      const { code, stderr } = await startWith({ LBC_GATEWAY_JWKS_FILE: join(dir, 'private.json') });
      expect(code).toBe(1);
      expect(stderr).toContain('LBC_GATEWAY_JWKS_FILE:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
