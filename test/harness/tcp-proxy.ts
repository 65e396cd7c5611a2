import { createServer, connect, type Socket } from 'node:net';

/** A TCP relay in front of a server whose traffic can be held, as a network partition holds it. */
export interface TcpProxy {
  port: number;
  /** Holds every byte either way and leaves new connections unanswered, until `heal()`. */
  partition(): void;
  /** Lets the held traffic and connections through again. */
  heal(): void;
  close(): Promise<void>;
}

/**
 * Relays 127.0.0.1:<port> to `target`. During a partition nothing is lost and nothing is
 * refused — the peer simply hears nothing, as when a network path goes silent — so
 * clients meet their own timeouts, not a reset.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let partitioned = false;
  const sockets = new Set<Socket>();
  const waiting: (() => void)[] = [];
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A reset from one side is the other side's close; nothing here may throw.
    socket.on('error', () => socket.destroy());
    if (partitioned) socket.pause();
  };
  const server = createServer((client) => {
    track(client);
    client.pause();
    const relay = () => {
      if (client.destroyed) return;
      const upstream = connect(target.port, target.host);
      track(upstream);
      const pipe = (from: Socket, to: Socket) => {
        from.on('data', (chunk) => to.write(chunk));
        from.on('close', () => to.destroy());
      };
      pipe(client, upstream);
      pipe(upstream, client);
      if (!partitioned) client.resume();
    };
    if (partitioned) waiting.push(relay);
    else relay();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    partition: () => {
      partitioned = true;
      for (const socket of sockets) socket.pause();
    },
    heal: () => {
      partitioned = false;
      // Relays first: a client socket must have its listener before it flows again.
      for (const relay of waiting.splice(0)) relay();
      for (const socket of sockets) socket.resume();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
