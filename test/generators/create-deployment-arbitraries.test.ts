import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case, World } from '../../src/contract/types.js';
import {
  APP_COMMANDS,
  COMMAND_NAMES,
  CUSTOM_JSON_SURELY_WITHIN_BYTES,
  JSON_CONTENT_TYPE,
} from '../../src/contract/wire.js';
import { CATEGORY_NAMES, categoryOfLabel } from '../../src/generators/category-names.js';
import { createDeploymentArbitraries } from '../../src/generators/create-deployment-arbitraries.js';
import { ALL_MEMBERS, COMMAND_NAME_ENUM, TOP_MEMBERS } from '../../src/generators/request-shape.js';
import { createDeploymentRequestSchema } from '../../src/schema/schemas.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';

const world = loadDefaultWorld();
const arbs = createDeploymentArbitraries(world);
type Body = Record<string, unknown> & { Command: { Name: string; Args?: Record<string, string[]> | null } };
const bodyOf = (c: Case): Body => c.request.body as Body;

describe('createDeploymentArbitraries: options are checked at once', () => {
  it.each([
    ['empty world', { stacks: [] }, {}, 'world.stacks: is empty'],
    ['no stacks', {}, {}, 'world: expected { stacks'],
    [
      'bad StackId',
      { stacks: [{ StackId: 1, AppIds: [], LayerIds: [], InstanceIds: [] }] },
      {},
      'world.stacks[0].StackId',
    ],
    ['validRatio 2', world, { validRatio: 2 }, 'options.validRatio'],
    [
      'unknown category',
      world,
      { categories: ['missing-required', 'nope'] },
      'options.categories[1]: unknown category "nope"',
    ],
    ['nulls not boolean', world, { nulls: 'yes' }, 'options.nulls: expected a boolean'],
    ['unknown option', world, { colour: 'red' }, 'options.colour: unknown option'],
    [
      'only wire, wire off',
      world,
      { categories: ['wire-empty-body'], wire: false },
      'options.categories: no category left',
    ],
  ])('%s: throws naming the call', (_name, w, options, message) => {
    expect(() => createDeploymentArbitraries(w as World, options as never)).toThrow(
      `createDeploymentArbitraries: ${message}`,
    );
  });

  it('categories and wire narrow what invalid draws; categories always holds every category', () => {
    const narrow = createDeploymentArbitraries(world, {
      categories: ['bad-enum', 'wire-empty-body'],
      wire: false,
    });
    expect(Object.keys(narrow.categories)).toEqual([...CATEGORY_NAMES]);
    for (const c of fc.sample(narrow.invalid, { seed: 1, numRuns: 50 }))
      expect(c.labels).toEqual(['bad-enum:Command.Name']);
  });

  it('wire: false draws only the Content-Type an object-level target (the SDK) can send', () => {
    const spellings = (a: fc.Arbitrary<Case>) =>
      new Set(fc.sample(a, { seed: 3, numRuns: 400 }).map((c) => c.request.headers['content-type']));
    const objectLevel = createDeploymentArbitraries(world, { wire: false });
    expect(spellings(objectLevel.all)).toEqual(new Set([JSON_CONTENT_TYPE]));
    expect(spellings(objectLevel.categories['missing-required'])).toEqual(new Set([JSON_CONTENT_TYPE]));
    // A wire target still gets both spellings of a valid request.
    expect(spellings(arbs.valid)).toEqual(
      new Set([JSON_CONTENT_TYPE, `${JSON_CONTENT_TYPE}; charset=utf-8`]),
    );
  });

  it('nulls: false never draws a null member', () => {
    const noNulls = createDeploymentArbitraries(world, { nulls: false });
    for (const c of [
      ...fc.sample(noNulls.valid, { seed: 1, numRuns: 300 }),
      ...fc.sample(noNulls.categories['app-command-without-app-id'], { seed: 1, numRuns: 50 }),
    ]) {
      const body = bodyOf(c);
      expect(Object.values(body)).not.toContain(null);
      expect(Object.values(body.Command)).not.toContain(null);
    }
  });

  it('a world without apps still yields every category, and valid cases without app commands', () => {
    const noApps: World = { stacks: [{ StackId: 'solo', AppIds: [], LayerIds: [], InstanceIds: [] }] };
    const a = createDeploymentArbitraries(noApps);
    for (const c of fc.sample(a.valid, { seed: 1, numRuns: 100 })) {
      expect(APP_COMMANDS).not.toContain(bodyOf(c).Command.Name);
    }
    for (const name of CATEGORY_NAMES)
      expect(fc.sample(a.categories[name], { seed: 1, numRuns: 5 })).toHaveLength(5);
  });
});

describe('valid cases cover the documented surface within a few hundred cases', () => {
  const cases = fc.sample(arbs.valid, { seed: 42, numRuns: 400 });
  const bodies = cases.map(bodyOf);

  it('every command, AppId exactly for app commands, from the same stack', () => {
    expect(new Set(bodies.map((b) => b.Command.Name))).toEqual(new Set(COMMAND_NAMES));
    for (const b of bodies) {
      const stack = world.stacks.find((s) => s.StackId === b.StackId);
      expect(stack).toBeDefined();
      if (APP_COMMANDS.includes(b.Command.Name as never)) expect(stack?.AppIds).toContain(b.AppId);
      else expect(b.AppId).toBeUndefined();
      for (const id of (b.InstanceIds as string[] | null | undefined) ?? [])
        expect(stack?.InstanceIds).toContain(id);
      for (const id of (b.LayerIds as string[] | null | undefined) ?? [])
        expect(stack?.LayerIds).toContain(id);
    }
  });

  it('every optional member absent, null and present', () => {
    for (const member of ['InstanceIds', 'LayerIds', 'Comment', 'CustomJson']) {
      const states = new Set(
        bodies.map((b) => (!(member in b) ? 'absent' : b[member] === null ? 'null' : 'present')),
      );
      expect([...states].sort(), member).toEqual(['absent', 'null', 'present']);
    }
    const args = new Set(
      bodies.map((b) => (!('Args' in b.Command) ? 'absent' : b.Command.Args === null ? 'null' : 'present')),
    );
    expect([...args].sort()).toEqual(['absent', 'null', 'present']);
  });

  it('documented Args: one or several recipes, migrate true/false, allow_reboot, upgrade_os_to with allow_reboot true', () => {
    const args = bodies.map((b) => ({ name: b.Command.Name, args: b.Command.Args ?? {} }));
    const recipes = args.filter((a) => a.name === 'execute_recipes').map((a) => a.args.recipes ?? []);
    expect(recipes.every((r) => r.length >= 1 && r.every((x) => /^[\w-]+::[\w-]+$/.test(x)))).toBe(true);
    expect(recipes.some((r) => r.length > 1)).toBe(true);
    const migrate = new Set(args.filter((a) => a.name === 'deploy').map((a) => a.args.migrate?.[0]));
    expect(migrate).toEqual(new Set([undefined, 'true', 'false']));
    const upd = args.filter((a) => a.name === 'update_dependencies').map((a) => a.args);
    expect(upd.some((a) => a.allow_reboot !== undefined && a.upgrade_os_to === undefined)).toBe(true);
    expect(upd.some((a) => a.upgrade_os_to !== undefined)).toBe(true);
    for (const a of upd) if (a.upgrade_os_to !== undefined) expect(a.allow_reboot).toEqual(['true']);
  });

  it('comments: empty, emoji, right-to-left, combining marks, zero-width, thousands of characters', () => {
    const comments = bodies.map((b) => b.Comment).filter((c): c is string => typeof c === 'string');
    expect(comments).toContain('');
    expect(comments.some((c) => /\p{Extended_Pictographic}/u.test(c))).toBe(true);
    expect(comments.some((c) => /[\u0590-\u08ff]/.test(c))).toBe(true);
    expect(comments.some((c) => /\p{M}/u.test(c))).toBe(true);
    expect(comments.some((c) => /[\u200b-\u200d]/.test(c))).toBe(true);
    expect(comments.some((c) => c.length >= 1000)).toBe(true);
  });

  it('CustomJson: always a JSON object; empty, nested, escaped, unicode, and now and then near 120 KB', () => {
    const texts = bodies.map((b) => b.CustomJson).filter((c): c is string => typeof c === 'string');
    for (const t of texts) {
      const v = JSON.parse(t) as unknown;
      expect(typeof v === 'object' && v !== null && !Array.isArray(v)).toBe(true);
      expect(Buffer.byteLength(t)).toBeLessThanOrEqual(CUSTOM_JSON_SURELY_WITHIN_BYTES);
    }
    expect(texts).toContain('{}');
    expect(texts.some((t) => t.includes('\\u'))).toBe(true);
    expect(texts.some((t) => /[^ -~\s]/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('{"a":{"a":{"a":'))).toBe(true);
    expect(texts.some((t) => Buffer.byteLength(t) > 60_000)).toBe(true);
    // Big values stay rare, so generation stays fast.
    expect(texts.filter((t) => t.length > 10_000).length).toBeLessThan(cases.length / 10);
  });

  it('the content type with and without ; charset=utf-8', () => {
    expect(new Set(cases.map((c) => c.request.headers['content-type']))).toEqual(
      new Set([JSON_CONTENT_TYPE, `${JSON_CONTENT_TYPE}; charset=utf-8`]),
    );
  });

  it('only members of the schema, in its order', () => {
    const order = TOP_MEMBERS.map((m) => m.name);
    for (const b of bodies) {
      const keys = Object.keys(b);
      expect(keys.every((k) => order.includes(k))).toBe(true);
      expect([...keys].sort((x, y) => order.indexOf(x) - order.indexOf(y))).toEqual(keys);
    }
  });
});

describe('the generators follow the derived schema', () => {
  it('members, required members and the command enum come from src/schema', () => {
    expect(TOP_MEMBERS.map((m) => m.name)).toEqual(Object.keys(createDeploymentRequestSchema.properties));
    expect(ALL_MEMBERS.filter((m) => m.required).map((m) => m.path)).toEqual([
      'StackId',
      'Command',
      'Command.Name',
    ]);
    expect(COMMAND_NAME_ENUM).toEqual(createDeploymentRequestSchema.$defs.DeploymentCommandName.enum);
    expect([...COMMAND_NAME_ENUM]).toEqual([...COMMAND_NAMES]);
  });

  it('wrong-type reaches every member of the schema, and list items', () => {
    const labels = new Set(
      fc.sample(arbs.categories['wrong-type'], { seed: 3, numRuns: 600 }).flatMap((c) => c.labels),
    );
    for (const m of ALL_MEMBERS) expect(labels, m.path).toContain(`wrong-type:${m.path}`);
    expect(labels).toContain('wrong-type:InstanceIds[]');
    expect(labels).toContain('wrong-type:LayerIds[]');
  });

  it('missing-required reaches every required member; unknown-ids every kind of ID', () => {
    const missing = new Set(
      fc.sample(arbs.categories['missing-required'], { seed: 3, numRuns: 100 }).flatMap((c) => c.labels),
    );
    expect([...missing].sort()).toEqual([
      'missing-required:Command',
      'missing-required:Command.Name',
      'missing-required:StackId',
    ]);
    const unknown = new Set(
      fc.sample(arbs.categories['unknown-ids'], { seed: 3, numRuns: 100 }).flatMap((c) => c.labels),
    );
    expect([...unknown].sort()).toEqual([
      'unknown-ids:AppId',
      'unknown-ids:InstanceIds',
      'unknown-ids:LayerIds',
      'unknown-ids:StackId',
    ]);
  });
});

describe('invalid content is what its category says, independently of the oracle', () => {
  const texts = (name: 'malformed-custom-json' | 'custom-json-not-object', n = 300) =>
    fc.sample(arbs.categories[name], { seed: 5, numRuns: n }).map((c) => bodyOf(c).CustomJson as string);

  it('malformed CustomJson never parses; every kind shows up', () => {
    const all = texts('malformed-custom-json');
    for (const t of all) expect(() => JSON.parse(t), t).toThrow();
    expect(all).toContain('');
    expect(all.some((t) => t.startsWith('\ufeff'))).toBe(true);
    expect(all.some((t) => /NaN|Infinity/.test(t))).toBe(true);
    expect(all.some((t) => t.includes("'"))).toBe(true);
    expect(all.some((t) => t.includes('/*') || t.includes('//'))).toBe(true);
  });

  it('not-object CustomJson parses to an array, number, string, null or boolean', () => {
    const kinds = new Set(
      texts('custom-json-not-object').map((t) => {
        const v = JSON.parse(t) as unknown;
        expect(typeof v === 'object' && v !== null && !Array.isArray(v)).toBe(false);
        return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
      }),
    );
    expect(kinds).toEqual(new Set(['null', 'array', 'number', 'string', 'boolean']));
  });

  it('bad-enum names are never one of the 12 commands, and include the internal ones', () => {
    const names = fc
      .sample(arbs.categories['bad-enum'], { seed: 5, numRuns: 300 })
      .map((c) => bodyOf(c).Command.Name);
    for (const n of names) expect(COMMAND_NAMES).not.toContain(n);
    for (const n of ['', 'shutdown', 'update_agent', 'grant_remote_access']) expect(names).toContain(n);
    expect(names.some((n) => n.length > 255)).toBe(true);
  });

  it('odd-args keys such as __proto__ are real members of the Args map, and survive JSON', () => {
    const withProto = fc
      .sample(arbs.categories['odd-args'], { seed: 5, numRuns: 600 })
      .map((c) => bodyOf(c).Command.Args)
      .find((a) => a !== null && a !== undefined && Object.hasOwn(a, '__proto__'));
    expect(withProto).toBeDefined();
    expect(JSON.stringify(withProto)).toContain('"__proto__"');
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
  });

  it('invalid UTF-8 travels as base64 and does not decode', () => {
    for (const c of fc.sample(arbs.categories['wire-invalid-utf8'], { seed: 5, numRuns: 50 })) {
      expect(c.request.rawBodyEncoding).toBe('base64');
      const bytes = Buffer.from(c.request.rawBody as string, 'base64');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    }
  });

  it('wrong targets never name an OpsWorks operation that changes anything', () => {
    const targets = new Set(
      fc
        .sample(arbs.categories['wire-wrong-target'], { seed: 5, numRuns: 200 })
        .map((c) => c.request.headers['x-amz-target']),
    );
    for (const t of targets)
      expect(t).not.toMatch(
        /^OpsWorks_20130218\.(Create(?!Deployments$)|Delete|Update|Start|Stop|Reboot|Assign|Attach|Set)/,
      );
  });
});

const sha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Long strings and lists become their size and a hash, so the snapshot stays readable and still pins them. */
function digestLongStrings(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v) => {
      if (typeof v === 'string' && v.length > 200) return `<${v.length} chars sha256:${sha(v)}>`;
      if (Array.isArray(v) && v.length > 20) return `<${v.length} items sha256:${sha(JSON.stringify(v))}>`;
      return v;
    }),
  );
}

describe('seeded snapshot', () => {
  it('pins the first cases for seed 42 (a change here changes stored fixtures: make it a decision)', async () => {
    const first = {
      all: fc.sample(arbs.all, { seed: 42, numRuns: 10 }),
      categories: Object.fromEntries(
        CATEGORY_NAMES.map((n) => [n, fc.sample(arbs.categories[n], { seed: 42, numRuns: 1 })[0]]),
      ),
    };
    await expect(`${JSON.stringify(digestLongStrings(first), null, 2)}\n`).toMatchFileSnapshot(
      './__snapshots__/seed-42-cases.snap',
    );
    for (const c of first.all)
      if (c.labels.length > 0) expect(CATEGORY_NAMES).toContain(categoryOfLabel(c.labels[0] as string));
  });
});
