import type { Socket } from 'node:net';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { httpServer, type LoopbackServer, rawServer, recordingServer } from '../targets/loopback-servers.js';

/**
 * The hostile targets of issue 8, each a real server on 127.0.0.1. Every one misbehaves on every
 * connection, so a run against it shows what the tool does when nothing the target says is usable.
 */
export type HostileKind =
  | 'silent'
  | 'drip'
  | 'reset'
  | 'not-http'
  | 'huge-body'
  | 'broken-chunked'
  | 'error-500'
  | 'throttle';

/** Every hostile kind, in the order the README table lists them. */
export const HOSTILE_KINDS: readonly HostileKind[] = [
  'silent',
  'drip',
  'reset',
  'not-http',
  'huge-body',
  'broken-chunked',
  'error-500',
  'throttle',
];

/** What the hostile body of `huge-body` weighs: ten times the 1 MB cap. */
export const HUGE_BODY_BYTES = 10 * 1024 * 1024;

/** Waits for the end of a request's head (raw servers answer only once a request has arrived). */
function onRequest(socket: Socket, answer: () => void): void {
  let seen = '';
  const onData = (chunk: Buffer): void => {
    seen += chunk.toString('latin1');
    if (seen.includes('\r\n\r\n')) {
      socket.off('data', onData);
      answer();
    }
  };
  socket.on('data', onData);
}

/** Writes `text` one byte per `everyMs`, stopping when the socket goes away. */
function drip(socket: Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) {
      clearInterval(timer);
      return;
    }
    socket.write(text.charAt(i++));
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

/** An HTTP answer the way a JSON 1.1 service writes it. */
function jsonAnswer(
  status: number,
  body: unknown,
): { status: number; headers: Record<string, string>; text: string } {
  return {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': 'hostile-1' },
    text: JSON.stringify(body),
  };
}

/**
 * Starts one hostile server:
 * - `silent`: accepts the connection, reads the request, never answers;
 * - `drip`: answers a well-formed success, one byte per second;
 * - `reset`: resets the connection (TCP RST) once the request arrives;
 * - `not-http`: answers with an SSH banner;
 * - `huge-body`: answers 200 with a 10 MB JSON-ish body;
 * - `broken-chunked`: announces chunked encoding, then sends a chunk size that is not hex;
 * - `error-500`: answers 500 to everything;
 * - `throttle`: answers 400 ThrottlingException to everything.
 */
export async function hostileServer(kind: HostileKind): Promise<LoopbackServer> {
  switch (kind) {
    case 'silent':
      return rawServer(() => {});
    case 'drip':
      return rawServer((socket) =>
        onRequest(socket, () =>
          drip(
            socket,
            `HTTP/1.1 200 OK\r\ncontent-type: ${JSON_CONTENT_TYPE}\r\ncontent-length: 22\r\n\r\n{"DeploymentId":"d-1"}`,
            1000,
          ),
        ),
      );
    case 'reset':
      return rawServer((socket) => onRequest(socket, () => socket.resetAndDestroy()));
    case 'not-http':
      return rawServer((socket) =>
        onRequest(socket, () => socket.end('SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n')),
      );
    case 'huge-body':
      return httpServer((req, res) => {
        req.resume();
        res.on('error', () => {});
        req.on('end', () => {
          res.writeHead(200, {
            'content-type': JSON_CONTENT_TYPE,
            'content-length': String(HUGE_BODY_BYTES),
          });
          // A JSON string that never closes within the cap: `{"DeploymentId":"aaaa…`.
          const head = Buffer.from('{"DeploymentId":"');
          const chunk = Buffer.alloc(64 * 1024, 0x61);
          let sent = 0;
          const pump = (): void => {
            if (sent === 0) {
              res.write(head);
              sent = head.byteLength;
            }
            while (sent < HUGE_BODY_BYTES) {
              const piece = chunk.subarray(0, Math.min(chunk.byteLength, HUGE_BODY_BYTES - sent));
              sent += piece.byteLength;
              if (!res.write(piece)) {
                res.once('drain', pump);
                return;
              }
            }
            res.end();
          };
          pump();
        });
      });
    case 'broken-chunked':
      return rawServer((socket) =>
        onRequest(socket, () =>
          socket.end(
            `HTTP/1.1 200 OK\r\ncontent-type: ${JSON_CONTENT_TYPE}\r\ntransfer-encoding: chunked\r\n\r\nZZ\r\nnot a chunk\r\n0\r\n\r\n`,
          ),
        ),
      );
    case 'error-500':
      return httpServer((req, res) => {
        req.resume();
        req.on('end', () => {
          const a = jsonAnswer(500, { __type: 'InternalFailure', message: 'boom' });
          res.writeHead(a.status, a.headers);
          res.end(a.text);
        });
      });
    case 'throttle':
      return httpServer((req, res) => {
        req.resume();
        req.on('end', () => {
          const a = jsonAnswer(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
          res.writeHead(a.status, a.headers);
          res.end(a.text);
        });
      });
  }
}

/**
 * A careless target: every CreateDeployment succeeds with a fresh id, whatever was sent. It records
 * every request (headers and body), so tests can see what went on the wire.
 */
export function acceptEverythingServer(): ReturnType<typeof recordingServer> {
  let n = 0;
  return recordingServer((r, res) => {
    const target = String(r.headers['x-amz-target'] ?? '');
    res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': `req-${++n}` });
    res.end(
      target === CREATE_DEPLOYMENT_TARGET || target === ''
        ? JSON.stringify({ DeploymentId: `dep-${n}` })
        : JSON.stringify({}),
    );
  });
}

/**
 * A well-behaved but slow target: answers like `acceptEverythingServer`, each after `delayMs`, so a
 * run against it lasts long enough to be interrupted.
 */
export function slowServer(delayMs: number): Promise<LoopbackServer & { requests: () => number }> {
  let count = 0;
  return httpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      const timer = setTimeout(() => {
        res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': `slow-${count}` });
        res.end(JSON.stringify({ DeploymentId: `slow-${count}` }));
      }, delayMs);
      res.on('close', () => clearTimeout(timer));
    });
  }).then((server) => Object.assign(server, { requests: () => count }));
}

/**
 * A flaky target: answers every other request like `acceptEverythingServer` and resets the
 * connection on the others, so some answers come back and some do not.
 */
export function flakyServer(): Promise<LoopbackServer> {
  let count = 0;
  return httpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      if (count % 2 === 0) {
        req.socket.resetAndDestroy();
        return;
      }
      res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': `flaky-${count}` });
      res.end(JSON.stringify({ DeploymentId: `flaky-${count}` }));
    });
  });
}
