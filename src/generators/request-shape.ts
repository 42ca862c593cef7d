import { COMMAND_MEMBERS, COMMAND_NAMES, type CommandName, REQUEST_MEMBERS } from '../contract/wire.js';

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

// Interim: until the derived JSON Schema lands, the member list comes from the wire constants.
const TYPES: Record<string, MemberJsonType> = {
  StackId: 'string',
  AppId: 'string',
  InstanceIds: 'string-list',
  LayerIds: 'string-list',
  Command: 'object',
  Comment: 'string',
  CustomJson: 'string',
  Name: 'string',
  Args: 'string-list-map',
};
const REQUIRED = new Set(['StackId', 'Command', 'Command.Name']);

/** Top-level members of CreateDeploymentRequest, in model order. */
export const TOP_MEMBERS: readonly MemberShape[] = REQUEST_MEMBERS.map((name) => ({
  path: name,
  name,
  type: TYPES[name] ?? 'string',
  required: REQUIRED.has(name),
}));

/** Members of DeploymentCommand, in model order. */
export const COMMAND_MEMBER_SHAPES: readonly MemberShape[] = COMMAND_MEMBERS.map((name) => ({
  path: `Command.${name}`,
  name,
  type: TYPES[name] ?? 'string',
  required: REQUIRED.has(`Command.${name}`),
}));

/** Every member the generators know, top level first. */
export const ALL_MEMBERS: readonly MemberShape[] = [...TOP_MEMBERS, ...COMMAND_MEMBER_SHAPES];

/** The DeploymentCommandName enum. */
export const COMMAND_NAME_ENUM: readonly CommandName[] = COMMAND_NAMES;
