import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { SECURITY_HEADERS } from './content-security-policy.ts';
import { sendError } from './http-answers.ts';
import { BodyTooLargeError, parseJsonObject, readBody } from './read-body.ts';

/** Request headers the gateway reads, passed on as they came: the token, the purpose, and every x-lbc-* (case id, justification, authz mode). */
const FORWARDED_REQUEST_HEADERS = ['authorization', 'accept', 'idempotency-key', 'accept-language'];
/** Answer headers worth handing back to the page: the request id finds the audit entry; Retry-After says when to try again. */
const FORWARDED_RESPONSE_HEADERS = ['x-request-id', 'retry-after'];

export interface GraphqlProxyOptions {
  gatewayUrl: string;
  log: Logger;
  /** How long to wait for the gateway (default 30 s): a region at province level can take seconds. */
  timeoutMs?: number;
}

/**
 * POST /graphql, passed to the gateway so the browser talks only to its own origin (the
 * CSP's connect-src 'self'). The body must be a JSON object; it is sent on byte for byte,
 * with the caller's authorization and x-lbc-* headers. The gateway decides everything:
 * this proxy holds no token and adds no authority.
 */
export function createGraphqlProxy(options: GraphqlProxyOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (req, res) => {
    let body: Buffer;
    try {
      body = await readBody(req);
      parseJsonObject(body);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendError(res, 'PAYLOAD_TOO_LARGE', error.message);
      return sendError(res, 'BAD_REQUEST', (error as Error).message);
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value !== 'string') continue;
      if (FORWARDED_REQUEST_HEADERS.includes(name) || name.startsWith('x-lbc-')) headers[name] = value;
    }
    let answer: Response;
    try {
      answer = await fetch(options.gatewayUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    } catch (error) {
      options.log.warn({ err: error }, 'the gateway did not answer');
      return sendError(res, 'INTERNAL_SERVER_ERROR', 'the gateway did not answer; try again later', 502);
    }
    const out: Record<string, string> = { ...SECURITY_HEADERS, 'content-type': answer.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' };
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) out[name] = value;
    }
    const payload = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, out);
    res.end(payload);
  };
}
