import { COMMAND_NAMES, type CommandName } from '../contract/wire.js';
import { createDeploymentRequestSchema } from '../schema/schemas.js';

/** The JSON type a member takes on the wire. */
export type MemberJsonType = 'string' | 'string-list' | 'string-list-map' | 'object';

/** One member of the request (or of `Command`) as the generators see it. */
export interface MemberShape {
  /** Dotted path from the body root, e.g. `StackId` or `Command.Name`. */
  readonly path: string;
  /** The member name within its parent. */
  readonly name: string;
  readonly type: MemberJsonType;
  readonly required: boolean;
}

/** The slice of JSON Schema the derived request schema uses. */
interface SchemaNode {
  type?: string;
  $ref?: string;
  allOf?: readonly SchemaNode[];
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  properties?: Readonly<Record<string, SchemaNode>>;
  required?: readonly string[];
  enum?: readonly string[];
}

const ROOT = createDeploymentRequestSchema as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

/** Follows `$ref` (directly or as the one entry of `allOf`, the way the derivation wraps references). */
function resolve(node: SchemaNode): SchemaNode {
  const ref = node.$ref ?? (node.allOf?.length === 1 ? node.allOf[0]?.$ref : undefined);
  if (ref === undefined) return node;
  const target = ROOT.$defs[ref.replace('#/$defs/', '')];
  if (target === undefined) throw new Error(`generators: schema reference ${ref} does not resolve`);
  return resolve(target);
}

function jsonTypeOf(path: string, node: SchemaNode): MemberJsonType {
  const n = resolve(node);
  if (n.type === 'string') return 'string';
  if (n.type === 'array' && resolve(n.items ?? {}).type === 'string') return 'string-list';
  if (n.type === 'object' && n.properties !== undefined) return 'object';
  if (n.type === 'object' && typeof n.additionalProperties === 'object') {
    const v = resolve(n.additionalProperties);
    if (v.type === 'array' && resolve(v.items ?? {}).type === 'string') return 'string-list-map';
  }
  throw new Error(`generators: the schema gives ${path} a shape the generators do not know`);
}

function membersOf(node: SchemaNode, prefix: string): MemberShape[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).map(([name, child]) => ({
    path: `${prefix}${name}`,
    name,
    type: jsonTypeOf(`${prefix}${name}`, child),
    required: required.has(name),
  }));
}

/** Top-level members of CreateDeploymentRequest, in model order, from the derived JSON Schema. */
export const TOP_MEMBERS: readonly MemberShape[] = membersOf(ROOT, '');

const COMMAND_NODE = resolve(ROOT.properties?.Command ?? {});

/** Members of DeploymentCommand, in model order, from the derived JSON Schema. */
export const COMMAND_MEMBER_SHAPES: readonly MemberShape[] = membersOf(COMMAND_NODE, 'Command.');

/** Every member the generators know, top level first. */
export const ALL_MEMBERS: readonly MemberShape[] = [...TOP_MEMBERS, ...COMMAND_MEMBER_SHAPES];

/**
 * The DeploymentCommandName enum from the schema. Typed as `CommandName` because `wire.ts` lists the
 * same values (a test checks they agree); the schema decides what is generated.
 */
export const COMMAND_NAME_ENUM: readonly CommandName[] = (resolve(COMMAND_NODE.properties?.Name ?? {}).enum ??
  COMMAND_NAMES) as readonly CommandName[];
