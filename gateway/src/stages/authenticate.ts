import type { Authenticate } from '../authorization/authenticate.ts';
import { requestAccessFrom } from '../authorization/request-access.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * Who is calling (the caller's JWT, verified against the trusted issuers) and what for
 * (the purpose and access headers). A request without both is refused here, 401 or 400;
 * from here on the request's log lines name the principal's agency, level and region.
 */
export function authenticateStage(authenticate: Authenticate, options: { breakGlass: boolean }): Stage {
  return {
    name: 'authenticate',
    async run(request, next) {
      const principal = await authenticate(request.http.headers.authorization);
      request.principal = principal;
      request.log = request.log.child({ agency: principal.agency, adminLevel: principal.level, region: principal.region });
      request.access = requestAccessFrom(request.http.headers, options);
      return next();
    },
  };
}
