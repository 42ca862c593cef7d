import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../../src/cli/limit-heap-growth.js';

describe('limitHeapGrowth (the CLI bounds its own heap growth)', () => {
  it('leaves a heap-growth flag the user chose alone, in the command line or NODE_OPTIONS', () => {
    expect(limitHeapGrowth(['--heap-growing-percent=80'], undefined)).toBe(false);
    expect(limitHeapGrowth([], '--max-old-space-size=512 --heap_growing_percent=10')).toBe(false);
  });

  it('sets it otherwise (other V8 options do not count as a choice)', () => {
    expect(limitHeapGrowth(['--max-old-space-size=512'], '--enable-source-maps')).toBe(true);
  });
});
