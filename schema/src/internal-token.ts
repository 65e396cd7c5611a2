import { jwtVerify, type JWK, type JWTVerifyGetKey, createLocalJWKSet } from 'jose';
import { base64url, createEs256Signer } from './es256-signer.ts';
import { parsePurpose, type Purpose } from './policy/field-class.ts';
import { principalFromClaims, principalToClaims, type Principal } from './principal.ts';

/**
 * The gateway vouches for a caller to a subgraph with a token it signs itself. The
 * subgraph trusts only this issuer, only tokens addressed to it, and only for a short
 * while, so a token lifted from one hop is useless against another subgraph or later.
 */
export const INTERNAL_ISSUER = 'lbc-gateway';
export const INTERNAL_ALGORITHM = 'ES256';
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

/** What the gateway vouches for besides the principal: the request it belongs to and its declared purpose. */
export interface InternalRequest {
  requestId: string;
  purpose: Purpose;
  /** The caller's break-glass justification, when given: subgraphs decide SENSITIVE fields with it too. */
  justification?: string | undefined;
  /**
   * The protection case the gateway verified for this request (OPEN, its child within the
   * caller's jurisdiction): subgraphs open SENSITIVE fields of that child with it. Never an
   * unverified case id: a subgraph cannot check one itself.
   */
  case?: VerifiedCase | undefined;
  /**
   * The one child break-glass opens in this request, when the gateway's planner knows it
   * (a `child(id:)` lookup): every subgraph fetch of the request re-checks that child.
   */
  breakGlassChild?: string | undefined;
  /**
   * The caller's `Idempotency-Key` for a mutation: the subgraph records it in the same
   * transaction as the write, so a retry whose first attempt did commit writes nothing twice.
   */
  idempotencyKey?: string | undefined;
  /**
   * Set when the hub itself calls, not on a caller's behalf: the exchange carrying events
   * between agencies. Only the exchange's internal fields answer it; its principal
   * (EXCHANGE_PRINCIPAL) is an auditor of no region, so every other field sees no row.
   */
  service?: 'exchange' | undefined;
}

/** Who the exchange acts as: the hub itself. An auditor of region "00", which holds no place: nothing but the exchange's own fields answers it. */
export const EXCHANGE_PRINCIPAL: Principal = { subject: 'lbc-exchange', issuer: INTERNAL_ISSUER, agency: 'audit', level: 'province', region: '00', roles: ['exchange'] };

/** A protection case verified by the gateway, and the one child it opens SENSITIVE fields of. */
export interface VerifiedCase {
  id: string;
  childId: string;
}

export interface InternalSigner {
  sign(principal: Principal, audience: string, request: InternalRequest): Promise<string>;
}

/** A signer over the gateway's private key (a JWK with `d`). */
export async function createInternalSigner(privateJwk: JWK): Promise<InternalSigner> {
  const signJws = createEs256Signer(privateJwk, { kid: privateJwk.kid });
  return {
    sign: async (principal, audience, request) => {
      const issuedAt = Math.floor(Date.now() / 1000);
      const claims = {
        ...principalToClaims(principal),
        src_iss: principal.issuer,
        rid: request.requestId,
        purpose: request.purpose,
        ...(request.justification ? { jst: request.justification } : {}),
        ...(request.case ? { case_id: request.case.id, case_child: request.case.childId } : {}),
        ...(request.justification && request.breakGlassChild ? { bg_child: request.breakGlassChild } : {}),
        ...(request.idempotencyKey ? { idem: request.idempotencyKey } : {}),
        ...(request.service ? { svc: request.service } : {}),
        iss: INTERNAL_ISSUER,
        aud: audience,
        iat: issuedAt,
        exp: issuedAt + INTERNAL_TOKEN_TTL_SECONDS,
      };
      return signJws(base64url(JSON.stringify(claims)));
    },
  };
}

export interface VerifiedInternalToken extends InternalRequest {
  principal: Principal;
}

/** Verifies a gateway token addressed to `audience`; throws jose's errors on any defect. */
export type InternalVerifier = (token: string) => Promise<VerifiedInternalToken>;

/** A verifier over the gateway's public keys (a JWKS, so keys can rotate). */
export function createInternalVerifier(publicJwks: { keys: JWK[] }, audience: string): InternalVerifier {
  const keys: JWTVerifyGetKey = createLocalJWKSet(publicJwks);
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: INTERNAL_ISSUER,
      audience,
      algorithms: [INTERNAL_ALGORITHM],
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: `${INTERNAL_TOKEN_TTL_SECONDS + 5}s`,
      clockTolerance: 5,
    });
    // The caller's original issuer travels in src_iss; the token's own iss is the gateway. Its
    // iat is the gateway's too: the caller's sign-in time travels in auth_time, or not at all.
    const principal = principalFromClaims({ ...payload, iss: String(payload.src_iss ?? ''), iat: undefined });
    // Subgraphs apply purpose-dependent rules too (small-cell suppression): no purpose, no access.
    const purpose = parsePurpose(typeof payload.purpose === 'string' ? payload.purpose : undefined);
    const justification = typeof payload.jst === 'string' ? payload.jst : undefined;
    const verifiedCase = typeof payload.case_id === 'string' && typeof payload.case_child === 'string' ? { id: payload.case_id, childId: payload.case_child } : undefined;
    const breakGlassChild = justification && typeof payload.bg_child === 'string' ? payload.bg_child : undefined;
    const idempotencyKey = typeof payload.idem === 'string' ? payload.idem : undefined;
    const service = payload.svc === 'exchange' ? ('exchange' as const) : undefined;
    return {
      principal,
      requestId: String(payload.rid ?? ''),
      purpose,
      ...(justification ? { justification } : {}),
      ...(verifiedCase ? { case: verifiedCase } : {}),
      ...(breakGlassChild ? { breakGlassChild } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(service ? { service } : {}),
    };
  };
}
