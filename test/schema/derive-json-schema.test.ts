import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deriveJsonSchema,
  htmlToText,
  renderSchemaFiles,
  SCHEMA_ROOTS,
  type SmithyModel,
} from '../../scripts/derive-json-schema.js';
import { DEFAULT_MODEL_PATH, REPO_ROOT, SCHEMA_DIR } from '../../scripts/derive-schema.js';
import * as schemas from '../../src/schema/schemas.js';

const modelExists = existsSync(DEFAULT_MODEL_PATH);

describe('committed schema files', () => {
  it.skipIf(!modelExists)(
    modelExists
      ? 'match what the Smithy model derives (run `npm run derive:schema` if this fails)'
      : `match what the Smithy model derives: SKIPPED, model not found at ${DEFAULT_MODEL_PATH}`,
    async () => {
      const model = JSON.parse(await readFile(DEFAULT_MODEL_PATH, 'utf8')) as SmithyModel;
      const files = renderSchemaFiles(model);
      for (const [rel, text] of Object.entries(files)) {
        expect(await readFile(join(SCHEMA_DIR, rel), 'utf8'), `src/schema/${rel} is stale`).toBe(text);
      }
    },
  );

  it('are the same schemas the runtime module exports', async () => {
    for (const root of SCHEMA_ROOTS) {
      const fromFile = JSON.parse(await readFile(join(SCHEMA_DIR, `${root.stem}.schema.json`), 'utf8'));
      expect((schemas as Record<string, unknown>)[root.constName]).toEqual(fromFile);
    }
  });

  it('state the documented request contract', () => {
    const request = schemas.createDeploymentRequestSchema;
    expect(request.required).toEqual(['StackId', 'Command']);
    expect(request.$defs.DeploymentCommand.required).toEqual(['Name']);
    expect(request.$defs.DeploymentCommandArgs.additionalProperties).toEqual({
      type: 'array',
      items: { type: 'string' },
    });
    expect(request.properties.StackId.description).toBe('The stack ID.');
    expect(schemas.describeDeploymentsResultSchema.$defs.Deployment.properties.CreatedAt.type).toBe('string');
    expect(Object.keys(schemas.validationExceptionSchema.properties)).toEqual(['__type', 'message']);
  });
});

describe('deriveJsonSchema (generic over Smithy shapes)', () => {
  const model: SmithyModel = {
    shapes: {
      'ex#Root': {
        type: 'structure',
        traits: { 'smithy.api#documentation': '<p>Root &amp; <b>only</b>.</p>' },
        members: {
          Name: { target: 'ex#Name', traits: { 'smithy.api#required': {} } },
          Tags: { target: 'ex#Tags' },
          Count: { target: 'smithy.api#Integer', traits: { 'smithy.api#range': { min: 1, max: 5 } } },
          When: { target: 'smithy.api#Timestamp' },
          Kind: { target: 'ex#Kind', traits: { 'smithy.api#documentation': '<p>The kind.</p>' } },
          Child: { target: 'ex#Root' },
          Flag: { target: 'smithy.api#Boolean' },
        },
      },
      'ex#Name': {
        type: 'string',
        traits: { 'smithy.api#length': { min: 1, max: 64 }, 'smithy.api#pattern': '^a' },
      },
      'ex#Tags': { type: 'map', key: { target: 'smithy.api#String' }, value: { target: 'ex#List' } },
      'ex#List': {
        type: 'list',
        member: { target: 'smithy.api#String' },
        traits: { 'smithy.api#length': { max: 3 } },
      },
      'ex#Kind': {
        type: 'enum',
        members: {
          A: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 'a' } },
          B: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 'b' } },
        },
      },
    },
  };

  it('maps structures, lists, maps, enums, scalars, constraints, recursion and docs', () => {
    const schema = deriveJsonSchema(model, 'ex#Root');
    expect(schema.description).toBe('Root & only.');
    expect(schema.required).toEqual(['Name']);
    const p = schema.properties as Record<string, unknown>;
    expect(p.Name).toEqual({ type: 'string', minLength: 1, maxLength: 64, pattern: '^a' });
    expect(p.Tags).toEqual({ $ref: '#/$defs/Tags' });
    expect(p.Count).toEqual({ type: 'integer', minimum: 1, maximum: 5 });
    expect(p.When).toEqual({ type: 'number' });
    expect(p.Kind).toEqual({ description: 'The kind.', allOf: [{ $ref: '#/$defs/Kind' }] });
    expect(p.Child).toEqual({ $ref: '#/$defs/Root' });
    expect(p.Flag).toEqual({ type: 'boolean' });
    const defs = schema.$defs as Record<string, Record<string, unknown>>;
    expect(Object.keys(defs)).toEqual(['Kind', 'Root', 'Tags']);
    expect(defs.Kind).toEqual({ title: 'Kind', type: 'string', enum: ['a', 'b'] });
    expect(defs.Tags).toEqual({
      title: 'Tags',
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'string' }, maxItems: 3 },
    });
  });

  it('is byte-stable: the same model renders the same text, ending in a newline', () => {
    const a = renderSchemaFiles({ shapes: realisticShapes() });
    const b = renderSchemaFiles(JSON.parse(JSON.stringify({ shapes: realisticShapes() })));
    expect(a).toEqual(b);
    for (const text of Object.values(a)) expect(text.endsWith('\n')).toBe(true);
  });

  it('refuses a root that is not a structure, and a dangling reference', () => {
    expect(() => deriveJsonSchema(model, 'ex#Kind')).toThrow(/not a structure/);
    expect(() =>
      deriveJsonSchema(
        { shapes: { 'ex#R': { type: 'structure', members: { X: { target: 'ex#Gone' } } } } },
        'ex#R',
      ),
    ).toThrow(/ex#Gone is referenced but not defined/);
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs as lines, list items as "- ", link targets, and decodes entities', () => {
    expect(
      htmlToText(
        '<p>Intro <code>x</code>:</p>\n   <ul>\n <li>\n  <p>\n  <code>a</code>: first</p>\n</li><li><p>second</p></li></ul><p>See <a href="https://e.x/y">the   guide</a> &lt;now&gt;.</p>',
      ),
    ).toBe('Intro x:\n- a: first\n- second\nSee the guide (https://e.x/y) <now>.');
  });
});

/** Just enough of the six roots for rendering, so the stability test runs without the model. */
function realisticShapes(): SmithyModel['shapes'] {
  const str = { target: 'smithy.api#String' };
  const shapes: SmithyModel['shapes'] = {};
  for (const root of SCHEMA_ROOTS) {
    shapes[root.shapeId] = {
      type: 'structure',
      members: { B: str, A: { target: 'smithy.api#Integer' } },
      traits: root.stem.endsWith('exception') ? { 'smithy.api#error': 'client' } : {},
    };
  }
  return shapes;
}

describe('npm run derive:schema', () => {
  const run = (args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'derive-schema.ts'), ...args],
      {
        encoding: 'utf8',
      },
    );

  it.skipIf(!modelExists)(
    modelExists
      ? 'writes the committed files when given --model and --out'
      : `writes the committed files: SKIPPED, model not found at ${DEFAULT_MODEL_PATH}`,
    async () => {
      const out = await mkdtemp(join(tmpdir(), 'derive-'));
      try {
        const result = run(['--model', DEFAULT_MODEL_PATH, '--out', out]);
        expect(result.status, result.stderr).toBe(0);
        for (const root of SCHEMA_ROOTS) {
          const name = `${root.stem}.schema.json`;
          expect(await readFile(join(out, name), 'utf8')).toBe(
            await readFile(join(SCHEMA_DIR, name), 'utf8'),
          );
        }
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    },
  );

  it('exits 2 with one line when the model cannot be read', () => {
    const result = run(['--model', join(tmpdir(), 'no-such-model.json'), '--out', join(tmpdir(), 'unused')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^derive-schema: cannot read model .*no-such-model\.json: /);
  });
});
