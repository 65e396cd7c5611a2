/**
 * pnpm audit:export --out DIR
 *
 * Writes a copy of the audit log for another agency or an external auditor: every entry
 * exactly as stored, the signed checkpoints, and the gateway's public keys (see
 * audit-copy.ts). Read-only on the hub database. Verify the copy anywhere with
 * `pnpm audit:verify --copy DIR`.
 */
import { readChain, readCheckpoints } from '@lbc/audit/store';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { DEV_KEY_FILES } from '../keys/dev-keys.ts';
import { COPY_FILES } from './audit-copy.ts';
import { openHubForTools } from './open-hub.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  console.error('usage: pnpm audit:export --out DIR');
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const hub = await openHubForTools();
try {
  const entries = createWriteStream(`${values.out}/${COPY_FILES.entries}`);
  let count = 0;
  for await (const row of readChain(hub.db)) {
    if (!entries.write(JSON.stringify(row) + '\n')) await once(entries, 'drain');
    count++;
  }
  entries.end();
  await once(entries, 'finish');
  const checkpoints = await readCheckpoints(hub.db);
  writeFileSync(`${values.out}/${COPY_FILES.checkpoints}`, checkpoints.map((c) => JSON.stringify(c)).join('\n') + (checkpoints.length ? '\n' : ''));
  writeFileSync(`${values.out}/${COPY_FILES.jwks}`, readFileSync(process.env.LBC_GATEWAY_JWKS_FILE ?? DEV_KEY_FILES.gatewayJwks));
  console.log(`exported ${count} entries and ${checkpoints.length} checkpoints to ${values.out}`);
} finally {
  await hub.close();
}
