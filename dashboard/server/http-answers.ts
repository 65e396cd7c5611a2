import { badRequest, formattedError, hubError, statusOf, type ErrorCode } from '@lbc/schema';
import type { ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './content-security-policy.ts';

/** Answers with JSON, never cached (tokens and children's data travel this way). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Ends a request with a catalogue error, shaped as the gateway shapes its own: `{ errors: [{ message, extensions: { code } }] }`. */
export function sendError(res: ServerResponse, code: ErrorCode, message: string, status = statusOf(code)): void {
  const error = code === 'BAD_REQUEST' ? badRequest(message) : hubError(code, message);
  sendJson(res, status, { errors: [formattedError(error)] });
}

/** A plain 404 for anything the dashboard does not serve. */
export function sendNotFound(res: ServerResponse): void {
  res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('not found');
}
