import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inFreshProcess, srcUrl as src } from '../fresh-process.js';

describe('adapters import their transport when made, outside every deadline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lazy-transports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('http: the first send of a cold process answers within a 150 ms deadline (undici is loaded first)', () => {
    const result = inFreshProcess(
      dir,
      `import { createServer } from 'node:http';
import { createHttpTarget } from ${src('targets/create-http-target.ts')};
const server = createServer((req, res) => { req.resume(); req.on('end', () => { res.setHeader('content-type', 'application/x-amz-json-1.1'); res.end('{"DeploymentId":"d-1"}'); }); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const target = createHttpTarget({ url: 'http://127.0.0.1:' + server.address().port, timeoutMs: 150, concurrency: 1 });
const exchange = await target.send({ headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'OpsWorks_20130218.CreateDeployment' }, body: { StackId: 's' } });
await target.close();
server.close();
console.log(JSON.stringify({ kind: exchange.kind, outcome: exchange.classification?.outcome, reason: exchange.reason }));
`,
    );
    expect(result).toEqual({ kind: 'wire', outcome: 'success' });
  }, 60_000);

  it('http and sdk: a target closed before it ever sent closes at once, leaving nothing running', () => {
    const result = inFreshProcess(
      dir,
      `import { createHttpTarget } from ${src('targets/create-http-target.ts')};
import { createSdkTarget, PLACEHOLDER_CREDENTIALS } from ${src('targets/create-sdk-target.ts')};
const http = createHttpTarget({ url: 'http://127.0.0.1:9', timeoutMs: 1000, concurrency: 4 });
const sdk = createSdkTarget({ name: 'sdk', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', timeoutMs: 1000, concurrency: 4, credentials: PLACEHOLDER_CREDENTIALS });
await http.close();
await sdk.close();
const after = await http.send({ headers: {}, body: {} });
console.log(JSON.stringify({ reason: after.reason }));
`,
    );
    // The process exited by itself (spawnSync returned with status 0): no pool or socket kept it.
    expect(result).toEqual({ reason: 'aborted' });
  }, 60_000);
});
