import { rateLimited } from '@lbc/schema';
import { TokenBuckets } from '../limits/token-buckets.ts';
import type { Stage } from '../pipeline/stage.ts';

/** Requests per minute per client system, and the burst allowed: room for a busy agency system, not for a loop. */
export const DEFAULT_RATE_LIMIT = { perMinute: 1_200, burst: 200 } as const;

/**
 * A per-client-system limit (the token's `azp`/`client_id`, else its issuer): one agency
 * system in a loop must not starve the others. Refused requests get 429 RATE_LIMITED with
 * Retry-After, and are audited like every refusal. The buckets live in this process: with
 * several gateways each enforces its share.
 */
export function rateLimitStage(options: { perMinute: number; burst: number } = DEFAULT_RATE_LIMIT): Stage {
  const buckets = new TokenBuckets(options.perMinute, options.burst);
  return {
    name: 'rate limit',
    async run(request, next) {
      const principal = request.principal!;
      const client = principal.client ?? principal.issuer;
      const wait = buckets.take(client);
      if (wait > 0) throw rateLimited(`too many requests from client system ${client}; retry later`, wait);
      return next();
    },
  };
}
