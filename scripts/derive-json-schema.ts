/**
 * Derives JSON Schema (draft 2020-12) from a Smithy JSON AST model. Generic over Smithy shapes, so a
 * newer model derives without code changes; the list of root shapes we publish is `SCHEMA_ROOTS`.
 *
 * Pure: takes the parsed model, returns objects and file texts. `scripts/derive-schema.ts` writes
 * them; `test/schema/derive-json-schema.test.ts` compares them with the committed files.
 */

/** A Smithy JSON AST model (only the parts we read). */
export interface SmithyModel {
  smithy?: string;
  shapes: Record<string, SmithyShape>;
}

/** One shape of a Smithy JSON AST model. */
export interface SmithyShape {
  type: string;
  members?: Record<string, SmithyMember>;
  member?: SmithyMember;
  key?: SmithyMember;
  value?: SmithyMember;
  traits?: Record<string, unknown>;
}

/** A member reference of a Smithy shape. */
export interface SmithyMember {
  target: string;
  traits?: Record<string, unknown>;
}

/** A JSON Schema object as we emit it. Key order is the order of construction (deterministic). */
export type JsonSchema = { [key: string]: unknown };

/** One schema file to publish: file stem, the root shape and the TS name of the exported constant. */
export interface SchemaRoot {
  /** File stem: `<stem>.schema.json` and `generated/<stem>.ts`. */
  stem: string;
  /** Absolute Smithy shape id. */
  shapeId: string;
  /** Name of the `as const` export in `schemas.ts`. */
  constName: string;
}

/** The schemas the toolkit publishes, in a fixed order. */
export const SCHEMA_ROOTS: readonly SchemaRoot[] = [
  {
    stem: 'create-deployment-request',
    shapeId: 'com.amazonaws.opsworks#CreateDeploymentRequest',
    constName: 'createDeploymentRequestSchema',
  },
  {
    stem: 'create-deployment-result',
    shapeId: 'com.amazonaws.opsworks#CreateDeploymentResult',
    constName: 'createDeploymentResultSchema',
  },
  {
    stem: 'validation-exception',
    shapeId: 'com.amazonaws.opsworks#ValidationException',
    constName: 'validationExceptionSchema',
  },
  {
    stem: 'resource-not-found-exception',
    shapeId: 'com.amazonaws.opsworks#ResourceNotFoundException',
    constName: 'resourceNotFoundExceptionSchema',
  },
  {
    stem: 'describe-deployments-request',
    shapeId: 'com.amazonaws.opsworks#DescribeDeploymentsRequest',
    constName: 'describeDeploymentsRequestSchema',
  },
  {
    stem: 'describe-deployments-result',
    shapeId: 'com.amazonaws.opsworks#DescribeDeploymentsResult',
    constName: 'describeDeploymentsResultSchema',
  },
];

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** Smithy prelude shapes a model may target without defining them. */
const PRELUDE: Record<string, SmithyShape> = {
  'smithy.api#String': { type: 'string' },
  'smithy.api#Blob': { type: 'blob' },
  'smithy.api#Boolean': { type: 'boolean' },
  'smithy.api#PrimitiveBoolean': { type: 'boolean' },
  'smithy.api#Byte': { type: 'byte' },
  'smithy.api#PrimitiveByte': { type: 'byte' },
  'smithy.api#Short': { type: 'short' },
  'smithy.api#PrimitiveShort': { type: 'short' },
  'smithy.api#Integer': { type: 'integer' },
  'smithy.api#PrimitiveInteger': { type: 'integer' },
  'smithy.api#Long': { type: 'long' },
  'smithy.api#PrimitiveLong': { type: 'long' },
  'smithy.api#Float': { type: 'float' },
  'smithy.api#PrimitiveFloat': { type: 'float' },
  'smithy.api#Double': { type: 'double' },
  'smithy.api#PrimitiveDouble': { type: 'double' },
  'smithy.api#BigInteger': { type: 'bigInteger' },
  'smithy.api#BigDecimal': { type: 'bigDecimal' },
  'smithy.api#Timestamp': { type: 'timestamp' },
  'smithy.api#Document': { type: 'document' },
  'smithy.api#Unit': { type: 'structure', members: {} },
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Turns a Smithy documentation trait (HTML) into plain text: block elements become line breaks,
 * list items start with `- `, links keep their target in parentheses, whitespace is collapsed.
 * Deterministic, so derived files are byte-stable.
 *
 * @example
 * htmlToText('<p>The <code>stack</code> ID.</p>'); // 'The stack ID.'
 */
export function htmlToText(html: string): string {
  const BREAK = '\u0001';
  let text = html
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, inner: string) =>
      inner.trim() === href.trim() ? inner : `${inner} (${href})`,
    )
    .replace(/<li\b[^>]*>/gi, `${BREAK}- `)
    .replace(/<\/?(p|ul|ol|li|note|important|div|dl|dt|dd|br|h[1-6])\b[^>]*\/?>/gi, BREAK)
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
      if (e.startsWith('#x') || e.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ');
  // A list item's text usually sits in its own <p>; keep it on the marker's line.
  text = text.replace(new RegExp(`${BREAK}- [\\s${BREAK}]*`, 'g'), `${BREAK}- `);
  return text
    .split(BREAK)
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '-')
    .join('\n');
}

function shapeName(id: string): string {
  return id.slice(id.indexOf('#') + 1);
}

/** Shapes that get a named `$defs` entry (and so a named TypeScript type). */
function isNamed(shape: SmithyShape): boolean {
  return ['structure', 'union', 'enum', 'intEnum', 'map'].includes(shape.type) || hasStringEnum(shape);
}

function hasStringEnum(shape: SmithyShape): boolean {
  return shape.type === 'string' && Array.isArray(shape.traits?.['smithy.api#enum']);
}

function docOf(traits: Record<string, unknown> | undefined): string | undefined {
  const doc = traits?.['smithy.api#documentation'];
  return typeof doc === 'string' ? htmlToText(doc) : undefined;
}

/** Applies length/range/pattern/default traits as JSON Schema keywords. */
function constraints(kind: string, traits: Record<string, unknown> | undefined): JsonSchema {
  const out: JsonSchema = {};
  const length = traits?.['smithy.api#length'] as { min?: number; max?: number } | undefined;
  if (length !== undefined) {
    const [minKey, maxKey] =
      kind === 'array'
        ? ['minItems', 'maxItems']
        : kind === 'object'
          ? ['minProperties', 'maxProperties']
          : ['minLength', 'maxLength'];
    if (length.min !== undefined) out[minKey as string] = length.min;
    if (length.max !== undefined) out[maxKey as string] = length.max;
  }
  const range = traits?.['smithy.api#range'] as { min?: number; max?: number } | undefined;
  if (range?.min !== undefined) out.minimum = range.min;
  if (range?.max !== undefined) out.maximum = range.max;
  const pattern = traits?.['smithy.api#pattern'];
  if (typeof pattern === 'string') out.pattern = pattern;
  if (traits !== undefined && 'smithy.api#default' in traits) out.default = traits['smithy.api#default'];
  return out;
}

class Deriver {
  readonly defs = new Map<string, JsonSchema>();

  constructor(private readonly model: SmithyModel) {}

  shape(id: string): SmithyShape {
    const s = this.model.shapes[id] ?? PRELUDE[id];
    if (s === undefined) throw new Error(`model: shape ${id} is referenced but not defined`);
    return s;
  }

  /** The schema for a reference to `id`: a `$ref` for named shapes, inline for the rest. */
  ref(id: string): JsonSchema {
    const shape = this.shape(id);
    if (!isNamed(shape)) return this.body(id, shape);
    const name = shapeName(id);
    if (!this.defs.has(name)) {
      this.defs.set(name, {}); // placeholder first, so recursive shapes terminate
      this.defs.set(name, this.body(id, shape));
    }
    return { $ref: `#/$defs/${name}` };
  }

  /** The schema of a shape itself (not a reference to it). */
  body(id: string, shape: SmithyShape): JsonSchema {
    const head: JsonSchema = {};
    if (isNamed(shape)) head.title = shapeName(id);
    const doc = docOf(shape.traits);
    if (doc !== undefined) head.description = doc;
    const traits = shape.traits;
    switch (shape.type) {
      case 'structure':
      case 'union':
        return { ...head, ...this.structure(shape) };
      case 'list':
      case 'set': {
        const member = shape.member;
        if (member === undefined) throw new Error(`model: list ${id} has no member`);
        let items = this.memberSchema(member);
        if (traits !== undefined && 'smithy.api#sparse' in traits)
          items = { anyOf: [items, { type: 'null' }] };
        const out: JsonSchema = { ...head, type: 'array', items };
        if (shape.type === 'set' || (traits !== undefined && 'smithy.api#uniqueItems' in traits)) {
          out.uniqueItems = true;
        }
        return { ...out, ...constraints('array', traits) };
      }
      case 'map': {
        const value = shape.value;
        if (value === undefined) throw new Error(`model: map ${id} has no value`);
        let values = this.memberSchema(value);
        if (traits !== undefined && 'smithy.api#sparse' in traits)
          values = { anyOf: [values, { type: 'null' }] };
        const out: JsonSchema = { ...head, type: 'object' };
        const keyShape = shape.key === undefined ? undefined : this.shape(shape.key.target);
        if (shape.key !== undefined && keyShape !== undefined) {
          const keySchema = this.body(shape.key.target, { ...keyShape, type: keyShape.type });
          delete keySchema.title;
          delete keySchema.description;
          delete keySchema.type;
          if (Object.keys(keySchema).length > 0) out.propertyNames = keySchema;
        }
        out.additionalProperties = values;
        return { ...out, ...constraints('object', traits) };
      }
      case 'enum': {
        const values = Object.entries(shape.members ?? {}).map(([name, m]) => {
          const v = m.traits?.['smithy.api#enumValue'];
          return typeof v === 'string' ? v : name;
        });
        return { ...head, type: 'string', enum: values };
      }
      case 'intEnum': {
        const values = Object.values(shape.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
        return { ...head, type: 'integer', enum: values };
      }
      case 'string': {
        const legacy = traits?.['smithy.api#enum'];
        if (Array.isArray(legacy)) {
          return { ...head, type: 'string', enum: legacy.map((e: { value: string }) => e.value) };
        }
        return { ...head, type: 'string', ...constraints('string', traits) };
      }
      case 'blob':
        return { ...head, type: 'string', contentEncoding: 'base64', ...constraints('string', traits) };
      case 'boolean':
        return { ...head, type: 'boolean', ...constraints('boolean', traits) };
      case 'byte':
      case 'short':
      case 'integer':
      case 'long':
      case 'bigInteger':
        return { ...head, type: 'integer', ...constraints('number', traits) };
      case 'float':
      case 'double':
      case 'bigDecimal':
        return { ...head, type: 'number', ...constraints('number', traits) };
      case 'timestamp': {
        // awsJson1_1 sends timestamps as epoch seconds unless a timestampFormat trait says otherwise.
        const format = traits?.['smithy.api#timestampFormat'];
        if (format === 'date-time') return { ...head, type: 'string', format: 'date-time' };
        if (format === 'http-date') return { ...head, type: 'string' };
        return { ...head, type: 'number' };
      }
      case 'document':
        return { ...head };
      default:
        throw new Error(`model: shape ${id} has type ${shape.type}, which has no JSON form`);
    }
  }

  structure(shape: SmithyShape): JsonSchema {
    const properties: JsonSchema = {};
    const required: string[] = [];
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      properties[name] = this.memberSchema(member);
      if (member.traits !== undefined && 'smithy.api#required' in member.traits) required.push(name);
    }
    if (shape.type === 'union') return { type: 'object', properties, minProperties: 1, maxProperties: 1 };
    const out: JsonSchema = { type: 'object', properties };
    if (required.length > 0) out.required = required;
    return out;
  }

  /** A member: the target's schema, with the member's own documentation and constraints on top. */
  memberSchema(member: SmithyMember): JsonSchema {
    const target = this.ref(member.target);
    const doc = docOf(member.traits);
    const out: JsonSchema = {};
    if (doc !== undefined) out.description = doc;
    const targetShape = this.shape(member.target);
    const kind =
      targetShape.type === 'list' || targetShape.type === 'set'
        ? 'array'
        : targetShape.type === 'map'
          ? 'object'
          : 'string';
    const extra = constraints(kind, member.traits);
    if ('$ref' in target && (doc !== undefined || Object.keys(extra).length > 0)) {
      // Wrapped rather than beside the $ref: json-schema-to-typescript would otherwise move the
      // member's words onto the shared named type.
      return { ...out, allOf: [target], ...extra };
    }
    return { ...out, ...target, ...extra };
  }
}

/**
 * Derives one self-contained JSON Schema for a root structure: the root inline, every named shape it
 * reaches (structures, enums, maps) under `$defs`, sorted by name. Error structures also get the
 * protocol's optional `__type` member.
 *
 * @example
 * const schema = deriveJsonSchema(model, 'com.amazonaws.opsworks#CreateDeploymentRequest');
 * schema.required; // ['StackId', 'Command']
 */
export function deriveJsonSchema(model: SmithyModel, shapeId: string): JsonSchema {
  const deriver = new Deriver(model);
  const shape = deriver.shape(shapeId);
  if (shape.type !== 'structure') throw new Error(`model: ${shapeId} is a ${shape.type}, not a structure`);
  const root: JsonSchema = {
    $schema: DRAFT,
    $comment: `Derived from the Smithy shape ${shapeId} by scripts/derive-schema.ts (npm run derive:schema). Do not edit.`,
    title: shapeName(shapeId),
  };
  const doc = docOf(shape.traits);
  if (doc !== undefined) root.description = doc;
  const body = deriver.structure(shape);
  const errorKind = shape.traits?.['smithy.api#error'];
  if (typeof errorKind === 'string') {
    // awsJson1_1 carries the error type in the body too; the model does not declare it.
    body.properties = {
      __type: {
        description:
          'The error type (awsJson1_1 protocol, not a model member), e.g. `com.amazonaws.opsworks#' +
          `${shapeName(shapeId)}\`. It may instead travel in the \`code\` member or the X-Amzn-Errortype header.`,
        type: 'string',
      },
      ...(body.properties as JsonSchema),
    };
  }
  Object.assign(root, body);
  if (deriver.defs.size > 0) {
    root.$defs = Object.fromEntries(
      [...deriver.defs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  }
  return root;
}

/** The derived schemas of every `SCHEMA_ROOTS` entry, keyed by stem. */
export function deriveJsonSchemas(model: SmithyModel): Record<string, JsonSchema> {
  return Object.fromEntries(SCHEMA_ROOTS.map((r) => [r.stem, deriveJsonSchema(model, r.shapeId)]));
}

/**
 * Every file `npm run derive:schema` writes, as path (relative to `src/schema/`) → exact text. The
 * JSON files and `generated/schemas.ts` (the same schemas as `as const` objects, so runtime code
 * reads them without fs or JSON import attributes).
 */
export function renderSchemaFiles(model: SmithyModel): Record<string, string> {
  const schemas = deriveJsonSchemas(model);
  const files: Record<string, string> = {};
  const ts: string[] = [
    '/* Generated by scripts/derive-schema.ts from the Smithy model. Do not edit: run `npm run derive:schema`. */',
    '',
  ];
  for (const root of SCHEMA_ROOTS) {
    const schema = schemas[root.stem];
    const json = JSON.stringify(schema, null, 2);
    files[`${root.stem}.schema.json`] = `${json}\n`;
    ts.push(`/** JSON Schema of ${shapeName(root.shapeId)} (see \`${root.stem}.schema.json\`). */`);
    ts.push(`export const ${root.constName} = ${json} as const;`, '');
  }
  files['generated/schemas.ts'] = ts.join('\n');
  return files;
}
