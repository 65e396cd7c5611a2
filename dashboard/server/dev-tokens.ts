import type { Principal } from '@lbc/schema';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { DEV_PRINCIPALS } from './dev-principals.ts';
import { sendError, sendJson } from './http-answers.ts';
import { BodyTooLargeError, parseJsonObject, readBody } from './read-body.ts';

/** Signs a token for a principal: the development issuer in `pnpm start`, the harness's test issuer in tests. */
export type MintToken = (principal: Pick<Principal, 'subject' | 'agency' | 'level' | 'region' | 'roles'>) => Promise<string>;

/**
 * DEVELOPMENT ONLY. GET /dev/principals lists the demo principals; POST /dev/token
 * `{ "principalId": "county-civil-affairs" }` signs a token for one of them. Only the
 * listed principals can be had, so the endpoint cannot mint an arbitrary identity. A
 * production server never mounts these routes (see startDashboardServer's `devTokens`):
 * there the token comes from the agency's identity provider.
 */
export function createDevTokenRoutes(mintToken: MintToken, log: Logger) {
  return {
    principals(_req: IncomingMessage, res: ServerResponse): void {
      sendJson(res, 200, { principals: DEV_PRINCIPALS });
    },
    async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
      let principalId: unknown;
      try {
        principalId = parseJsonObject(await readBody(req, 4096)).principalId;
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendError(res, 'PAYLOAD_TOO_LARGE', error.message);
        return sendError(res, 'BAD_REQUEST', (error as Error).message);
      }
      const principal = DEV_PRINCIPALS.find((p) => p.id === principalId);
      if (!principal) return sendError(res, 'BAD_REQUEST', `"principalId" must be one of ${DEV_PRINCIPALS.map((p) => p.id).join(', ')}`);
      const token = await mintToken({ subject: `dev-dashboard-${principal.id}`, agency: principal.agency, level: principal.level, region: principal.region, roles: ['officer'] });
      log.info({ principal: principal.id }, 'development token minted');
      sendJson(res, 200, { token, principal });
    },
  };
}
