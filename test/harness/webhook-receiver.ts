import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got: its headers, whether the signature verified, the body, and what it answered. */
export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  verified: boolean;
  body: any;
  status: number;
}

export interface WebhookReceiver {
  url(path: string): string;
  received: ReceivedWebhook[];
  /** Every message to `path` is answered 503 the first `count` times it comes (by webhook-id), as a system that keeps going down. */
  failFirstAttempts(path: string, count: number): void;
  stop(): Promise<void>;
}

/**
 * An agency system's webhook endpoint for tests, on 127.0.0.1 and an ephemeral port: it
 * verifies the hub's signature with the shared secret as a receiver must (HMAC-SHA256 over
 * `id.timestamp.body`, compared in constant time), records every request, and can be told
 * to fail each message's first attempts.
 */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const failFirst = new Map<string, number>();
  const attempts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id'] ?? '');
      const timestamp = String(req.headers['webhook-timestamp'] ?? '');
      const expected = Buffer.from(`v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${raw}`).digest('base64')}`);
      const given = Buffer.from(String(req.headers['webhook-signature'] ?? ''));
      const verified = expected.length === given.length && timingSafeEqual(expected, given);
      const path = req.url ?? '/';
      const attempt = (attempts.get(`${path} ${id}`) ?? 0) + 1;
      attempts.set(`${path} ${id}`, attempt);
      const status = attempt <= (failFirst.get(path) ?? 0) ? 503 : verified ? 204 : 401;
      received.push({ path, id, timestamp, verified, body: JSON.parse(raw || 'null'), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    failFirstAttempts: (path, count) => failFirst.set(path, count),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
