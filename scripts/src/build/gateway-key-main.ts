/**
 * node dist/gateway-key.js --kid ID --private FILE --jwks FILE
 *
 * Creates a gateway signing key (ES256): writes its private JWK to --private (mode 0600;
 * an existing file is never overwritten) and adds its public half to the JWKS at --jwks,
 * keeping the keys already there, so subgraphs and `audit-verify` accept both while a
 * rotation is under way. Prints the key id.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { newSigningKey } from '../keys/dev-keys.ts';

const USAGE = 'usage: node dist/gateway-key.js --kid ID --private FILE --jwks FILE';
try {
  const { values } = parseArgs({ options: { kid: { type: 'string' }, private: { type: 'string' }, jwks: { type: 'string' } } });
  if (!values.kid || !values.private || !values.jwks) throw new Error('--kid, --private and --jwks are required');
  if (existsSync(values.private)) throw new Error(`${values.private} exists: a signing key is never overwritten`);
  const jwks = existsSync(values.jwks) ? (JSON.parse(readFileSync(values.jwks, 'utf8')) as { keys: { kid?: string }[] }) : { keys: [] };
  if (!Array.isArray(jwks.keys)) throw new Error(`${values.jwks} is not a JWKS document`);
  if (jwks.keys.some((k) => k.kid === values.kid)) throw new Error(`${values.jwks} already holds a key ${values.kid}`);
  const key = await newSigningKey(values.kid);
  writeFileSync(values.private, JSON.stringify(key.privateJwk) + '\n', { mode: 0o600, flag: 'wx' });
  writeFileSync(values.jwks, JSON.stringify({ keys: [...jwks.keys, key.publicJwk] }, null, 2) + '\n');
  console.log(`gateway key ${values.kid}: private key in ${values.private}, public key added to ${values.jwks} (${jwks.keys.length + 1} in all)`);
} catch (error) {
  console.error(`gateway-key: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
