import { spawn } from 'node:child_process';

/** What one child process did: exit code, wall time, peak RSS (when asked for) and its output. */
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
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const m = /bench-maxrss-kb=(\d+)/.exec(stderr);
      const run: ChildRun = { code: code ?? (signal === null ? -1 : 128), wallMs, stdout, stderr };
      if (m?.[1] !== undefined) run.maxRssKB = Number(m[1]);
      resolve(run);
    });
  });
}
