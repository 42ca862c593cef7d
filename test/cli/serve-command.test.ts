import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

function captureIo(signal: AbortSignal) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
    env: {},
    cwd: process.cwd(),
    signal,
  };
  return { io, out: () => out, err: () => err };
}

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let i = 0; i < 200; i++) {
    const m = read().match(pattern);
    if (m) return m;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never printed ${pattern}: ${read()}`);
}

describe('opsworks-contract serve', () => {
  it('prints the real port with --port 0, logs requests with --verbose, and stops cleanly on abort', async () => {
    const controller = new AbortController();
    const { io, out } = captureIo(controller.signal);
    const done = main(['serve', '--port', '0', '--verbose'], io);
    const [, url] = await waitFor(out, /listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
    const res = await fetch(url as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'OpsWorks_20130218.CreateDeployment',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, Signature=secret',
      },
      body: '{"Command":{"Name":"setup"}}',
    });
    expect(res.status).toBe(400);
    await waitFor(out, /POST \/ CreateDeployment 400 ValidationException/);
    controller.abort();
    expect(await done).toBe(0);
    expect(out()).not.toContain('AKIDEXAMPLE');
    await expect(fetch(url as string)).rejects.toThrow();
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--latency', '-1']],
    [['--throttle-rate', '1.5']],
    [['--world', 'no-such-world.json']],
    [['--bogus']],
  ])('refuses bad flags %j with exit 2 and one line', async (flags) => {
    const { io, err } = captureIo(new AbortController().signal);
    expect(await main(['serve', ...flags], io)).toBe(2);
    expect(err().trim().split('\n')).toHaveLength(1);
  });

  it('reads --world relative to the directory the command runs in, as check does', async () => {
    const { io, err } = captureIo(new AbortController().signal);
    const elsewhere = { ...io, cwd: '/tmp/opsworks-contract-no-such-dir' };
    expect(await main(['serve', '--world', 'world.json'], elsewhere)).toBe(2);
    expect(err()).toContain('/tmp/opsworks-contract-no-such-dir/world.json');
  });
});
