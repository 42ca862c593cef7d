/**
 * Runs the README's snippets for the three uses ("Property suites in CI", "Checking a mock for
 * conformance", "Regression fixtures") as a new user would: in a fresh project in a temp folder that
 * has this package in its node_modules (linked, as `npm install /path/to/repo` would install it,
 * without the network), every code block written to the file its first line names, every command
 * run with the exit code noted after it, then every test file written run by vitest.
 *
 * It runs the built package (dist/), so it is behind `npm run test:snippets`, which builds first;
 * in the default run it is skipped, by name, unless OPSWORKS_CONTRACT_SNIPPETS=1.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedDouble, serveDouble } from '../../src/double/serve-double.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const SECTIONS = ['Property suites in CI', 'Checking a mock for conformance', 'Regression fixtures'];
const enabled = process.env.OPSWORKS_CONTRACT_SNIPPETS === '1';

interface Block {
  lang: string;
  text: string;
}

/** The fenced code blocks of one `## ` section of the README, in order. */
function sectionBlocks(readme: string, title: string): Block[] {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 4);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] ?? '',
    text: m[2] ?? '',
  }));
}

interface Step {
  argv: string[];
  env: Record<string, string>;
  exit: number;
  line: string;
}

/** One shell line: `VAR=value ... npx tool args # exit N`. */
function parseCommand(line: string, url: string): Step {
  const exit = Number(line.match(/# exit (\d+)/)?.[1] ?? 0);
  const words = line.replace(/#.*$/, '').replaceAll('http://127.0.0.1:4000', url).trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] !== undefined && /^[A-Z_]+=/.test(words[0])) {
    const [k, v] = (words.shift() as string).split('=') as [string, string];
    env[k] = v;
  }
  if (words[0] !== 'npx') throw new Error(`README command not run by npx: ${line}`);
  const tool = words[1];
  const bin =
    tool === 'opsworks-contract'
      ? join('node_modules', 'opsworks-contract', 'bin', 'opsworks-contract.js')
      : tool === 'vitest'
        ? join('node_modules', 'vitest', 'vitest.mjs')
        : undefined;
  if (bin === undefined) throw new Error(`README command runs an unknown tool: ${line}`);
  return { argv: [bin, ...words.slice(2)], env, exit, line };
}

function run(cwd: string, step: Step): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, step.argv, {
      cwd,
      env: { ...process.env, ...step.env, OPSWORKS_CONTRACT_SNIPPETS: '', FORCE_COLOR: '0', CI: '1' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, output }));
  });
}

describe.skipIf(!enabled)('README snippets, in a fresh project that installs this package', () => {
  let project: string;
  let served: ServedDouble;
  const testFiles: string[] = [];

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'opsworks-contract-snippets-'));
    served = await serveDouble({ port: 0, host: '127.0.0.1' });
    await writeFile(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'snippets', private: true, type: 'module' }, null, 2)}\n`,
    );
    // node_modules: this package linked as `npm install <path>` would, and the packages a user's
    // project has installed next to it (vitest, fast-check, the AWS SDK, msw...), linked from ours.
    const modules = join(project, 'node_modules');
    await mkdir(modules);
    for (const entry of await readdir(join(repo, 'node_modules'))) {
      if (entry.startsWith('.')) continue;
      await symlink(join(repo, 'node_modules', entry), join(modules, entry), 'dir');
    }
    await symlink(repo, join(modules, 'opsworks-contract'), 'dir');
  });

  afterAll(async () => {
    await served?.close();
    if (project !== undefined) await rm(project, { recursive: true, force: true });
  });

  for (const title of SECTIONS) {
    it(`"${title}": every snippet is written, and every command exits as the README says`, async () => {
      const readme = await readFile(join(repo, 'README.md'), 'utf8');
      const blocks = sectionBlocks(readme, title);
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        if (block.lang === 'ts' || block.lang === 'js') {
          const file = block.text.match(/^\/\/ (\S+)\n/)?.[1];
          if (file === undefined)
            throw new Error(`a ${block.lang} block in "${title}" does not name its file`);
          await mkdir(dirname(join(project, file)), { recursive: true });
          await writeFile(join(project, file), block.text);
          if (/\.test\.[jt]s$/.test(file)) testFiles.push(file);
        } else if (block.lang === 'sh') {
          for (const line of block.text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'))) {
            const step = parseCommand(line, served.url);
            const { code, output } = await run(project, step);
            expect(code, `${line}\n${output}`).toBe(step.exit);
          }
        }
      }
    }, 240_000);
  }

  it('every test file the snippets wrote passes under vitest', async () => {
    const step: Step = {
      argv: [join('node_modules', 'vitest', 'vitest.mjs'), 'run', ...testFiles],
      env: { OPSWORKS_CONTRACT_TARGET: served.url },
      exit: 0,
      line: testFiles.join(' '),
    };
    expect(testFiles.length).toBeGreaterThan(0);
    const { code, output } = await run(project, step);
    expect(code, `${step.line}\n${output}`).toBe(0);
  }, 240_000);
});
