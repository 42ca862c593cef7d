import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server, type Socket } from 'node:net';

/** A server listening on 127.0.0.1, with its base URL and a close that also drops open sockets. */
export interface LoopbackServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function track(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

async function listen(server: Server): Promise<LoopbackServer> {
  const close = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, close };
}

/** A raw TCP server: `onSocket` decides what (if anything) goes back. */
export function rawServer(onSocket: (socket: Socket) => void): Promise<LoopbackServer> {
  return listen(
    createNetServer((socket) => {
      socket.on('error', () => {});
      onSocket(socket);
    }),
  );
}

/**
 * A raw TCP server that answers the first bytes it reads with `text`, byte for byte, then closes the
 * connection (or leaves it open with `close: false`): for answers no HTTP server would send.
 */
export function rawAnswer(text: string, options: { close?: boolean } = {}): Promise<LoopbackServer> {
  return rawServer((socket) =>
    socket.once('data', () => (options.close === false ? socket.write(text) : socket.end(text))),
  );
}

/** An HTTP server with a plain handler. */
export function httpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<LoopbackServer> {
  return listen(createHttpServer(handler) as unknown as Server);
}

/** What an echo server received. */
export interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** An HTTP server that records every request and answers with `answer` (default 200 `{"DeploymentId":"d-1"}`). */
export async function recordingServer(
  answer: (r: Received, res: ServerResponse) => void = (_r, res) => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' });
    res.end('{"DeploymentId":"d-1"}');
  },
): Promise<LoopbackServer & { received: Received[] }> {
  const received: Received[] = [];
  const server = await httpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      received.push(r);
      answer(r, res);
    });
  });
  return Object.assign(server, { received });
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await listen(createNetServer());
  await s.close();
  return s.port;
}
