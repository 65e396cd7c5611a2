import { principalFromClaims, type PrincipalClaims } from '@lbc/schema';
import { SignJWT, importJWK, type JWK } from 'jose';

export interface MintOptions extends PrincipalClaims {
  subject: string;
  issuer: string;
  audience: string;
  /** Lifetime, jose syntax ('8h', '15m'). */
  expiresIn?: string;
  /** When the user signed in (seconds since the epoch); default now: the development provider signs in as it mints. */
  authTime?: number;
  /** The agency system the token is issued to (`azp`): what rate limits and trusted documents are keyed by. */
  client?: string;
}

/**
 * Signs an agency token as an identity provider would. The claims go through the same
 * validation the gateway applies, so a malformed principal fails here, not at the hub.
 */
export async function mintToken(privateJwk: JWK, options: MintOptions): Promise<string> {
  const claims = {
    agency: options.agency,
    level: options.level,
    region: options.region,
    roles: options.roles ?? [],
    ...(options.org ? { org: options.org } : {}),
    ...(options.client ? { azp: options.client } : {}),
    auth_time: options.authTime ?? Math.floor(Date.now() / 1000),
  };
  principalFromClaims({ ...claims, sub: options.subject, iss: options.issuer });
  const key = await importJWK(privateJwk, 'ES256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', ...(privateJwk.kid ? { kid: privateJwk.kid } : {}) })
    .setSubject(options.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key);
}
