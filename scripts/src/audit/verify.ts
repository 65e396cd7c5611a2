/**
 * pnpm audit:verify [--copy DIR] [--jwks FILE] [--anchor CHECKPOINTS.jsonl ...]
 *
 * Recomputes the audit chain — every entry's hash from its content and its predecessor's
 * hash — checks every signed checkpoint, and checks that the last entry carries the
 * gateway's seal (or a checkpoint signs it), then prints the result. Exit 0 when the log
 * is intact; exit 1 naming the first entry that does not match and its position. An
 * entry deleted or rewritten at the end shows as `unsealed-head` or `seal-mismatch`.
 *
 * Without --copy it reads the hub database (HUB_DATABASE_URL, or the development hub's
 * PGlite directory: stop the hub first). With --copy it reads an exported copy (see
 * `pnpm audit:export`), needing nothing of the hub. --jwks names the gateway's public
 * keys (default: the copy's gateway.jwks.json, else LBC_GATEWAY_JWKS_FILE, else the
 * development keys). --anchor names checkpoints kept from an earlier copy
 * (its checkpoints.jsonl) or the gateway's anchor file (LBC_AUDIT_ANCHOR_FILE): the log
 * must still hold exactly what they signed, so a log rewritten or cut short after them —
 * whole commits removed from its end included, which no seal reveals — is caught even if
 * its own checkpoints were removed. Over the hub database, LBC_AUDIT_ANCHOR_FILE is read
 * as an anchor when it exists.
 */
import { readChain, readCheckpoints, verifyChain, type ChainReport } from '@lbc/audit/store';
import { createLocalJWKSet } from 'jose';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultAnchorFile } from '@lbc/gateway/audit';
import { DEV_KEY_FILES } from '../keys/dev-keys.ts';
import { DATA_DIR } from '../paths.ts';
import { COPY_FILES, copyCheckpoints, copyEntries, readCheckpointsFile } from './audit-copy.ts';
import { openHubForTools } from './open-hub.ts';

const { values } = parseArgs({ options: { copy: { type: 'string' }, jwks: { type: 'string' }, anchor: { type: 'string', multiple: true } } });
// Over the hub database, the gateway's own anchor file counts too when it is there: whole commits removed from the end since its last checkpoint show.
const gatewayAnchor = process.env.LBC_AUDIT_ANCHOR_FILE ?? defaultAnchorFile(process.env, DATA_DIR);
const anchorFiles = [...(values.anchor ?? []), ...(!values.copy && gatewayAnchor && existsSync(gatewayAnchor) ? [gatewayAnchor] : [])];
const anchors = anchorFiles.flatMap((file) => readCheckpointsFile(file));
const jwksFile =
  values.jwks ?? (values.copy && existsSync(`${values.copy}/${COPY_FILES.jwks}`) ? `${values.copy}/${COPY_FILES.jwks}` : (process.env.LBC_GATEWAY_JWKS_FILE ?? DEV_KEY_FILES.gatewayJwks));
if (!existsSync(jwksFile)) {
  console.error(`the gateway's public keys are needed to check checkpoints: ${jwksFile} does not exist (--jwks FILE)`);
  process.exit(2);
}
const keys = createLocalJWKSet(JSON.parse(readFileSync(jwksFile, 'utf8')));

let report: ChainReport;
if (values.copy) {
  report = await verifyChain(copyEntries(values.copy), [...copyCheckpoints(values.copy), ...anchors], keys);
} else {
  const hub = await openHubForTools();
  try {
    report = await verifyChain(readChain(hub.db), [...(await readCheckpoints(hub.db)), ...anchors], keys);
  } finally {
    await hub.close();
  }
}

const source = values.copy ? `copy ${values.copy}` : 'hub database';
if (report.ok) {
  console.log(`audit log intact (${source}): ${report.entries} entries, ${report.checkpoints} signed checkpoints verified, head entry ${report.head?.seq ?? '-'} ${report.head?.hash ?? ''}`);
  if (!report.checkpoints) console.log("note: no signed checkpoint was checked; keep each copy's checkpoints.jsonl and pass it with --anchor next time");
  if (!anchors.length)
    console.log("note: whole commits removed from the end leave no trace in the log itself; pass the gateway's anchor file or an earlier copy's checkpoints.jsonl with --anchor to rule that out");
} else {
  const b = report.firstBreak!;
  console.log(`AUDIT LOG TAMPERED (${source}): entry ${b.seq} at position ${b.position}: ${b.problem}: ${b.detail}`);
  for (const other of report.breaks.slice(1, 10)) console.log(`  also entry ${other.seq} at position ${other.position}: ${other.problem}`);
  if (report.breaks.length > 10) console.log(`  … ${report.breaks.length - 10} more`);
  console.log(`${report.breaks.length} disagreement(s) in ${report.entries} entries; ${report.checkpoints} checkpoints verified`);
  process.exitCode = 1;
}
