import { badRequest, hubError } from '@lbc/schema';
import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body as JSON, refusing before reading more than `maxBytes` (413
 * PAYLOAD_TOO_LARGE, from Content-Length when stated, else while streaming) and answering
 * anything that is not JSON with BAD_REQUEST — never a framework's HTML page with a stack
 * trace. Only `application/json` is read: a browser cannot send it cross-site without a
 * CORS preflight, which is what keeps simple-form CSRF away from mutations.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/json' && type !== 'application/graphql-response+json') {
    throw badRequest('the body must be JSON: send Content-Type: application/json');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Stop reading: the rest of an oversize body is never buffered (the socket is closed after the answer).
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw badRequest('the body is empty: send {"query": "..."}');
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the body; the caller has it already, and logs need not.
    throw badRequest('the body is not valid JSON');
  }
}

function tooLarge(maxBytes: number) {
  return hubError('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`, { maxBytes });
}
