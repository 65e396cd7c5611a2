import { principalFromClaims, unauthenticated, type Principal } from '@lbc/schema';
import { decodeJwt, jwtVerify } from 'jose';
import type { TrustedIssuer } from '../config/trusted-issuers.ts';
import { VerifiedTokens } from './verified-tokens.ts';

/** Who is calling, from the Authorization header. */
export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

/** Agency tokens live at most this long, whatever their `exp` says. */
const MAX_TOKEN_AGE_SECONDS = 12 * 3600;

/**
 * Verifies a caller's JWT (RFC 8725): the issuer must be trusted, the algorithm on that
 * issuer's allowlist, `aud` the hub, `exp`/`iat`/`sub` present, and the agency claimed
 * one the issuer may speak for. Any failure is a 401 that does not say which check failed.
 * A token that passed is remembered (VerifiedTokens) until its expiry, five minutes at most.
 */
export function createAuthenticate(audience: string, issuers: readonly TrustedIssuer[]): Authenticate {
  const byIssuer = new Map(issuers.map((i) => [i.issuer, i]));
  const verified = new VerifiedTokens();
  return async (authorization) => {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    if (!token) throw unauthenticated('a bearer token is required (Authorization: Bearer <agency token>)');
    const known = verified.get(token);
    if (known) return known;
    let principal: Principal;
    let expiresAt: number;
    try {
      const trusted = byIssuer.get(String(decodeJwt(token).iss));
      if (!trusted) throw new Error('untrusted issuer');
      const { payload } = await jwtVerify(token, trusted.keys, {
        issuer: trusted.issuer,
        audience,
        algorithms: trusted.algorithms,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        clockTolerance: 30,
      });
      principal = principalFromClaims(payload);
      if (!trusted.agencies.includes(principal.agency)) throw new Error('agency not allowed for issuer');
      expiresAt = Math.min(Number(payload.exp), Number(payload.iat) + MAX_TOKEN_AGE_SECONDS);
    } catch (error) {
      // The precise reason (expired, wrong audience, bad claim) helps an attacker more than a caller.
      throw unauthenticated('the token is invalid, expired, or not issued for this hub', { cause: error });
    }
    // Shared by every request that presents this token: nothing downstream may change it.
    const shared = Object.freeze({ ...principal, roles: Object.freeze([...principal.roles]) }) as Principal;
    verified.remember(token, shared, expiresAt);
    return shared;
  };
}
