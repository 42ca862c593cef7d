import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { type LoopbackServer, recordingServer } from '../targets/loopback-servers.js';
import { spawnCli } from './cli-process.js';

// Issue 8, secrets: fake credentials in a real child process environment, --sign on, a target that
// fails and, worse, echoes what it was sent (the Authorization header and the session token) back
// in its error messages and as its DeploymentIds. Nothing secret may reach any file or stream.

const KEY_ID = 'AKIAFAKEFAKEFAKEFAKE';
const SECRET = 'fAkEsEcReTkEy0123456789abcdefGHIJKLMNOPQ';
const TOKEN = 'FwoGZXIvYXdzEFAKEsessionTOKEN0123456789abcdefghijklmnopqrstuvwxyzFAKEFAKE';

const dirs: string[] = [];
const servers: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

describe('secrets never reach a report, a fixture or a log', () => {
  it('with fake AWS credentials and --sign against a failing, echoing target', async () => {
    let n = 0;
    const server = await recordingServer((r, res) => {
      n++;
      const auth = String(r.headers.authorization ?? '');
      const token = String(r.headers['x-amz-security-token'] ?? '');
      res.setHeader('content-type', JSON_CONTENT_TYPE);
      res.setHeader('x-amzn-requestid', `req-${n}`);
      if (r.headers['x-amz-target'] !== CREATE_DEPLOYMENT_TARGET || n % 3 === 0) {
        // A careless error message quoting the request's credentials.
        res.statusCode = 400;
        res.end(
          JSON.stringify({
            __type: 'ValidationException',
            message: `rejected request signed ${auth} with token ${token} key ${KEY_ID}`,
          }),
        );
        return;
      }
      // Accept everything, and hand the session token back as the id: duplicates and a leak.
      res.statusCode = 200;
      res.end(JSON.stringify({ DeploymentId: token === '' ? `d-${n}` : token }));
    });
    servers.push(server);
    const dir = await mkdtemp(join(tmpdir(), 'oc-secrets-'));
    dirs.push(dir);
    const env = {
      AWS_ACCESS_KEY_ID: KEY_ID,
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: TOKEN,
      AWS_REGION: 'us-east-1',
    };
    const cli = spawnCli(
      [
        'check',
        '--target',
        server.url,
        '--sign',
        '--runs',
        '10',
        '--seed',
        '9',
        '--concurrency',
        '4',
        '--timeout',
        '5000',
        '--max-cases',
        '40',
        '--no-shrink',
        '--report-dir',
        'reports',
        '--fixtures-dir',
        'found',
      ],
      { cwd: dir, env },
    );
    const code = await cli.exited;
    expect(code, cli.stderr()).toBe(1);
    // Replaying the fixtures, signed again, prints what the target says: masked as well.
    const replay = spawnCli(['replay', 'found', '--target', server.url, '--sign', '--timeout', '5000'], {
      cwd: dir,
      env,
    });
    expect(await replay.exited, replay.stderr()).toBe(1);
    expect(replay.stdout()).toMatch(/STILL FAILING/);

    // --sign really signed: SigV4 for service opsworks with the environment's key and token.
    expect(server.received.length, cli.stderr()).toBeGreaterThan(0);
    const signatures: string[] = [];
    const authorizations: string[] = [];
    for (const r of server.received) {
      const auth = String(r.headers.authorization ?? '');
      expect(auth).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${KEY_ID}/\\d{8}/us-east-1/opsworks/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
        ),
      );
      expect(r.headers['x-amz-security-token']).toBe(TOKEN);
      authorizations.push(auth);
      signatures.push(auth.slice(-64));
    }

    const written = await filesUnder(dir);
    const fixtures = written.filter((p) => p.includes(`${join(dir, 'found')}/`));
    expect(written.filter((p) => p.includes(join(dir, 'reports'))).length).toBe(4);
    expect(fixtures.length).toBeGreaterThan(0);
    const texts: Array<[string, string]> = [
      ['stdout', cli.stdout()],
      ['stderr', cli.stderr()],
      ['replay stdout', replay.stdout()],
      ['replay stderr', replay.stderr()],
      ...(await Promise.all(
        written.map(async (p): Promise<[string, string]> => [p, await readFile(p, 'utf8')]),
      )),
    ];
    const forbidden = [KEY_ID, SECRET, TOKEN, ...new Set(signatures), ...new Set(authorizations)];
    for (const [where, text] of texts) {
      for (const secret of forbidden) {
        expect(text.includes(secret), `${where} contains ${secret.slice(0, 24)}…`).toBe(false);
      }
      expect(text, where).not.toMatch(/x-amz-security-token"\s*:/i);
      expect(text, where).not.toMatch(/"authorization"\s*:/i);
    }
    // What the echo tried to leak is visibly masked, so a reader knows something was there.
    expect(texts.map(([, t]) => t).join('\n')).toMatch(/\[REDACTED\]/);

    // Fixtures keep what is needed to replay the request: its content type and target header.
    const replayable = await Promise.all(fixtures.map(async (p) => JSON.parse(await readFile(p, 'utf8'))));
    expect(
      replayable.some(
        (f) =>
          f.request.headers['content-type'] === JSON_CONTENT_TYPE &&
          f.request.headers['x-amz-target'] === CREATE_DEPLOYMENT_TARGET,
      ),
    ).toBe(true);
  });
});
