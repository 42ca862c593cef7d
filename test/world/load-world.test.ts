import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/input-error.js';
import { DEFAULT_WORLD_PATH, loadDefaultWorld, loadWorld, parseWorld } from '../../src/world/load-world.js';

/** The error parseWorld throws for `text`, asserting it is one InputError. */
function refusal(text: string): string {
  try {
    parseWorld(text, 'w.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message.startsWith('w.json: ')).toBe(true);
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`expected ${text} to be refused`);
}

const stack = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  StackId: 's1',
  AppIds: ['a1'],
  LayerIds: ['l1'],
  InstanceIds: ['i1'],
  ...over,
});
const world = (...stacks: unknown[]): string => JSON.stringify({ stacks });

describe('parseWorld accepts', () => {
  it('a well-formed world and fills in left-out ID lists', () => {
    expect(parseWorld(world(stack(), { StackId: 's2' }), 'w.json')).toEqual({
      stacks: [
        { StackId: 's1', AppIds: ['a1'], LayerIds: ['l1'], InstanceIds: ['i1'] },
        { StackId: 's2', AppIds: [], LayerIds: [], InstanceIds: [] },
      ],
    });
  });

  it('IDs that are not UUIDs, and a leading byte-order mark', () => {
    const w = parseWorld(`\ufeff${world(stack({ StackId: 'stack-prod', AppIds: ['My App'] }))}`, 'w.json');
    expect(w.stacks[0]?.StackId).toBe('stack-prod');
  });
});

describe('parseWorld refuses, with the file, the JSON path and the problem', () => {
  it('text that is not JSON, with line and column', () => {
    const m = refusal('{\n  "stacks": [\n    {"StackId": "s1",}\n  ]\n}');
    expect(m).toMatch(/not valid JSON at line 3, column 22/);
    expect(m).toContain("unexpected '}'");
  });

  it('a truncated file, at its end', () => {
    expect(refusal('{"stacks": [')).toMatch(/not valid JSON at line 1, column 13: unexpected end of file/);
  });

  it('an empty file', () => {
    expect(refusal('')).toMatch(/not valid JSON at line 1, column 1: unexpected end of file/);
  });

  it.each([
    ['[]', 'an array'],
    ['null', 'null'],
    ['"stacks"', 'a string'],
    ['42', 'number 42'],
  ])('a top level that is not an object: %s', (text, got) => {
    const m = refusal(text);
    expect(m).toContain('w.json: $: expected an object');
    expect(m).toContain(got);
  });

  it('a missing stacks list', () => {
    expect(refusal('{}')).toBe('w.json: $.stacks: missing; a world needs a "stacks" array');
  });

  it('an empty stacks list', () => {
    expect(refusal('{"stacks": []}')).toBe('w.json: $.stacks: empty; a world needs at least one stack');
  });

  it('stacks that is not a list', () => {
    expect(refusal('{"stacks": {}}')).toContain('$.stacks: expected an array, got an object');
  });

  it('a stack that is not an object', () => {
    expect(refusal(world(stack(), 's2'))).toContain('$.stacks[1]: expected a stack object');
  });

  it('a stack without StackId', () => {
    expect(refusal(world({ AppIds: ['a'] }))).toContain('$.stacks[0].StackId: missing');
  });

  it('IDs that are not strings', () => {
    expect(refusal(world(stack({ StackId: 7 })))).toContain(
      '$.stacks[0].StackId: expected an ID string, got number 7',
    );
    expect(refusal(world(stack({ AppIds: ['a1', 42] })))).toContain(
      '$.stacks[0].AppIds[1]: expected an ID string, got number 42',
    );
    expect(refusal(world(stack({ LayerIds: [null] })))).toContain(
      '$.stacks[0].LayerIds[0]: expected an ID string, got null',
    );
  });

  it('an ID list that is not a list', () => {
    expect(refusal(world(stack({ InstanceIds: 'i1' })))).toContain(
      '$.stacks[0].InstanceIds: expected an array of ID strings',
    );
  });

  it('empty-string IDs', () => {
    expect(refusal(world(stack({ StackId: '' })))).toContain('$.stacks[0].StackId: empty ID');
    expect(refusal(world(stack({ InstanceIds: ['i1', '  '] })))).toContain(
      '$.stacks[0].InstanceIds[1]: empty ID',
    );
  });

  it('unknown keys, with a hint for a near miss', () => {
    expect(refusal('{"stack": []}')).toBe(
      "w.json: $.stack: unknown key (did you mean 'stacks'?); allowed keys are stacks",
    );
    expect(refusal(world(stack({ AppIDs: [] })))).toContain(
      "$.stacks[0].AppIDs: unknown key (did you mean 'AppIds'?); allowed keys are StackId, AppIds, LayerIds, InstanceIds",
    );
    expect(refusal(world(stack({ 'odd key': 1 })))).toContain('$.stacks[0]["odd key"]: unknown key;');
  });

  it('a duplicate ID within a stack, naming both places', () => {
    expect(refusal(world(stack({ AppIds: ['a1', 'a1'] })))).toContain(
      '$.stacks[0].AppIds[1]: ID "a1" appears twice in one stack (first at $.stacks[0].AppIds[0])',
    );
    expect(refusal(world(stack({ LayerIds: ['s1'] })))).toContain(
      '$.stacks[0].LayerIds[0]: ID "s1" appears twice in one stack (first at $.stacks[0].StackId)',
    );
  });

  it('an ID in two stacks', () => {
    expect(refusal(world(stack(), stack({ StackId: 's2', AppIds: ['a2'], LayerIds: ['l2'] })))).toContain(
      '$.stacks[1].InstanceIds[0]: ID "i1" appears in two stacks (first at $.stacks[0].InstanceIds[0])',
    );
    expect(refusal(world(stack(), { StackId: 's1' }))).toContain(
      '$.stacks[1].StackId: ID "s1" appears in two stacks',
    );
  });
});

describe('loadWorld', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'world-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file', async () => {
    const path = join(dir, 'ok.json');
    await writeFile(path, world(stack()));
    expect((await loadWorld(path)).stacks[0]?.AppIds).toEqual(['a1']);
  });

  it('names the file as given when it is malformed', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"stacks": []}');
    await expect(loadWorld(path)).rejects.toThrow(
      new InputError(`${path}: $.stacks: empty; a world needs at least one stack`),
    );
  });

  it('refuses a missing file', async () => {
    const path = join(dir, 'nope.json');
    await expect(loadWorld(path)).rejects.toThrow(
      new InputError(`${path}: file not found; pass the path of a world JSON file`),
    );
  });

  it('refuses a directory', async () => {
    await expect(loadWorld(dir)).rejects.toThrow(/is a directory, not a file/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses an unreadable file', async () => {
    const path = join(dir, 'secret.json');
    await writeFile(path, world(stack()));
    await chmod(path, 0o000);
    await expect(loadWorld(path)).rejects.toThrow(
      new InputError(`${path}: permission denied; pass the path of a world JSON file`),
    );
  });
});

describe('the default world', () => {
  it('in TypeScript equals fixtures/world.json', async () => {
    const fromFile = await loadWorld(DEFAULT_WORLD_PATH);
    expect(loadDefaultWorld()).toEqual(fromFile);
    expect(JSON.parse(await readFile(DEFAULT_WORLD_PATH, 'utf8'))).toEqual(loadDefaultWorld());
  });

  it('has at least 2 stacks, each with 2 apps, 2 layers and 3 instances, all lowercase UUIDs', () => {
    const w = loadDefaultWorld();
    expect(w.stacks.length).toBeGreaterThanOrEqual(2);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const s of w.stacks) {
      expect(s.AppIds.length).toBeGreaterThanOrEqual(2);
      expect(s.LayerIds.length).toBeGreaterThanOrEqual(2);
      expect(s.InstanceIds.length).toBeGreaterThanOrEqual(3);
      for (const id of [s.StackId, ...s.AppIds, ...s.LayerIds, ...s.InstanceIds]) expect(id).toMatch(uuid);
    }
  });

  it('is a fresh copy each call', () => {
    const a = loadDefaultWorld();
    a.stacks[0]?.AppIds.push('mine');
    expect(loadDefaultWorld().stacks[0]?.AppIds).not.toContain('mine');
  });
});
