import { principalFromClaims, unauthenticated, type Principal } from '@lbc/schema';
import { decodeJwt, jwtVerify } from 'jose';
import type { TrustedIssuer } from '../config/trusted-issuers.ts';

/** Who is calling, from the Authorization header. */
export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

/** Agency tokens live at most this long, whatever their `exp` says. */
const MAX_TOKEN_AGE = '12h';

/**
 * Verifies a caller's JWT (RFC 8725): the issuer must be trusted, the algorithm on that
 * issuer's allowlist, `aud` the hub, `exp`/`iat`/`sub` present, and the agency claimed
 * one the issuer may speak for. Any failure is a 401 that does not say which check failed.
 */
export function createAuthenticate(audience: string, issuers: readonly TrustedIssuer[]): Authenticate {
  const byIssuer = new Map(issuers.map((i) => [i.issuer, i]));
  return async (authorization) => {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    if (!token) throw unauthenticated('a bearer token is required (Authorization: Bearer <agency token>)');
    let principal: Principal;
    try {
      const trusted = byIssuer.get(String(decodeJwt(token).iss));
      if (!trusted) throw new Error('untrusted issuer');
      const { payload } = await jwtVerify(token, trusted.keys, {
        issuer: trusted.issuer,
        audience,
        algorithms: trusted.algorithms,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: MAX_TOKEN_AGE,
        clockTolerance: 30,
      });
      principal = principalFromClaims(payload);
      if (!trusted.agencies.includes(principal.agency)) throw new Error('agency not allowed for issuer');
    } catch (error) {
      // The precise reason (expired, wrong audience, bad claim) helps an attacker more than a caller.
      throw unauthenticated('the token is invalid, expired, or not issued for this hub', { cause: error });
    }
    return principal;
  };
}
