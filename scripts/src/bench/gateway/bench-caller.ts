import { parsePurpose, principalFromClaims, type Principal, type Purpose } from '@lbc/schema';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEV_ISSUER, DEV_KEY_FILES, HUB_AUDIENCE } from '../../keys/dev-keys.ts';

/** Who asks and why, as the bare and Hive gateways pass it on to the subgraphs. */
export interface BenchCaller {
  principal: Principal;
  purpose: Purpose;
  /** Made up per request, like the hub's, for the per-hop token and the subgraphs' logs. */
  requestId: string;
}

/** A request the bare or Hive gateway turns away before planning; `status` is the HTTP answer. */
export class CallerRefused extends Error {
  override name = 'CallerRefused';
  constructor(
    message: string,
    readonly status: 400 | 401,
  ) {
    super(message);
  }
}

/**
 * Reads the caller of a request for the two comparison gateways. The token IS verified,
 * with the same checks and key as the hub's authentication (issuer, ES256 signature,
 * audience, exp/iat/sub, age, the principal's claims): every gateway then pays for one
 * signature check per request, so the comparison is of what comes after it. The hub's
 * authorization, limits and audit are left out: that difference is what the bench measures.
 */
export function createCallerReader(): (authorization: string | undefined, purpose: string | undefined) => Promise<BenchCaller> {
  const keys = createLocalJWKSet(JSON.parse(readFileSync(DEV_KEY_FILES.issuerJwks, 'utf8')) as JSONWebKeySet);
  return async (authorization, purposeHeader) => {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    if (!token) throw new CallerRefused('a bearer token is required', 401);
    let principal: Principal;
    try {
      if (decodeJwt(token).iss !== DEV_ISSUER) throw new Error('untrusted issuer');
      const { payload } = await jwtVerify(token, keys, {
        issuer: DEV_ISSUER,
        audience: HUB_AUDIENCE,
        algorithms: ['ES256'],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: '12h',
        clockTolerance: 30,
      });
      principal = principalFromClaims(payload);
    } catch (error) {
      throw new CallerRefused(`the token is invalid: ${(error as Error).message}`, 401);
    }
    try {
      return { principal, purpose: parsePurpose(purposeHeader), requestId: randomUUID() };
    } catch (error) {
      throw new CallerRefused((error as Error).message, 400);
    }
  };
}
