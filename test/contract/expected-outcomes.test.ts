import { describe, expect, it } from 'vitest';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import { RULES } from '../../src/contract/rule-catalog.js';
import type { CaseRequest } from '../../src/contract/types.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';

const world = DEFAULT_WORLD;
const [s1, s2] = world.stacks;
if (s1 === undefined || s2 === undefined) throw new Error('default world needs two stacks');
const HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'OpsWorks_20130218.CreateDeployment',
};

const req = (body: unknown, headers: Record<string, string> = HEADERS): CaseRequest => ({ headers, body });
const raw = (rawBody: string, extra: Partial<CaseRequest> = {}): CaseRequest => ({
  headers: HEADERS,
  rawBody,
  ...extra,
});
const setup = (more: Record<string, unknown> = {}) => ({
  StackId: s1.StackId,
  Command: { Name: 'setup' },
  ...more,
});
const deploy = (more: Record<string, unknown> = {}) => ({
  StackId: s1.StackId,
  AppId: s1.AppIds[0],
  Command: { Name: 'deploy' },
  ...more,
});

/** [rule id, a request that breaks it → allowed outcomes, a request that keeps it → success] */
const BOTH_WAYS: Array<[string, CaseRequest, string[], CaseRequest]> = [
  ['stack-id-required', req({ Command: { Name: 'setup' } }), ['ValidationException'], req(setup())],
  ['command-required', req({ StackId: s1.StackId }), ['ValidationException'], req(setup())],
  ['command-name-required', req({ StackId: s1.StackId, Command: {} }), ['ValidationException'], req(setup())],
  [
    'command-name-enum',
    req({ StackId: s1.StackId, Command: { Name: 'Deploy' } }),
    ['ValidationException'],
    req(setup()),
  ],
  [
    'app-id-required-for-app-commands',
    req({ StackId: s1.StackId, Command: { Name: 'deploy' } }),
    ['ValidationException'],
    req(deploy()),
  ],
  [
    'custom-json-must-be-object',
    req(setup({ CustomJson: '{"a":1,}' })),
    ['ValidationException'],
    req(setup({ CustomJson: '{"a": {"b": [1, "ü", null]}}' })),
  ],
  [
    'custom-json-size-limit',
    req(setup({ CustomJson: `{"k":"${'x'.repeat(130_000)}"}` })),
    ['client-error'],
    req(setup({ CustomJson: `{"k":"${'x'.repeat(100_000)}"}` })),
  ],
  [
    'upgrade-os-requires-allow-reboot',
    req(
      setup({ Command: { Name: 'update_dependencies', Args: { upgrade_os_to: ['Amazon Linux 2016.09'] } } }),
    ),
    ['ValidationException'],
    req(
      setup({
        Command: {
          Name: 'update_dependencies',
          Args: { upgrade_os_to: ['Amazon Linux 2016.09'], allow_reboot: ['true'] },
        },
      }),
    ),
  ],
  [
    'args-map-of-string-lists',
    req(setup({ Command: { Name: 'execute_recipes', Args: { recipes: 'a::b' } } })),
    ['SerializationException'],
    req(setup({ Command: { Name: 'execute_recipes', Args: { recipes: ['a::b', 'c::d'] } } })),
  ],
  ['member-type-mismatch', req(setup({ StackId: 42 })), ['SerializationException'], req(setup())],
  ['body-must-be-json-object', raw('{"StackId": '), ['SerializationException'], raw(JSON.stringify(setup()))],
  [
    'target-header-required',
    req(setup(), { 'content-type': 'application/x-amz-json-1.1' }),
    ['UnknownOperationException'],
    req(setup()),
  ],
  [
    'content-type-required',
    req(setup(), {
      'x-amz-target': 'OpsWorks_20130218.CreateDeployment',
      'content-type': 'application/json',
    }),
    ['client-error'],
    req(setup()),
  ],
  ['post-only', { ...req(setup()), method: 'GET' }, ['client-error'], { ...req(setup()), method: 'POST' }],
  [
    'unknown-stack-not-found',
    req(setup({ StackId: 'fake_stack' })),
    ['ResourceNotFoundException'],
    req(setup()),
  ],
  [
    'unknown-resource-not-found',
    req(deploy({ AppId: '00000000-0000-4000-8000-000000000000' })),
    ['ResourceNotFoundException'],
    req(deploy()),
  ],
  [
    'resources-belong-to-stack',
    req(setup({ InstanceIds: [s2.InstanceIds[0]] })),
    ['ResourceNotFoundException', 'ValidationException'],
    req(setup({ InstanceIds: [s1.InstanceIds[0]], LayerIds: s1.LayerIds })),
  ],
  [
    'null-is-absent',
    req({ StackId: null, Command: { Name: 'setup' } }),
    ['ValidationException'],
    req(setup({ Comment: null, CustomJson: null, AppId: null })),
  ],
  [
    'empty-body-is-empty-object',
    raw(''),
    ['SerializationException', 'ValidationException'],
    raw(JSON.stringify(setup())),
  ],
];

describe('expectedOutcomes: every rule both ways', () => {
  for (const [rule, breaking, outcomes, keeping] of BOTH_WAYS) {
    it(`${rule}: a request that breaks it is refused`, () => {
      const e = expectedOutcomes(breaking, world);
      expect(e.rules).toContain(rule);
      expect(new Set(e.allowed)).toEqual(new Set(outcomes));
      expect(e.allowed).not.toContain('success');
      expect(e.unspecified).toBe(false);
    });
    it(`${rule}: a request that keeps it succeeds`, () => {
      const e = expectedOutcomes(keeping, world);
      expect(e.allowed).toEqual(['success']);
      expect(e.unspecified).toBe(false);
      expect(e.rules).toContain('valid-request-succeeds');
    });
  }

  it('names only rules that exist in the catalog', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const [, a, , b] of BOTH_WAYS) {
      for (const id of [...expectedOutcomes(a, world).rules, ...expectedOutcomes(b, world).rules]) {
        expect(ids).toContain(id);
      }
    }
  });
});

describe('expectedOutcomes: the protocol details', () => {
  it('accepts the charset parameter and says so', () => {
    const e = expectedOutcomes(
      req(setup(), { ...HEADERS, 'content-type': 'application/x-amz-json-1.1; charset=utf-8' }),
      world,
    );
    expect(e.allowed).toEqual(['success']);
    expect(e.rules).toContain('charset-parameter-accepted');
  });

  it('reads header names in any case in hand-written requests', () => {
    const e = expectedOutcomes(
      req(setup(), { 'Content-Type': HEADERS['content-type'], 'X-Amz-Target': HEADERS['x-amz-target'] }),
      world,
    );
    expect(e.allowed).toEqual(['success']);
  });

  it('refuses invalid UTF-8 as a serialization fault', () => {
    const e = expectedOutcomes(raw(btoa('{"StackId":"\xff"}'), { rawBodyEncoding: 'base64' }), world);
    expect(e.allowed).toEqual(['SerializationException']);
  });

  it.each([['[]'], ['42'], ['null'], ['"text"']])('refuses the JSON body %s as not an object', (body) => {
    expect(expectedOutcomes(raw(body), world).allowed).toEqual(['SerializationException']);
  });

  it('treats another OpsWorks operation as unspecified, another service as unknown', () => {
    const other = expectedOutcomes(
      req(setup(), { ...HEADERS, 'x-amz-target': 'OpsWorks_20130218.DescribeStacks' }),
      world,
    );
    expect(other.unspecified).toBe(true);
    const foreign = expectedOutcomes(
      req(setup(), { ...HEADERS, 'x-amz-target': 'DynamoDB_20120810.PutItem' }),
      world,
    );
    expect(foreign.allowed).toEqual(['UnknownOperationException']);
  });

  it('keeps the Coral order: a type fault wins over a missing member and an unknown stack', () => {
    const e = expectedOutcomes(req({ StackId: 'nope', Command: { Name: 'setup', Args: 'x' } }), world);
    expect(e.allowed).toEqual(['SerializationException']);
    expect(e.rules).toContain('validation-before-business');
    const m = expectedOutcomes(req({ StackId: 'nope', Command: {} }), world);
    expect(m.allowed).toEqual(['ValidationException']);
    expect(m.rules).toContain('validation-before-business');
  });

  it('allows either error when business faults compete', () => {
    const e = expectedOutcomes(req({ StackId: 'nope', Command: { Name: 'deploy' } }), world);
    expect(new Set(e.allowed)).toEqual(new Set(['ResourceNotFoundException', 'ValidationException']));
    expect(e.unspecified).toBe(false);
  });

  it('duplicate keys make the case unspecified', () => {
    const e = expectedOutcomes(
      raw(`{"StackId":"${s1.StackId}","StackId":"x","Command":{"Name":"setup"}}`),
      world,
    );
    expect(e.unspecified).toBe(true);
    expect(e.allowed).toContain('success');
  });
});

describe('expectedOutcomes: where the documents are silent', () => {
  const silent: Array<[string, CaseRequest]> = [
    ['unknown members', req(setup({ Extra: 1 }))],
    ['execute_recipes without recipes', req(setup({ Command: { Name: 'execute_recipes' } }))],
    ['undocumented migrate value', req(deploy({ Command: { Name: 'deploy', Args: { migrate: ['yes'] } } }))],
    [
      'undocumented Args key',
      req(setup({ Command: { Name: 'setup', Args: JSON.parse('{"__proto__":["x"]}') } })),
    ],
    ['CustomJson in the 120 KB grey zone', req(setup({ CustomJson: `{"k":"${'é'.repeat(61_000)}"}` }))],
    [
      'CustomJson nested deeper than 1000',
      req(setup({ CustomJson: `${'{"a":'.repeat(1001)}1${'}'.repeat(1001)}` })),
    ],
    ['a stack command with an AppId of another stack', req(setup({ AppId: s2.AppIds[0] }))],
    ['a path other than /', { ...req(setup()), path: '/other' }],
  ];
  it.each(silent)(
    '%s: success and a rejection are both allowed, and the case is unspecified',
    (_, request) => {
      const e = expectedOutcomes(request, world);
      expect(e.unspecified).toBe(true);
      expect(e.allowed).toContain('success');
      expect(e.allowed.length).toBeGreaterThan(1);
    },
  );

  it('unknown members do not rescue a request that must fail', () => {
    const e = expectedOutcomes(req({ Command: { Name: 'setup' }, stackId: s1.StackId }), world);
    expect(e.allowed).not.toContain('success');
    expect(e.rules).toContain('stack-id-required');
  });
});

describe('expectedOutcomes: levels', () => {
  it('a case decided only by observed rules is unspecified when only documented rules count', () => {
    const e = expectedOutcomes(req(setup({ StackId: 'nope' })), world, { levels: ['documented'] });
    expect(e.unspecified).toBe(true);
    expect(e.allowed).toEqual(['ResourceNotFoundException']);
    const d = expectedOutcomes(req({ Command: { Name: 'setup' } }), world, { levels: ['documented'] });
    expect(d.unspecified).toBe(false);
  });
});

describe('expectedOutcomes: robustness', () => {
  it('never throws on odd input', () => {
    const odd: CaseRequest[] = [
      { headers: {} },
      { headers: HEADERS, body: [] },
      { headers: HEADERS, body: { StackId: s1.StackId, Command: { Name: 'setup', Args: { a: [null, 1] } } } },
      { headers: HEADERS, rawBody: '{"a":"\\u', rawBodyEncoding: 'utf8' },
      { headers: HEADERS, rawBody: '!!!notbase64', rawBodyEncoding: 'base64' },
    ];
    for (const r of odd) expect(() => expectedOutcomes(r, world)).not.toThrow();
  });
});

describe('a byte-order mark before the body', () => {
  it('is not JSON whether the body comes as text or as base64 bytes', () => {
    const text = `\ufeff${JSON.stringify(setup())}`;
    const bytes = new TextEncoder().encode(text);
    const base64 = btoa(String.fromCharCode(...bytes));
    for (const request of [raw(text), raw(base64, { rawBodyEncoding: 'base64' })]) {
      const e = expectedOutcomes(request, world);
      expect(e.allowed).toEqual(['SerializationException']);
      expect(e.rules).toEqual(['body-must-be-json-object']);
    }
  });
});
