import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/input-error.js';
import { loadFixtures } from '../../src/fixtures/load-fixtures.js';
import { validateFixture } from '../../src/fixtures/validate-fixture.js';
import { loadClientModule } from '../../src/targets/create-client-target.js';
import { loadMswModule } from '../../src/targets/create-msw-target.js';
import { loadWorld, parseWorld } from '../../src/world/load-world.js';
import { recordingServer } from '../targets/loopback-servers.js';
import { ROOT, runCliInProcess } from './cli-process.js';

// Issue 8, bad input files: whatever a world file, a fixture file or a msw:/client: module holds,
// the loaders answer with a valid value or one InputError line naming the file, the JSON path and
// the problem; never another exception. The CLI turns each refusal into exit 2, one stderr line,
// and nothing written.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oc-bad-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileNumber = 0;
/** A fresh file name in the temp dir (module files must never repeat: imports are cached). */
function freshPath(ext: string): string {
  fileNumber++;
  return join(dir, `input-${fileNumber}${ext}`);
}

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** Runs a loader; only InputError may come out of it, and its message is one line. */
async function attempt<T>(load: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    if (!(error instanceof InputError)) {
      throw new Error(`expected a value or an InputError, got ${String(error)}`, { cause: error });
    }
    expect(error.message).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(error.message.length).toBeGreaterThan(0);
    return { ok: false, message: error.message };
  }
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

/** Every path (keys and indexes) into a JSON value, the root included. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...prefix, i]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

type Edit = { op: 'replace' | 'delete' | 'add'; at: number; key: string; value: unknown };

/** Applies one edit at one of the value's paths: replace it, delete it, or add a key beside it. */
function edit(original: unknown, e: Edit): unknown {
  const copy = structuredClone(original);
  const paths = pathsOf(copy);
  const path = paths[e.at % paths.length] ?? [];
  if (path.length === 0) return e.op === 'replace' ? e.value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (e.op === 'replace') parent[last] = e.value;
  else if (e.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (!Array.isArray(parent)) parent[e.key] = e.value;
  else parent.push(e.value);
  return copy;
}

const editArbitrary: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom('replace', 'delete', 'add'),
  at: fc.nat(),
  key: fc.oneof(
    fc.string(),
    fc.constantFrom('stacks', 'StackId', 'AppIds', '__proto__', 'constructor', 'a\nb'),
  ),
  value: fc.jsonValue({ maxDepth: 3 }),
});

/** Text that is JSON-like but often broken: a JSON value cut short, with a stray byte, or whole. */
const almostJson: fc.Arbitrary<string> = fc
  .tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', '}', ',', '\u0000', '\uFEFF', '"'))
  .map(([v, cut, extra]) => {
    const text = JSON.stringify(v) ?? 'null';
    return text.slice(0, cut % (text.length + 1)) + extra;
  });

const world = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'world.json'), 'utf8')) as unknown;
const regressions = join(ROOT, 'fixtures', 'regressions');
const fixture = JSON.parse(
  readFileSync(
    join(regressions, readdirSync(regressions).find((n) => n.endsWith('.json') && n !== 'index.json') ?? ''),
    'utf8',
  ),
) as unknown;

describe('world files', () => {
  function checkWorld(text: string, outcome: Outcome<unknown>, name: string): void {
    if (outcome.ok) {
      // A world that loads is one: it reads back the same after a round trip.
      expect(parseWorld(JSON.stringify(outcome.value), name)).toEqual(outcome.value);
    } else {
      expect(outcome.message.startsWith(`${name}: `)).toBe(true);
      // Parsed JSON with the wrong shape names the JSON path; broken JSON names the line and column.
      if (parsesAsJson(text)) expect(outcome.message.startsWith(`${name}: $`)).toBe(true);
      else expect(outcome.message).toMatch(/not valid JSON at line \d+, column \d+/);
    }
  }

  it('parseWorld: any JSON value, any edit of the default world, any text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
          editArbitrary.map((e) => JSON.stringify(edit(world, e)) ?? 'null'),
          almostJson,
          fc.string({ unit: 'binary' }),
        ),
        async (text) => checkWorld(text, await attempt(() => parseWorld(text, 'w.json')), 'w.json'),
      ),
      { numRuns: 400 },
    );
  });

  it('loadWorld: arbitrary bytes in a real file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const path = freshPath('.json');
        await writeFile(path, bytes);
        const outcome = await attempt(() => loadWorld(path));
        checkWorld(Buffer.from(bytes).toString('utf8'), outcome, path);
      }),
      { numRuns: 100 },
    );
  });
});

describe('fixture files given to replay', () => {
  it('loadFixtures: any JSON value, any edit of a real fixture, any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
          editArbitrary.map((e) => Buffer.from(JSON.stringify(edit(fixture, e)) ?? 'null')),
          almostJson.map((t) => Buffer.from(t)),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
        ),
        async (bytes) => {
          const path = freshPath('.json');
          await writeFile(path, bytes);
          const outcome = await attempt(() => loadFixtures(path));
          if (outcome.ok) {
            expect(outcome.value).toHaveLength(1);
            const loaded = outcome.value[0]?.fixture;
            expect(validateFixture(JSON.parse(JSON.stringify(loaded)), path)).toEqual(loaded);
          } else {
            expect(outcome.message.startsWith(`${path}: `)).toBe(true);
            if (parsesAsJson(bytes.toString('utf8')))
              expect(outcome.message.startsWith(`${path}: $`)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fixtures that load are replayed without a crash', () => {
  it('any edit of a real fixture that loadFixtures accepts replays against the double to exit 0 or 1', async () => {
    await fc.assert(
      fc.asyncProperty(editArbitrary, async (e) => {
        const path = freshPath('.json');
        await writeFile(path, JSON.stringify(edit(fixture, e)) ?? 'null');
        fc.pre((await attempt(() => loadFixtures(path))).ok);
        const run = await runCliInProcess(['replay', path], dir);
        expect([0, 1], run.stderr).toContain(run.code);
        expect(run.stdout).toMatch(/^(FIXED|STILL FAILING|SKIPPED) /m);
      }),
      { numRuns: 60 },
    );
  });
});

/** Source text of a module a user might point msw: or client: at, good or (mostly) bad. */
const thrown = fc.constantFrom(
  'null',
  'undefined',
  '42',
  "'a string'",
  "new Error('boom\\nsecond line')",
  'Object.create(null)',
  "{ get name() { throw new Error('getter') }, get message() { throw new Error('getter') } }",
  "new Proxy({}, { get() { throw new Error('trap') } })",
  "Symbol('s')",
);
const moduleSource: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => `export const handlers = ${JSON.stringify(v) ?? 'null'};\n`),
  fc.jsonValue({ maxDepth: 3 }).map((v) => `export const client = ${JSON.stringify(v) ?? 'null'};\n`),
  fc
    .jsonValue({ maxDepth: 2 })
    .map((v) => `export const client = { send: ${JSON.stringify(v) ?? 'null'} };\n`),
  fc
    .jsonValue({ maxDepth: 2 })
    .map((v) => `export const handlers = [];\nexport const endpoint = ${JSON.stringify(v) ?? 'null'};\n`),
  thrown.map((t) => `throw ${t};\n`),
  fc.constantFrom(
    'export default 1;\n',
    'export const handlers = [null];\n',
    'export const handlers = [{ run: 1 }];\n',
    "export const handlers = [{ get run() { throw new Error('getter') } }];\n",
    "export const handlers = new Proxy([], { get() { throw new Error('trap') } });\n",
    "export const client = { get send() { throw new Error('getter') } };\n",
    "export const client = new Proxy({}, { get() { throw new Error('trap') } });\n",
    "export const handlers = []; export const endpoint = 'ftp://x';\n",
    "import 'no-such-package-anywhere';\n",
    'export const handlers = [;\n',
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

describe('msw: and client: modules', () => {
  it('loadMswModule and loadClientModule: garbage exports, syntax errors, throwing at import', async () => {
    await fc.assert(
      fc.asyncProperty(moduleSource, async (source) => {
        const path = freshPath('.mjs');
        await writeFile(path, source);
        const loaders: Array<[string, (spec: string, path: string, cwd: string) => Promise<unknown>]> = [
          ['msw', loadMswModule],
          ['client', loadClientModule],
        ];
        for (const [scheme, load] of loaders) {
          const spec = `${scheme}:${path}`;
          const outcome = await attempt(() => load(spec, path, dir));
          if (!outcome.ok) expect(outcome.message.startsWith(`--target ${spec}: `)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the CLI refuses a bad input file: exit 2, one line on stderr, nothing written', () => {
  async function refuses(args: (file: string, reportDir: string) => string[], ext: string, body: string) {
    const file = freshPath(ext);
    await writeFile(file, body);
    const reportDir = join(dir, `report-${fileNumber}`);
    const run = await runCliInProcess(args(file, reportDir), dir);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^opsworks-contract (check|replay): /);
    expect(existsSync(reportDir)).toBe(false);
    return run.stderr;
  }

  const worldArgs = (file: string, reportDir: string) => [
    'check',
    '--world',
    file,
    '--report-dir',
    reportDir,
  ];
  const msw = (file: string, reportDir: string) => [
    'check',
    '--target',
    `msw:${file}`,
    '--report-dir',
    reportDir,
  ];
  const client = (file: string, reportDir: string) => [
    'check',
    '--target',
    `client:${file}`,
    '--report-dir',
    reportDir,
    '--fixtures-dir',
    join(reportDir, 'fixtures'),
  ];

  it('a world file that is not JSON, has the wrong shape, or is empty', async () => {
    expect(await refuses(worldArgs, '.json', '{"stacks": [}')).toMatch(/not valid JSON at line 1, column 13/);
    expect(await refuses(worldArgs, '.json', '{"stacks": [{"StackId": 7}]}')).toMatch(
      /\$\.stacks\[0\]\.StackId/,
    );
    expect(await refuses(worldArgs, '.json', '')).toMatch(/unexpected end of file/);
    await mkdir(join(dir, 'a-directory'), { recursive: true });
    const run = await runCliInProcess(
      ['check', '--world', join(dir, 'a-directory'), '--report-dir', 'r'],
      dir,
    );
    expect(run.code).toBe(2);
  });

  it('any world the loader refuses (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          editArbitrary.map((e) => JSON.stringify(edit(world, e)) ?? 'null'),
          almostJson,
        ),
        async (text) => {
          fc.pre(!(await attempt(() => parseWorld(text, 'w.json'))).ok);
          await refuses(worldArgs, '.json', text);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a fixture file given to replay that is malformed', async () => {
    const replayBad = async (body: string): Promise<string> => {
      const file = freshPath('.json');
      await writeFile(file, body);
      const run = await runCliInProcess(['replay', file], dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      return run.stderr;
    };
    expect(await replayBad('{"formatVersion": 1')).toMatch(/not valid JSON/);
    expect(await replayBad(JSON.stringify({ ...(fixture as object), formatVersion: 9 }))).toMatch(
      /\$\.formatVersion/,
    );
  });

  it('msw: and client: modules that are broken', async () => {
    for (const body of [
      'export const handlers = [;\n',
      "throw new Error('boom\\nsecond line');\n",
      'throw Object.create(null);\n',
      'export default 1;\n',
      "export const handlers = [{ get run() { throw new Error('getter') } }];\n",
    ]) {
      await refuses(msw, '.mjs', body);
    }
    for (const body of [
      'export const client = 1;\n',
      "export const client = { get send() { throw new Error('getter') } };\n",
    ]) {
      await refuses(client, '.mjs', body);
    }
  });
});

describe('the CLI refuses an output directory it cannot write into: exit 2 before anything is sent', () => {
  it('--report-dir or --fixtures-dir naming a file, or a path under a file', async () => {
    const server = await recordingServer();
    try {
      const file = freshPath('.txt');
      await writeFile(file, 'not a directory');
      for (const flags of [
        ['--report-dir', file],
        ['--report-dir', join(file, 'sub')],
        ['--fixtures-dir', file, '--report-dir', join(dir, 'unused-report-dir')],
      ]) {
        const run = await runCliInProcess(['check', '--target', server.url, '--runs', '1', ...flags], dir);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(
          /^opsworks-contract check: (reportDir|fixturesDir|--report-dir|--fixtures-dir) /,
        );
      }
      expect(server.received).toHaveLength(0);
      expect(existsSync(join(dir, 'unused-report-dir'))).toBe(false);
    } finally {
      await server.close();
    }
  });
});
