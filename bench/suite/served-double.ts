import { spawn } from 'node:child_process';
import { cliCommand } from './cli-command.js';

/** The double served by `opsworks-contract serve` in its own process. */
export interface ServedDouble {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts `opsworks-contract serve --port 0` in a child process and resolves once it prints the URL
 * it listens on, so the server's CPU is not the benchmark's (2 cores: one each, roughly).
 */
export function spawnServedDouble(): Promise<ServedDouble> {
  const { command, args } = cliCommand();
  const child = spawn(command, [...args, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    err += t;
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not print its URL within 30 s: ${err.slice(0, 500)}`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening: ${err.slice(0, 500)}`));
    });
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      out += t;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      resolve({
        url: m[1],
        async close() {
          if (child.exitCode === null) child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}

/** Runs `fn` against a served double (fresh, or shared in the quick run). */
export type WithServer = <T>(fn: (url: string) => Promise<T>) => Promise<T>;

/** Runs `fn` against a freshly served double and stops the server afterwards. */
export async function withServedDouble<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const served = await spawnServedDouble();
  try {
    return await fn(served.url);
  } finally {
    await served.close();
  }
}
