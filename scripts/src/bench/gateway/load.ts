import { Agent, request } from 'node:http';

/** One GraphQL request as the bench sends it, the same bytes to every gateway. */
export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** An answer that is not a full one: the bench stops, since its figures would compare unlike work. */
export class WrongAnswer extends Error {
  override name = 'WrongAnswer';
}

/** A gateway's answer, already checked: status 200, no `errors`, `data[root]` present. */
export type CheckedAnswer = { data: Record<string, unknown> };

/**
 * Sends `count` requests keeping `concurrency` in flight, over at most `concurrency` kept-alive
 * connections of `agent`, and returns each request's latency in milliseconds (in completion
 * order) and the wall time of the whole. Every answer is checked; the first wrong one throws.
 * node:http rather than fetch: the client shares the two cores with the gateways, and the
 * lighter it is, the less it disturbs what is measured.
 */
export async function sendRequests(agent: Agent, target: LoadRequest, root: string, count: number, concurrency: number): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      const sent = performance.now();
      const { status, text } = await post(agent, target);
      latencies.push(performance.now() - sent);
      checkAnswer(status, text, root);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { latencies, wallMs: performance.now() - started };
}

/** A keep-alive agent for one gateway's run at `concurrency`: one connection per request in flight. */
export function loadAgent(concurrency: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

/** Checks one answer and returns it parsed; throws WrongAnswer naming what is wrong. */
export function checkAnswer(status: number, text: string, root: string): CheckedAnswer {
  let body: { data?: Record<string, unknown> | null; errors?: unknown[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new WrongAnswer(`HTTP ${status}, not JSON: ${text.slice(0, 300)}`);
  }
  // The errors first: after a page of data they would be cut off.
  if (body.errors?.length) throw new WrongAnswer(`HTTP ${status}, errors: ${JSON.stringify(body.errors).slice(0, 600)}`);
  if (status !== 200 || !body.data || body.data[root] == null) throw new WrongAnswer(`HTTP ${status}, no ${root}: ${text.slice(0, 600)}`);
  return { data: body.data };
}

/** One POST, the whole answer read as text. */
export function post(agent: Agent, target: LoadRequest): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(target.url, { method: 'POST', agent, headers: { ...target.headers, 'content-length': Buffer.byteLength(target.body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(target.body);
  });
}
