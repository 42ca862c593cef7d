import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serveDouble } from '../../src/double/serve-double.js';
import { InputError } from '../../src/errors/input-error.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVE_DOUBLE = JSON.stringify(pathToFileURL(`${ROOT}src/double/serve-double.ts`).href);

/**
 * Runs `body` after a double with a 60 s latency has received one CreateDeployment over a raw
 * 127.0.0.1 socket (`socket`) and is waiting to answer it; `double` is the served double. The child
 * gets 20 s to exit on its own: a latency timer left behind would hold it for the full 60 s.
 */
function runWithRequestWaiting(body: string): {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
} {
  const code = `
    import { connect } from 'node:net';
    import { serveDouble } from ${SERVE_DOUBLE};
    const double = await serveDouble({ port: 0, host: '127.0.0.1', latencyMs: 60_000 });
    const json = JSON.stringify({ StackId: double.state.world.stacks[0].StackId, Command: { Name: 'setup' } });
    const socket = connect(double.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('data', () => console.log('answered'));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/x-amz-json-1.1\\r\\n' +
        'X-Amz-Target: OpsWorks_20130218.CreateDeployment\\r\\nContent-Length: ' +
        Buffer.byteLength(json) + '\\r\\n\\r\\n' + json,
    );
    // The handler has run (the deployment exists): the answer is now waiting on the latency.
    while (double.state.deployments.size === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    ${body}
    console.log('closed');
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}

describe('serveDouble latency and the process', () => {
  it('lets the process exit after close() when the client aborted a request waiting on latency', () => {
    const child = runWithRequestWaiting(`
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await double.close();
    `);
    expect(child.signal, child.stderr).toBeNull();
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout.trim()).toBe('closed');
  }, 30_000);

  it('lets the process exit after close() with a request still waiting on latency (cut after the grace)', () => {
    const child = runWithRequestWaiting('await double.close();');
    expect(child.signal, child.stderr).toBeNull();
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout.trim()).toBe('closed');
  }, 30_000);
});

describe('serveDouble latency bounds', () => {
  it('refuses a latency over an hour with one InputError naming the limit', async () => {
    for (const latencyMs of [3_600_001, 1e12]) {
      const refused = serveDouble({ port: 0, latencyMs });
      await expect(refused).rejects.toBeInstanceOf(InputError);
      await expect(refused).rejects.toThrow(
        `latency ${latencyMs}: over the 3600000 ms (one hour) limit; pass 3600000 or less`,
      );
    }
  });

  it('accepts a latency of exactly an hour', async () => {
    const served = await serveDouble({ port: 0, host: '127.0.0.1', latencyMs: 3_600_000 });
    await served.close();
    expect(served.port).toBeGreaterThan(0);
  });
});
