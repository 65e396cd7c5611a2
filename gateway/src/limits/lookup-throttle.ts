import { LOOKUP_RULES, rateLimited, type AccessPlan, type FieldAccess, type Principal } from '@lbc/schema';

export interface LookupThrottleOptions {
  /** Failed identifier lookups a principal may make within the window; from this many on, its lookups are refused. */
  maxFailures?: number;
  /** The sliding window, in milliseconds. */
  windowMs?: number;
  /** Principals remembered at once: beyond, the one whose last failure is oldest is forgotten first. */
  maxPrincipals?: number;
}

/**
 * Twenty misses in ten minutes: an officer mistyping numbers misses a few, while
 * recovering a number that masking or jurisdiction hides means trying hundreds of
 * candidates. At this rate that takes hours and leaves a trail of refusals.
 */
export const DEFAULT_LOOKUP_THROTTLE: Required<LookupThrottleOptions> = { maxFailures: 20, windowMs: 10 * 60_000, maxPrincipals: 10_000 };

/** What the audit entry and the caller read when a lookup is refused here. */
export const FAILED_LOOKUPS_REASON = 'FAILED_IDENTIFIER_LOOKUPS';

/**
 * Throttles lookups by identifier per principal: a sliding window of the lookups that
 * found nothing (NOT_FOUND). Whoever reads an identifier in full may still guess numbers
 * outside its jurisdiction or not issued at all; each miss answers "not here". From
 * `maxFailures` misses within `windowMs`, every further lookup by identifier of that
 * principal is refused (RATE_LIMITED) until the oldest of them leaves the window.
 * Refused lookups are not counted: the window clears by waiting, not by stopping to ask.
 *
 * In memory, per gateway process: several gateways each allow `maxFailures` (the audit's
 * FAILED_IDENTIFIER_LOOKUPS anomaly sees them all). Memory is bounded: per principal at
 * most `maxFailures` timestamps, and at most `maxPrincipals` principals; principals whose
 * failures all left the window are dropped as they are met.
 */
export class LookupThrottle {
  private readonly options: Required<LookupThrottleOptions>;
  /** Failure times per principal key, oldest first, at most maxFailures; the map is ordered by last failure. */
  private readonly failures = new Map<string, number[]>();

  constructor(options: LookupThrottleOptions = {}) {
    this.options = { ...DEFAULT_LOOKUP_THROTTLE, ...options };
    const { maxFailures, windowMs, maxPrincipals } = this.options;
    if (!Number.isInteger(maxFailures) || maxFailures < 1) throw new RangeError('maxFailures must be a positive integer');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
    if (!Number.isInteger(maxPrincipals) || maxPrincipals < 1) throw new RangeError('maxPrincipals must be a positive integer');
  }

  /** Throws RATE_LIMITED (with `retryAfterSeconds`) when the principal's failed lookups in the window reached the threshold. */
  check(principalKey: string, now: number = Date.now()): void {
    const times = this.live(principalKey, now);
    if (!times || times.length < this.options.maxFailures) return;
    // Only the newest maxFailures are kept: the first leaving the window brings the count under the threshold.
    const retryAfterSeconds = (times[0]! + this.options.windowMs - now) / 1000;
    throw rateLimited('too many lookups by identifier found nothing; try again later', retryAfterSeconds, { reason: FAILED_LOOKUPS_REASON });
  }

  /** Records `count` failed lookups of the principal at `now`. */
  recordFailures(principalKey: string, count: number, now: number = Date.now()): void {
    if (!(count > 0)) return;
    const times = this.live(principalKey, now) ?? [];
    for (let i = 0; i < Math.min(count, this.options.maxFailures); i++) times.push(now);
    if (times.length > this.options.maxFailures) times.splice(0, times.length - this.options.maxFailures);
    // Re-inserted last: the map stays ordered by last failure, so the stalest principals come first.
    this.failures.delete(principalKey);
    this.failures.set(principalKey, times);
    this.sweep(now);
  }

  /** Failed lookups of the principal within the window (at most maxFailures). */
  failuresOf(principalKey: string, now: number = Date.now()): number {
    return this.live(principalKey, now)?.length ?? 0;
  }

  /** Principals remembered. */
  get size(): number {
    return this.failures.size;
  }

  /** The principal's failure times still in the window; drops the principal when none are. */
  private live(principalKey: string, now: number): number[] | undefined {
    const times = this.failures.get(principalKey);
    if (!times) return undefined;
    const start = now - this.options.windowMs;
    const firstLive = times.findIndex((t) => t > start);
    if (firstLive === -1) {
      this.failures.delete(principalKey);
      return undefined;
    }
    if (firstLive > 0) times.splice(0, firstLive);
    return times;
  }

  /** Drops principals from the stale end: those whose last failure left the window, then any beyond maxPrincipals. */
  private sweep(now: number): void {
    const start = now - this.options.windowMs;
    for (const [key, times] of this.failures) {
      if (this.failures.size <= this.options.maxPrincipals && times[times.length - 1]! > start) break;
      this.failures.delete(key);
    }
  }
}

/** The throttle's key of a principal: who the token says it is, at which issuer (subjects of two issuers are two people). */
export function lookupPrincipalKey(principal: Pick<Principal, 'issuer' | 'subject'>): string {
  return JSON.stringify([principal.issuer, principal.subject]);
}

/** The lookups by identifier an access plan will execute (not denied): the fields the throttle is about, with their response paths. */
export function identifierLookupsIn(plan: Pick<AccessPlan, 'fields'>): FieldAccess[] {
  const found: FieldAccess[] = [];
  const walk = (fields: Map<string, FieldAccess>) => {
    for (const access of fields.values()) {
      if (access.decision.effect === 'deny') continue;
      if (LOOKUP_RULES[access.coordinate]) found.push(access);
      walk(access.children);
    }
  };
  walk(plan.fields);
  return found;
}

/** What the throttle reads of a response error (a GraphQLError or its formatted form). */
interface ErrorLike {
  readonly path?: readonly (string | number)[] | undefined;
  readonly extensions?: { readonly [key: string]: unknown } | undefined;
}

/**
 * How many of `lookups` found nothing: response errors NOT_FOUND with reason
 * NOT_FOUND_OR_OUTSIDE_JURISDICTION at a lookup's path (list indices aside), one per path.
 */
export function failedLookups(lookups: readonly Pick<FieldAccess, 'path'>[], errors: readonly ErrorLike[] | undefined): number {
  if (!lookups.length || !errors?.length) return 0;
  const lookupPaths = new Set(lookups.map((l) => JSON.stringify(l.path)));
  const failed = new Set<string>();
  for (const error of errors) {
    if (error.extensions?.['code'] !== 'NOT_FOUND' || error.extensions['reason'] !== 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' || !error.path) continue;
    const path = JSON.stringify(error.path.filter((segment) => typeof segment === 'string'));
    if (lookupPaths.has(path)) failed.add(path);
  }
  return failed.size;
}
