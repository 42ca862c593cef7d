import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { World } from '../../src/contract/types.js';
import { JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { createDoubleState, type DoubleStateOptions } from '../../src/double/core/double-state.js';
import { type DoubleRequest, handleDoubleRequest } from '../../src/double/core/handle-double-request.js';

const STACK = '0426aba7-d9a4-4e01-87a3-6b4d1145b26d';
const OTHER_STACK = 'feac2194-1dee-49a6-9d5f-ddd4480adac1';
const APP = 'ca065bd9-975f-4c2d-a0de-fb226a6fa348';
const OTHER_APP = '57a43500-3cfa-4d97-a0cb-09d91198a375';
const LAYER = 'ed746774-93b2-4748-89f0-c6e34bffc963';
const INSTANCES = ['7cd27b17-48f4-4b82-8639-79569d71bd86', '52c52c32-cab9-4b99-9ad9-655dc04d5e13'];
const OTHER_INSTANCE = '482c2468-b711-435f-9404-35a81bc3bd0a';
const OTHER_LAYER = '186ae747-5a2e-40af-9093-f9fe267722b1';

const world: World = {
  stacks: [
    { StackId: STACK, AppIds: [APP], LayerIds: [LAYER], InstanceIds: INSTANCES },
    { StackId: OTHER_STACK, AppIds: [OTHER_APP], LayerIds: [OTHER_LAYER], InstanceIds: [OTHER_INSTANCE] },
  ],
};

function freshState(options: DoubleStateOptions = {}) {
  let n = 0;
  return createDoubleState(world, {
    now: () => Date.UTC(2013, 6, 25, 18, 57, 49),
    newId: () => `00000000-0000-4000-8000-${(n++).toString(16).padStart(12, '0')}`,
    ...options,
  });
}

const CREATE = 'OpsWorks_20130218.CreateDeployment';
const DESCRIBE = 'OpsWorks_20130218.DescribeDeployments';

function req(body: unknown, overrides: Partial<DoubleRequest> = {}, target = CREATE): DoubleRequest {
  return {
    method: 'POST',
    url: '/',
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': target },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    ...overrides,
  };
}

function send(body: unknown, overrides: Partial<DoubleRequest> = {}, state = freshState(), target = CREATE) {
  const res = handleDoubleRequest(state, req(body, overrides, target));
  const parsed = JSON.parse(typeof res.body === 'string' ? res.body : new TextDecoder().decode(res.body));
  return {
    res,
    parsed,
    type: parsed.__type as string | undefined,
    message: parsed.message as string | undefined,
  };
}

const setup = { StackId: STACK, Command: { Name: 'setup' } };
const deploy = { StackId: STACK, AppId: APP, Command: { Name: 'deploy' } };

describe('handleDoubleRequest: success', () => {
  it('answers 200 with a lowercase UUID DeploymentId, the protocol content type and a request id', () => {
    const state = createDoubleState(world);
    const { res, parsed } = send(deploy, {}, state);
    expect(res.status).toBe(200);
    expect(parsed.DeploymentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(res.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives a new DeploymentId on every call (not idempotent)', () => {
    const state = freshState();
    const a = send(setup, {}, state).parsed.DeploymentId;
    const b = send(setup, {}, state).parsed.DeploymentId;
    expect(a).not.toBe(b);
    expect(state.deployments.size).toBe(2);
  });

  it('accepts a charset parameter on the content type and Uint8Array bodies', () => {
    const body = new TextEncoder().encode(JSON.stringify(setup));
    const { res } = send(body, {
      headers: { 'Content-Type': 'application/x-amz-json-1.1; charset=utf-8', 'X-Amz-Target': CREATE },
    });
    expect(res.status).toBe(200);
  });

  it('drops unknown members silently and treats null as absent', () => {
    const { res } = send({
      ...setup,
      Bogus: 1,
      AppId: null,
      Comment: null,
      Command: { Name: 'setup', Extra: true, Args: null },
    });
    expect(res.status).toBe(200);
  });

  it('does not require AppId for stack commands', () => {
    for (const Name of [
      'install_dependencies',
      'update_dependencies',
      'update_custom_cookbooks',
      'execute_recipes',
      'configure',
      'setup',
    ]) {
      expect(send({ StackId: STACK, Command: { Name } }).res.status).toBe(200);
    }
  });
});

describe('handleDoubleRequest: wire checks', () => {
  it('refuses a method other than POST with 404 UnknownOperationException', () => {
    const { res, type } = send(setup, { method: 'GET' });
    expect([res.status, type]).toEqual([404, 'UnknownOperationException']);
  });

  it('refuses a path other than / with 404 UnknownOperationException, and ignores a query string', () => {
    expect(send(setup, { url: '/other' }).res.status).toBe(404);
    expect(send(setup, { url: 'https://opsworks.us-east-1.amazonaws.com/?x=1' }).res.status).toBe(200);
    expect(send(setup, { url: 'http://127.0.0.1:4000' }).res.status).toBe(200);
  });

  it('refuses a missing or wrong content type with 404 UnknownOperationException', () => {
    for (const headers of [
      { 'x-amz-target': CREATE },
      { 'content-type': 'application/json', 'x-amz-target': CREATE },
    ]) {
      const { res, type } = send(setup, { headers });
      expect([res.status, type]).toEqual([404, 'UnknownOperationException']);
    }
  });

  it('answers SerializationException to a body that is not JSON, not an object, or not UTF-8', () => {
    for (const body of ['{"StackId":', '[]', '42', 'null', new Uint8Array([0x7b, 0xff, 0x7d])]) {
      const { res, type } = send(body);
      expect([res.status, type]).toEqual([400, 'SerializationException']);
    }
  });

  it('reads an empty body as {} (so the required members are missing)', () => {
    const { res, type, message } = send('');
    expect([res.status, type]).toEqual([400, 'ValidationException']);
    expect(message).toContain("Value null at 'stackId'");
  });

  it('answers UnknownOperationException to a missing, unknown or other OpsWorks target', () => {
    for (const headers of [
      { 'content-type': JSON_CONTENT_TYPE },
      { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': 'Nope.CreateDeployment' },
      { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': 'OpsWorks_20130218.DeleteStack' },
    ]) {
      const { res, type } = send(setup, { headers });
      expect([res.status, type]).toEqual([400, 'UnknownOperationException']);
    }
  });

  it('checks the body before the target (Coral order)', () => {
    const { type } = send('not json', { headers: { 'content-type': JSON_CONTENT_TYPE } });
    expect(type).toBe('SerializationException');
  });

  it('requires a SigV4 Authorization header only when asked to', () => {
    const state = freshState({ requireAuth: true });
    const { res, type } = send(setup, {}, state);
    expect([res.status, type]).toEqual([403, 'MissingAuthenticationTokenException']);
    const signed = {
      'content-type': JSON_CONTENT_TYPE,
      'x-amz-target': CREATE,
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20130725/us-east-1/opsworks/aws4_request, SignedHeaders=host, Signature=00',
    };
    expect(send(setup, { headers: signed }, state).res.status).toBe(200);
    expect(send(setup).res.status).toBe(200);
  });
});

describe('handleDoubleRequest: member types', () => {
  it.each([
    ['StackId', { ...setup, StackId: 42 }],
    ['AppId', { ...deploy, AppId: ['x'] }],
    ['InstanceIds', { ...setup, InstanceIds: 'i-1' }],
    ['InstanceIds element', { ...setup, InstanceIds: [1] }],
    ['LayerIds element', { ...setup, LayerIds: [null] }],
    ['Command', { StackId: STACK, Command: 'setup' }],
    ['Command.Name', { StackId: STACK, Command: { Name: 7 } }],
    ['Command.Args', { StackId: STACK, Command: { Name: 'setup', Args: 'x' } }],
    ['Command.Args value', { StackId: STACK, Command: { Name: 'setup', Args: { a: 'x' } } }],
    ['Comment', { ...setup, Comment: {} }],
    ['CustomJson', { ...setup, CustomJson: { a: 1 } }],
  ])('a wrong JSON type for %s is a SerializationException', (_name, body) => {
    const { res, type } = send(body);
    expect([res.status, type]).toEqual([400, 'SerializationException']);
  });

  it('checks member types before required members', () => {
    expect(send({ StackId: 1 }).type).toBe('SerializationException');
  });
});

describe('handleDoubleRequest: required and enum', () => {
  it('names a missing StackId the Coral way', () => {
    const { res, type, message } = send({ Command: { Name: 'setup' } });
    expect([res.status, type]).toEqual([400, 'ValidationException']);
    expect(message).toBe(
      "1 validation error detected: Value null at 'stackId' failed to satisfy constraint: Member must not be null",
    );
  });

  it('counts every violation in one message', () => {
    expect(send({}).message).toMatch(
      /^2 validation errors detected: Value null at 'stackId'.*; Value null at 'command'/,
    );
  });

  it('requires Command.Name and a documented command name', () => {
    expect(send({ StackId: STACK, Command: {} }).message).toContain("Value null at 'command.name'");
    const bad = send({ StackId: STACK, Command: { Name: 'Deploy' } });
    expect(bad.type).toBe('ValidationException');
    expect(bad.message).toContain(
      "Value 'Deploy' at 'command.name' failed to satisfy constraint: Member must satisfy enum value set",
    );
  });

  it('checks required members before resources', () => {
    expect(send({ StackId: 'fake_stack', Command: { Name: 'nope' } }).type).toBe('ValidationException');
  });
});

describe('handleDoubleRequest: business rules', () => {
  it('an unknown stack is ResourceNotFoundException naming it', () => {
    const { res, type, message } = send({ ...setup, StackId: 'fake_stack' });
    expect([res.status, type, message]).toEqual([
      400,
      'ResourceNotFoundException',
      'Unable to find stack with ID fake_stack',
    ]);
  });

  it('an app command without AppId is a ValidationException, with one it succeeds', () => {
    for (const Name of ['deploy', 'rollback', 'start', 'stop', 'restart', 'undeploy']) {
      expect(send({ StackId: STACK, Command: { Name } }).type).toBe('ValidationException');
      expect(send({ StackId: STACK, AppId: APP, Command: { Name } }).res.status).toBe(200);
    }
  });

  it('an app, instance or layer from another stack is not found', () => {
    expect(send({ ...deploy, AppId: OTHER_APP }).type).toBe('ResourceNotFoundException');
    expect(send({ ...setup, InstanceIds: [INSTANCES[0], OTHER_INSTANCE] }).message).toBe(
      `Unable to find instance with ID ${OTHER_INSTANCE}`,
    );
    expect(send({ ...setup, LayerIds: [OTHER_LAYER] }).type).toBe('ResourceNotFoundException');
    expect(send({ ...setup, InstanceIds: INSTANCES, LayerIds: [LAYER] }).res.status).toBe(200);
  });

  it('CustomJson must hold a JSON object', () => {
    for (const CustomJson of ['{', '[]', '"x"', '42', 'null', '']) {
      expect(send({ ...setup, CustomJson }).type).toBe('ValidationException');
    }
    expect(send({ ...setup, CustomJson: '{"key1": "value1", "nested": {"a": [1, 2]}}' }).res.status).toBe(
      200,
    );
  });

  it('CustomJson over 122,880 characters is refused; 120,000 bytes is accepted', () => {
    const within = `{"a":"${'x'.repeat(120_000 - 8)}"}`;
    expect(new TextEncoder().encode(within).length).toBeLessThanOrEqual(120_000);
    expect(send({ ...setup, CustomJson: within }).res.status).toBe(200);
    const over = `{"a":"${'x'.repeat(122_880)}"}`;
    expect(send({ ...setup, CustomJson: over }).type).toBe('ValidationException');
  });

  it('deploy Args.migrate must be ["true"] or ["false"]', () => {
    const ok = send({ ...deploy, Command: { Name: 'deploy', Args: { migrate: ['true'] } } });
    expect(ok.res.status).toBe(200);
    for (const migrate of [['yes'], [], ['true', 'false']]) {
      expect(send({ ...deploy, Command: { Name: 'deploy', Args: { migrate } } }).type).toBe(
        'ValidationException',
      );
    }
  });

  it('update_dependencies: upgrade_os_to requires allow_reboot true; allow_reboot is true or false', () => {
    const ud = (Args: Record<string, string[]>) =>
      send({ StackId: STACK, Command: { Name: 'update_dependencies', Args } });
    expect(ud({ upgrade_os_to: ['Amazon Linux 2016.09'], allow_reboot: ['true'] }).res.status).toBe(200);
    expect(ud({ allow_reboot: ['false'] }).res.status).toBe(200);
    expect(ud({ upgrade_os_to: ['Amazon Linux 2016.09'] }).type).toBe('ValidationException');
    expect(ud({ upgrade_os_to: ['Amazon Linux 2016.09'], allow_reboot: ['false'] }).type).toBe(
      'ValidationException',
    );
    expect(ud({ allow_reboot: ['maybe'] }).type).toBe('ValidationException');
  });

  it('execute_recipes takes its recipes in Args.recipes', () => {
    const body = {
      StackId: STACK,
      Command: { Name: 'execute_recipes', Args: { recipes: ['phpapp::appsetup'] } },
    };
    expect(send(body).res.status).toBe(200);
  });

  it('an Args key named __proto__ is an ordinary key', () => {
    const state = freshState();
    const body = `{"StackId":"${STACK}","Command":{"Name":"setup","Args":{"__proto__":["x"]}}}`;
    const id = send(body, {}, state).parsed.DeploymentId;
    const read = send({ DeploymentIds: [id] }, {}, state, DESCRIBE).parsed;
    expect(read.Deployments[0].Command.Args).toEqual(JSON.parse('{"__proto__":["x"]}'));
  });
});

describe('handleDoubleRequest: DescribeDeployments', () => {
  it('reads back exactly what CreateDeployment recorded', () => {
    const state = freshState();
    const sent = {
      StackId: STACK,
      AppId: APP,
      InstanceIds: [INSTANCES[1]],
      Command: { Name: 'deploy', Args: { migrate: ['false'] } },
      Comment: 'release 42',
      CustomJson: '{"key1": "value1"}',
    };
    const id = send(sent, {}, state).parsed.DeploymentId;
    const { res, parsed } = send({ DeploymentIds: [id] }, {}, state, DESCRIBE);
    expect(res.status).toBe(200);
    expect(parsed.Deployments).toEqual([
      {
        DeploymentId: id,
        StackId: STACK,
        AppId: APP,
        CreatedAt: '2013-07-25T18:57:49+00:00',
        CompletedAt: '2013-07-25T18:57:49+00:00',
        Duration: 0,
        Comment: 'release 42',
        Command: { Name: 'deploy', Args: { migrate: ['false'] } },
        Status: 'successful',
        CustomJson: '{"key1": "value1"}',
        InstanceIds: [INSTANCES[1]],
      },
    ]);
  });

  it('returns Args as {} and the stack instances when none were sent', () => {
    const state = freshState();
    const id = send(setup, {}, state).parsed.DeploymentId;
    const d = send({ DeploymentIds: [id] }, {}, state, DESCRIBE).parsed.Deployments[0];
    expect(d.Command).toEqual({ Name: 'setup', Args: {} });
    expect(d.InstanceIds).toEqual(INSTANCES);
    expect(d).not.toHaveProperty('AppId');
  });

  it('lists by stack and by app, newest first', () => {
    const state = freshState();
    const a = send(setup, {}, state).parsed.DeploymentId;
    const b = send(deploy, {}, state).parsed.DeploymentId;
    send({ StackId: OTHER_STACK, Command: { Name: 'setup' } }, {}, state);
    const byStack = send({ StackId: STACK }, {}, state, DESCRIBE).parsed.Deployments.map(
      (d: { DeploymentId: string }) => d.DeploymentId,
    );
    expect(byStack).toEqual([b, a]);
    const byApp = send({ AppId: APP }, {}, state, DESCRIBE).parsed.Deployments.map(
      (d: { DeploymentId: string }) => d.DeploymentId,
    );
    expect(byApp).toEqual([b]);
  });

  it('needs exactly one of StackId, AppId, DeploymentIds', () => {
    expect(send({}, {}, freshState(), DESCRIBE).type).toBe('ValidationException');
    expect(send({ StackId: STACK, AppId: APP }, {}, freshState(), DESCRIBE).type).toBe('ValidationException');
    expect(send({ StackId: STACK }, {}, freshState(), DESCRIBE).res.status).toBe(200);
  });

  it('an unknown stack, app or deployment is ResourceNotFoundException', () => {
    for (const body of [{ StackId: 'nope' }, { AppId: 'nope' }, { DeploymentIds: ['nope'] }]) {
      const { res, type } = send(body, {}, freshState(), DESCRIBE);
      expect([res.status, type]).toEqual([400, 'ResourceNotFoundException']);
    }
  });

  it('forgets the oldest deployments past maxDeployments', () => {
    const state = freshState({ maxDeployments: 2 });
    const first = send(setup, {}, state).parsed.DeploymentId;
    send(setup, {}, state);
    send(setup, {}, state);
    expect(state.deployments.size).toBe(2);
    expect(send({ DeploymentIds: [first] }, {}, state, DESCRIBE).type).toBe('ResourceNotFoundException');
  });
});

describe('handleDoubleRequest: never throws', () => {
  it('answers any bytes, headers, method and URL with a protocol response', () => {
    const state = freshState();
    const anyJson = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
    const createish = fc
      .record(
        {
          StackId: fc.oneof(fc.constant(STACK), fc.string(), fc.jsonValue()),
          AppId: fc.oneof(fc.constant(APP), fc.jsonValue()),
          InstanceIds: fc.oneof(fc.constant(INSTANCES), fc.jsonValue()),
          Command: fc.oneof(
            fc.record({
              Name: fc.constantFrom('deploy', 'setup', 'update_dependencies'),
              Args: fc.jsonValue(),
            }),
            fc.jsonValue(),
          ),
          CustomJson: fc.oneof(anyJson, fc.jsonValue()),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v));
    fc.assert(
      fc.property(
        fc.constantFrom('POST', 'post', 'GET', 'PUT', ''),
        fc.constantFrom('/', '/?a=b', 'https://opsworks.us-east-1.amazonaws.com/', '/x', 'weird'),
        fc.dictionary(
          fc.constantFrom('content-type', 'Content-Type', 'x-amz-target', 'X-Amz-Target', 'authorization'),
          fc.oneof(
            fc.constantFrom(JSON_CONTENT_TYPE, `${JSON_CONTENT_TYPE}; charset=utf-8`, CREATE, DESCRIBE),
            fc.string(),
          ),
        ),
        fc.oneof(createish, anyJson, fc.string(), fc.uint8Array({ maxLength: 64 })),
        (method, url, headers, body) => {
          const res = handleDoubleRequest(state, { method, url, headers, body });
          expect([200, 400, 403, 404]).toContain(res.status);
          expect(res.headers['content-type']).toBe(JSON_CONTENT_TYPE);
          expect(res.headers['x-amzn-requestid']).toBeTruthy();
          const parsed = JSON.parse(res.body as string);
          if (res.status === 200) expect(parsed.__type).toBeUndefined();
          else expect(typeof parsed.__type).toBe('string');
        },
      ),
      { numRuns: 3000 },
    );
  });
});
