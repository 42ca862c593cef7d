import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * What one child process did: exit code, wall time, peak RSS (when asked for: the larger of its own
 * peak and the sampled peak of its process tree, worker processes included) and its output.
 */
export interface ChildRun {
  code: number;
  wallMs: number;
  maxRssKB?: number;
  stdout: string;
  stderr: string;
}

/**
 * A preload that prints the process's peak RSS on exit (`process.resourceUsage().maxRSS`, in KB),
 * so a child's memory is read without `/usr/bin/time` (not on every machine).
 */
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "process.on('exit',()=>process.stderr.write('\\nbench-maxrss-kb='+process.resourceUsage().maxRSS+'\\n'))",
)}`;

/** Resident set size of `pid` and all its descendants, in KB, from `/proc` (0 where there is none). */
export function treeRssKB(pid: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    try {
      // The command name (field 2) may hold spaces and parentheses: read after its closing one.
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      total += Number(m?.[1] ?? 0);
    } catch {
      // Gone already.
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** Runs `command args` to the end and times it from spawn to exit. */
export function spawnTimed(
  command: string,
  args: readonly string[],
  options: { cwd: string; rss?: boolean; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ChildRun> {
  const full = options.rss === true ? ['--import', RSS_HOOK, ...args] : [...args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, full, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      // Keep the tail only: a long run's progress lines are not needed.
      stdout = (stdout + t).slice(-20_000);
    });
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      stderr = (stderr + t).slice(-20_000);
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    // The child's own peak comes from its exit hook; a run that forks workers also needs the sum
    // over its process tree, sampled (Linux /proc; elsewhere the sum reads 0 and the hook decides).
    let treePeakKB = 0;
    const sampler =
      options.rss === true && child.pid !== undefined
        ? setInterval(() => {
            treePeakKB = Math.max(treePeakKB, treeRssKB(child.pid as number));
          }, 50)
        : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      if (sampler !== undefined) clearInterval(sampler);
      const wallMs = performance.now() - t0;
      const m = /bench-maxrss-kb=(\d+)/.exec(stderr);
      const run: ChildRun = { code: code ?? (signal === null ? -1 : 128), wallMs, stdout, stderr };
      if (m?.[1] !== undefined) run.maxRssKB = Math.max(Number(m[1]), treePeakKB);
      resolve(run);
    });
  });
}
