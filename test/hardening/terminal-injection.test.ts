import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { curlCommand } from '../../src/reporters/curl-command.js';
import { terminalSafe } from '../../src/reporters/terminal-safe.js';
import { type LoopbackServer, recordingServer } from '../targets/loopback-servers.js';
import { runCliInProcess } from './cli-process.js';

// Issue 8, hostile targets, the terminal: a target's error message is printed in the scorecard,
// the replay lines and report.md. Escape sequences in it must not reach a terminal as such (retitle
// the window, clear the screen, overwrite the verdict line with a carriage return).

/** Control characters a terminal acts on (all but \n and \t). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the test.
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const EVIL = 'bad \u001b]0;pwned\u0007 \u001b[2J \u009b31m \r VERDICT: CONFORMANT \u0008 end';

const dirs: string[] = [];
const servers: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('target text never acts on the terminal', () => {
  it('terminalSafe shows control characters as escapes and keeps newlines and tabs', () => {
    expect(terminalSafe('a\u001b[2Jb\r\n\tc\u009b')).toBe('a\\u001b[2Jb\\u000d\n\tc\\u009b');
  });

  it('check and replay against a target whose error messages carry escape sequences', async () => {
    const server = await recordingServer((_r, res) => {
      res.writeHead(400, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': 'r-1' });
      res.end(JSON.stringify({ __type: 'ValidationException', message: EVIL }));
    });
    servers.push(server);
    const dir = await mkdtemp(join(tmpdir(), 'oc-terminal-'));
    dirs.push(dir);
    const check = await runCliInProcess(
      [
        'check',
        '--target',
        server.url,
        '--runs',
        '5',
        '--seed',
        '2',
        '--max-cases',
        '30',
        '--no-shrink',
        '--report-dir',
        'reports',
        '--fixtures-dir',
        'found',
      ],
      dir,
    );
    expect(check.code).toBe(1);
    // The message is there, visibly escaped.
    expect(check.stdout).toContain('\\u001b[2J');
    expect(check.stdout).not.toMatch(ACTIVE);
    expect(check.stderr).not.toMatch(ACTIVE);
    expect(await readFile(join(dir, 'reports', 'report.md'), 'utf8')).not.toMatch(ACTIVE);

    expect((await readdir(join(dir, 'found'))).length).toBeGreaterThan(0);
    const replay = await runCliInProcess(['replay', 'found', '--target', server.url], dir);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(/STILL FAILING/);
    expect(replay.stdout).not.toMatch(ACTIVE);
  });

  it('a reproduce line for a body with control characters is printable and still sends the exact bytes', () => {
    const rawBody = `{"StackId":"s\u0001'\\x\u0085\u001b[2J"}`;
    const line = curlCommand(
      { headers: { 'content-type': JSON_CONTENT_TYPE }, rawBody },
      { url: 'http://127.0.0.1:4000' },
    );
    expect(line).not.toMatch(ACTIVE);
    const quoted = line.slice(line.indexOf('--data-binary ') + '--data-binary '.length);
    // What bash makes of the quoted argument is the body, byte for byte.
    const sent = execFileSync('bash', ['-c', `printf %s ${quoted}`]);
    expect(sent.equals(Buffer.from(rawBody, 'utf8'))).toBe(true);
  });
});
