import type { CliIo } from '../../src/cli/command.js';

/** A CliIo that records what a command prints, for tests that call `main` in-process. */
export type CapturedIo = CliIo & { out: () => string; err: () => string };

/** Builds a {@link CapturedIo}; `overrides` replace any field (a throwing `stdout`, an env, a signal). */
export function captureIo(overrides: Partial<CliIo> = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
    env: {},
    cwd: process.cwd(),
    signal: new AbortController().signal,
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
