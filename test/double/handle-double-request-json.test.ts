import { describe, expect, it } from 'vitest';
import type { CaseRequest } from '../../src/contract/types.js';
import { createDoubleState } from '../../src/double/core/double-state.js';
import { handleDoubleRequest } from '../../src/double/core/handle-double-request.js';
import { isJsonRoundTrip } from '../../src/double/core/json-round-trip.js';
import { createDeploymentArbitraries } from '../../src/generators/create-deployment-arbitraries.js';
import { generateCase } from '../../src/runner/case-random.js';
import { toWireRequest } from '../../src/targets/to-wire-request.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';

const world = loadDefaultWorld();

/** Two doubles in lockstep: same clock, same id sequence. */
function lockstepStates() {
  const make = () => {
    let n = 0;
    return createDoubleState(world, {
      now: () => 1_700_000_000_000,
      newId: () => `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`,
      maxDeployments: 64,
    });
  };
  return { viaText: make(), viaJson: make() };
}

describe('handleDoubleRequest with the body already parsed (json)', () => {
  it('answers every generated case exactly as it answers its JSON text', () => {
    const { all, valid, categories } = createDeploymentArbitraries(world, { nulls: true, wire: true });
    const streams = [all, valid, ...Object.values(categories)];
    const { viaText, viaJson } = lockstepStates();
    let shortcut = 0;
    for (let s = 0; s < streams.length; s++) {
      for (let i = 0; i < (s === 0 ? 1500 : 60); i++) {
        const request: CaseRequest = generateCase(streams[s] as (typeof streams)[0], 99, s, i).value_.request;
        const wire = toWireRequest(request);
        const base = { method: wire.method, url: wire.path, headers: wire.headers };
        const expected = handleDoubleRequest(viaText, { ...base, body: wire.body });
        const usable =
          request.rawBody === undefined && request.body !== undefined && isJsonRoundTrip(request.body);
        if (usable) shortcut++;
        const got = handleDoubleRequest(
          viaJson,
          usable ? { ...base, body: '', json: request.body } : { ...base, body: wire.body },
        );
        expect(got, `stream ${s} case ${i}: ${JSON.stringify(request).slice(0, 300)}`).toEqual(expected);
      }
    }
    // Most cases take the shortcut; the rest (raw bodies, undefined members) still agree.
    expect(shortcut).toBeGreaterThan(1000);
  });

  it('isJsonRoundTrip is true exactly when JSON.stringify then JSON.parse gives the value back', () => {
    const samples: unknown[] = [
      { a: 1, b: 'x', c: [true, null, { d: 1.5 }] },
      [1, 2, 3],
      'text\ud800',
      { a: undefined },
      // biome-ignore lint/suspicious/noSparseArray: a hole is the point of this sample
      [1, , 3],
      Number.NaN,
      -0,
      Object.create(null),
      { toJSON: () => 1 },
      new Date(0),
      { f: () => 1 },
    ];
    for (const v of samples) {
      const text = JSON.stringify(v);
      const same =
        text !== undefined &&
        Object.is(JSON.stringify(JSON.parse(text)), text) &&
        sameValue(JSON.parse(text), v);
      expect(isJsonRoundTrip(v), String(text)).toBe(same);
    }
  });
});

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a !== 'object' || a === null || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length || (Array.isArray(b) && kb.length !== b.length)) return false;
  return ka.every(
    (k, i) => k === kb[i] && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
