import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** An agency service with a configuration it cannot run with stops at start: exit 1, every variable at fault named, no stack trace. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function serve(name: string, env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/(^LBC_|_DATABASE_URL$|^PORT$|^HOST$)/.test(key)));
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/src/serve-subgraph.ts', name], { cwd: ROOT, env: { ...clean, ...env }, timeout: 60_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    return error as { code: number; stderr: string };
  }
}

describe('serve-subgraph configuration', () => {
  it('names every malformed variable and exits 1 without a stack trace', async () => {
    const { code, stderr } = await serve('civil-affairs', { PORT: 'abc', CIVIL_AFFAIRS_DATABASE_URL: 'mysql://db/registry', LBC_GATEWAY_JWKS_FILE: '/nonexistent/jwks.json' });
    expect(code).toBe(1);
    for (const variable of ['PORT', 'CIVIL_AFFAIRS_DATABASE_URL', 'LBC_GATEWAY_JWKS_FILE']) expect(stderr).toContain(variable);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown service by name', async () => {
    const { code, stderr } = await serve('tax-office', {});
    expect(code).toBe(1);
    expect(stderr).toContain('tax-office');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
