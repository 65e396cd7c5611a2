import { newSigningKey } from '@lbc/scripts/keys/dev-keys';
import type { JWK } from 'jose';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The key files a hub of real processes starts from, and the identity provider's key to mint callers' tokens with. */
export interface HubKeyFiles {
  gatewayPrivateFile: string;
  gatewayJwksFile: string;
  issuersFile: string;
  idpPrivateJwk: JWK;
}

/**
 * Writes, into `dir` (readable by this user only), a gateway key pair and an issuers file
 * trusting one identity provider `issuer` for `agencies`, as `pnpm start` does under
 * `.data/keys/` — so process tests never touch the development keys.
 */
export async function writeHubKeyFiles(dir: string, label: string, issuer: string, agencies: readonly string[]): Promise<HubKeyFiles> {
  const gatewayKey = await newSigningKey(`${label}-gateway`);
  const idpKey = await newSigningKey(`${label}-idp`);
  const write = (file: string, value: unknown) => {
    writeFileSync(join(dir, file), JSON.stringify(value), { mode: 0o600 });
    return join(dir, file);
  };
  write('idp.jwks.json', { keys: [idpKey.publicJwk] });
  return {
    gatewayPrivateFile: write('gateway.private.jwk', gatewayKey.privateJwk),
    gatewayJwksFile: write('gateway.jwks.json', { keys: [gatewayKey.publicJwk] }),
    issuersFile: write('issuers.json', { audience: 'lbc-hub', issuers: [{ issuer, jwksFile: 'idp.jwks.json', algorithms: ['ES256'], agencies }] }),
    idpPrivateJwk: idpKey.privateJwk,
  };
}
