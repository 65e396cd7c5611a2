import type { JWTPayload } from 'jose';
import { ADMIN_LEVELS, codeLength, divisionLevel, type AdminLevel } from './identifiers/division-code.ts';

export const AGENCIES = ['civil_affairs', 'education', 'police', 'health', 'justice', 'youth_league', 'womens_federation', 'audit'] as const;
export type Agency = (typeof AGENCIES)[number];

/** Who is asking: the verified identity every decision in the hub is made on. */
export interface Principal {
  /** The caller's subject at its issuer (a person or an agency system). */
  subject: string;
  issuer: string;
  agency: Agency;
  level: AdminLevel;
  /** Division code whose prefix is the caller's jurisdiction; its length matches `level`. */
  region: string;
  roles: string[];
  /** School, police station or clinic the caller acts for, when bound to one. */
  org?: string;
  /**
   * When the caller signed in, in seconds since the epoch: the token's `auth_time` (OIDC).
   * Not its `iat`: a refreshed token is issued anew for an old sign-in. Break-glass
   * requires a recent one, so an issuer that does not state it cannot break the glass.
   */
  authenticatedAt?: number;
  /**
   * The agency system the caller works through (the token's `azp` or `client_id`), for the
   * audit log. Decides nothing.
   */
  client?: string;
}

/** The claims an agency token carries beside the registered ones. */
export interface PrincipalClaims {
  agency: Agency;
  level: AdminLevel;
  region: string;
  roles?: string[];
  org?: string;
}

/**
 * Builds a principal from verified JWT claims. Throws a RangeError naming the first
 * claim that is missing or malformed: a token we cannot place in the hierarchy grants nothing.
 */
export function principalFromClaims(payload: JWTPayload): Principal {
  const { sub, iss, agency, level, region, roles = [], org, auth_time: authTime, azp, client_id: clientId } = payload as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '') throw new RangeError('claim "sub" is required');
  if (typeof iss !== 'string' || iss === '') throw new RangeError('claim "iss" is required');
  if (!AGENCIES.includes(agency as Agency)) throw new RangeError(`claim "agency" must be one of ${AGENCIES.join(', ')}`);
  if (!ADMIN_LEVELS.includes(level as AdminLevel)) throw new RangeError(`claim "level" must be one of ${ADMIN_LEVELS.join(', ')}`);
  if (typeof region !== 'string' || divisionLevel(region) === null) throw new RangeError('claim "region" must be a division code');
  if (region.length !== codeLength(level as AdminLevel)) {
    throw new RangeError(`claim "region" must have ${codeLength(level as AdminLevel)} digits at level ${String(level)}`);
  }
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) throw new RangeError('claim "roles" must be a list of strings');
  if (org !== undefined && (typeof org !== 'string' || org === '')) throw new RangeError('claim "org" must be a non-empty string');
  // A refreshed token has a new iat but the same auth_time: the sign-in is what break-glass asks about.
  const authenticatedAt = typeof authTime === 'number' ? authTime : undefined;
  return {
    subject: sub,
    issuer: iss,
    agency: agency as Agency,
    level: level as AdminLevel,
    region,
    roles: roles as string[],
    ...(org === undefined ? {} : { org: org as string }),
    ...(authenticatedAt === undefined ? {} : { authenticatedAt }),
    ...clientOf(azp ?? clientId),
  };
}

/** A client id worth recording: a short string. Anything else is ignored rather than refused: it grants nothing. */
function clientOf(value: unknown): { client?: string } {
  return typeof value === 'string' && value !== '' && value.length <= 200 ? { client: value } : {};
}

/** The claims that carry a principal inside a token (the inverse of `principalFromClaims`). */
export function principalToClaims(principal: Principal): PrincipalClaims & { sub: string; auth_time?: number } {
  return {
    sub: principal.subject,
    agency: principal.agency,
    level: principal.level,
    region: principal.region,
    roles: principal.roles,
    ...(principal.org === undefined ? {} : { org: principal.org }),
    ...(principal.authenticatedAt === undefined ? {} : { auth_time: principal.authenticatedAt }),
  };
}
