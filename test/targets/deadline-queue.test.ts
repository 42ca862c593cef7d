import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineQueue } from '../../src/targets/deadline-queue.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DeadlineQueue', () => {
  it('expires each item its duration after it was added, in the order they were added', () => {
    const queue = new DeadlineQueue(1_000);
    const expired: string[] = [];
    queue.add({ expire: () => expired.push('a') });
    vi.advanceTimersByTime(400);
    queue.add({ expire: () => expired.push('b') });
    vi.advanceTimersByTime(599);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(expired).toEqual(['a']);
    vi.advanceTimersByTime(400);
    expect(expired).toEqual(['a', 'b']);
    expect(queue.size).toBe(0);
  });

  it('never expires a released item, and still expires the live ones behind it', () => {
    const queue = new DeadlineQueue(500);
    const expired: string[] = [];
    const first = queue.add({ expire: () => expired.push('first') });
    vi.advanceTimersByTime(100);
    queue.add({ expire: () => expired.push('second') });
    queue.release(first);
    queue.release(first);
    vi.advanceTimersByTime(450);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['second']);
  });

  it('keeps working after it empties, and holds no released items', () => {
    const queue = new DeadlineQueue(200);
    const expired: number[] = [];
    for (let round = 0; round < 3; round++) {
      const tickets = Array.from({ length: 5_000 }, (_, i) => queue.add({ expire: () => expired.push(i) }));
      for (const t of tickets) queue.release(t);
      expect(queue.size).toBe(0);
      vi.advanceTimersByTime(300);
    }
    queue.add({ expire: () => expired.push(-1) });
    vi.advanceTimersByTime(250);
    expect(expired).toEqual([-1]);
  });

  it('releases out of order (a slow request at the head) without losing later deadlines', () => {
    const queue = new DeadlineQueue(1_000);
    const expired: string[] = [];
    queue.add({ expire: () => expired.push('slow') });
    const quick = Array.from({ length: 3_000 }, () => queue.add({ expire: () => expired.push('quick') }));
    for (const t of quick) queue.release(t);
    const late = queue.add({ expire: () => expired.push('late') });
    vi.advanceTimersByTime(1_010);
    expect(expired).toEqual(['slow', 'late']);
    queue.release(late);
    expect(queue.size).toBe(0);
  });
});

describe('DeadlineQueue and the process', () => {
  const module = fileURLToPath(new URL('../../src/targets/deadline-queue.ts', import.meta.url));
  const run = (code: string): string =>
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('keeps the process alive for a live item (a promise that never settles still gets its deadline)', () => {
    const out = run(
      `import { DeadlineQueue } from ${JSON.stringify(module)};
       new DeadlineQueue(200).add({ expire: () => console.log('expired') });`,
    );
    expect(out.trim()).toBe('expired');
  });

  it('does not hold the process once every item is released', () => {
    const out = run(
      `import { DeadlineQueue } from ${JSON.stringify(module)};
       const q = new DeadlineQueue(600_000);
       q.release(q.add({ expire: () => console.log('expired') }));
       console.log('released');`,
    );
    expect(out.trim()).toBe('released');
  });
});
