import { formattedError, internalError } from '@lbc/schema';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import { sendJson } from './send-json.ts';

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  log: Logger;
  /** Answers one request; a throw is answered 500 without detail (and logged). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** A request that has not sent its headers and body in this time is dropped (slow clients cannot hold sockets). */
  requestTimeoutMs?: number;
}

export interface RunningHttpServer {
  /** The base URL, e.g. http://127.0.0.1:4000 (no trailing slash). */
  origin: string;
  server: Server;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), then closes what is left. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * A plain node:http server for the gateway and every subgraph. No framework: the hub's
 * front door must answer malformed input with its own typed JSON errors, and it has four
 * routes, not forty. Every failure of a handler is caught here, so no request can take
 * the process down.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    options.handle(req, res).catch((error: unknown) => {
      options.log.error({ err: error }, 'unhandled error answering a request');
      sendJson(res, 500, { errors: [formattedError(internalError())] });
    });
  });
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.headersTimeout = Math.min(server.requestTimeout, 20_000);
  server.keepAliveTimeout = 5_000;
  // A client error (malformed HTTP, a reset) is the client's: answer 400 if possible, never crash.
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy(error);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    origin: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    server,
    stop: async (graceMs = 10_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, graceMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
    },
  };
}
