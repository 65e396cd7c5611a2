import { failedLookups, identifierLookupsIn, LookupThrottle, lookupPrincipalKey } from '../limits/lookup-throttle.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * Lookups by a personal identifier that keep finding nothing are someone guessing
 * numbers: past a number of misses in a window, a principal's further identifier lookups
 * are refused (429 RATE_LIMITED) until the window clears, and auditors see it in
 * accessAnomalies. Sits inside authorize, so it counts only the lookups that will run.
 */
export function lookupThrottleStage(throttle = new LookupThrottle()): Stage {
  return {
    name: 'lookup throttle',
    async run(request, next) {
      const lookups = identifierLookupsIn(request.plan!);
      if (!lookups.length) return next();
      const key = lookupPrincipalKey(request.principal!);
      throttle.check(key);
      const result = await next();
      throttle.recordFailures(key, failedLookups(lookups, result.errors));
      return result;
    },
  };
}
