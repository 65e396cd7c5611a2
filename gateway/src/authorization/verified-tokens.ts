import type { Principal } from '@lbc/schema';

/** How long a verified token is taken on trust before its signature is checked again. */
const RECHECK_AFTER_MS = 5 * 60_000;

/**
 * Caller tokens already verified, by their exact text. An agency system sends the same
 * bearer token on every request until it expires, and checking its ES256 signature again
 * each time was a tenth of the gateway's CPU. A token is reused only unchanged, only until
 * its `exp`, and at most five minutes before the signature is checked again (so a key an
 * issuer withdrew stops opening doors within minutes). Bounded: the oldest go first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The principal of a token verified before and still within its time, or undefined. */
  get(token: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > now) return entry.principal;
    this.entries.delete(token);
    return undefined;
  }

  /** Remembers a token that just passed every check; `expiresAt` is its `exp` in seconds. */
  remember(token: string, principal: Principal, expiresAt: number, now = Date.now()): void {
    const until = Math.min(expiresAt * 1000, now + RECHECK_AFTER_MS);
    if (until <= now) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { principal, until });
  }
}
