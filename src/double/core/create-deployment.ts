import { jsonValueKind } from '../../contract/json-value-kind.js';
import type { WireResponse } from '../../contract/types.js';
import {
  APP_COMMANDS,
  COMMAND_NAMES,
  type CommandName,
  CUSTOM_JSON_SURELY_OVER_CHARS,
} from '../../contract/wire.js';
import { errorResponse, jsonResponse, jsonString } from './double-response.js';
import type { DoubleDeployment, DoubleState } from './double-state.js';
import { type ConstraintViolation, notInEnum, notNull, validationMessage } from './validation-errors.js';

const COMMAND_SET: ReadonlySet<string> = new Set(COMMAND_NAMES);
const APP_COMMAND_SET: ReadonlySet<string> = new Set(APP_COMMANDS);

/** The typed members of a CreateDeployment request after the member-type pass. */
interface CreateInput {
  StackId: string | undefined;
  AppId: string | undefined;
  InstanceIds: string[] | undefined;
  LayerIds: string[] | undefined;
  CommandPresent: boolean;
  Name: string | undefined;
  Args: Record<string, string[]> | undefined;
  Comment: string | undefined;
  CustomJson: string | undefined;
}

/** A member of the wrong JSON type: the message names it, the caller answers SerializationException. */
export class WrongType {
  constructor(readonly message: string) {}
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function wrong(path: string, expected: string, v: unknown): WrongType {
  return new WrongType(`Expected ${expected} at '${path}', found ${jsonType(v)}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `null` is absent (protocol); any other non-string is the wrong type. */
export function optionalString(v: unknown, path: string): string | undefined | WrongType {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  return wrong(path, 'a string', v);
}

/**
 * A list of strings. A `null` element is the wrong type: these lists are not sparse in the model,
 * so a null inside one cannot be read as "absent" (one deterministic choice; see the README).
 */
export function optionalStringList(v: unknown, path: string): string[] | undefined | WrongType {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) return wrong(path, 'a list', v);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'string') return wrong(`${path}[${i}]`, 'a string', v[i]);
  }
  return v as string[];
}

function readArgs(v: unknown): Record<string, string[]> | undefined | WrongType {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) return wrong('Command.Args', 'a map', v);
  // A null-prototype copy: an `Args` key such as `__proto__` stays an ordinary key.
  const out = Object.create(null) as Record<string, string[]>;
  for (const key of Object.keys(v)) {
    const list = optionalStringList(v[key], `Command.Args.${key}`);
    if (list instanceof WrongType) return list;
    if (list === undefined) return wrong(`Command.Args.${key}`, 'a list', v[key]);
    out[key] = list.slice();
  }
  return out;
}

function readInput(input: Record<string, unknown>): CreateInput | WrongType {
  const StackId = optionalString(input.StackId, 'StackId');
  if (StackId instanceof WrongType) return StackId;
  const AppId = optionalString(input.AppId, 'AppId');
  if (AppId instanceof WrongType) return AppId;
  const InstanceIds = optionalStringList(input.InstanceIds, 'InstanceIds');
  if (InstanceIds instanceof WrongType) return InstanceIds;
  const LayerIds = optionalStringList(input.LayerIds, 'LayerIds');
  if (LayerIds instanceof WrongType) return LayerIds;
  const command = input.Command;
  let CommandPresent = false;
  let Name: string | undefined;
  let Args: Record<string, string[]> | undefined;
  if (command !== undefined && command !== null) {
    if (!isObject(command)) return wrong('Command', 'a structure', command);
    CommandPresent = true;
    const name = optionalString(command.Name, 'Command.Name');
    if (name instanceof WrongType) return name;
    Name = name;
    const args = readArgs(command.Args);
    if (args instanceof WrongType) return args;
    Args = args;
  }
  const Comment = optionalString(input.Comment, 'Comment');
  if (Comment instanceof WrongType) return Comment;
  const CustomJson = optionalString(input.CustomJson, 'CustomJson');
  if (CustomJson instanceof WrongType) return CustomJson;
  return { StackId, AppId, InstanceIds, LayerIds, CommandPresent, Name, Args, Comment, CustomJson };
}

/** Why a CustomJson string is refused, or undefined when it is a JSON object within the limit. */
function customJsonProblem(text: string): string | undefined {
  // Limit: more than 122,880 UTF-16 code units (120 × 1024) is over. A string of at most 120,000
  // UTF-8 bytes never has that many code units, so everything surely within the limit passes; the
  // unspecified band in between is accepted (one deterministic choice; see the README).
  if (text.length > CUSTOM_JSON_SURELY_OVER_CHARS) {
    return `Custom JSON must be at most ${CUSTOM_JSON_SURELY_OVER_CHARS} characters (120 KB), got ${text.length}`;
  }
  // Only whether it is an object matters: the value itself is never built.
  const kind = jsonValueKind(text);
  if (kind === undefined) return 'Custom JSON is not valid JSON';
  if (kind !== 'object') return 'Custom JSON must be a JSON object';
  return undefined;
}

function isBooleanArg(list: readonly string[]): boolean {
  return list.length === 1 && (list[0] === 'true' || list[0] === 'false');
}

/** The documented Args rules; undefined when they hold. */
function argsProblem(name: CommandName, args: Record<string, string[]> | undefined): string | undefined {
  if (args === undefined) return undefined;
  if (name === 'deploy') {
    const migrate = args.migrate;
    if (migrate !== undefined && !isBooleanArg(migrate)) {
      return 'The \'migrate\' argument must be ["true"] or ["false"]';
    }
  } else if (name === 'update_dependencies') {
    const allowReboot = args.allow_reboot;
    if (allowReboot !== undefined && !isBooleanArg(allowReboot)) {
      return 'The \'allow_reboot\' argument must be ["true"] or ["false"]';
    }
    if (args.upgrade_os_to !== undefined && !(allowReboot !== undefined && allowReboot[0] === 'true')) {
      return "The 'upgrade_os_to' argument requires 'allow_reboot' set to \"true\"";
    }
  }
  return undefined;
}

/** Stores a deployment, forgetting the oldest once `maxDeployments` are kept. */
function recordDeployment(state: DoubleState, deployment: DoubleDeployment): void {
  const { ids } = state.order;
  if (ids.length < state.maxDeployments) {
    ids.push(deployment.DeploymentId);
  } else {
    const slot = state.order.next;
    state.deployments.delete(ids[slot] as string);
    ids[slot] = deployment.DeploymentId;
    state.order.next = (slot + 1) % state.maxDeployments;
  }
  state.deployments.set(deployment.DeploymentId, deployment);
}

/** Epoch milliseconds → `2013-07-25T18:57:49+00:00`, the form of the documented examples. */
export function formatTimestamp(ms: number): string {
  // Deployments arrive thousands per second; formatting a Date each time is a visible cost, and the
  // string only changes once a second.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastStamp = `${new Date(second * 1000).toISOString().slice(0, 19)}+00:00`;
  }
  return lastStamp;
}
let lastSecond = Number.NaN;
let lastStamp = '';

/**
 * CreateDeployment on a parsed JSON object, in the Coral order after the wire checks: member types
 * (SerializationException), required and enum (ValidationException), then stack, AppId, app,
 * instances, layers, CustomJson, Args. On success records the deployment.
 *
 * @example
 * createDeployment(state, { StackId: '…', Command: { Name: 'setup' } }).status; // 200
 */
export function createDeployment(state: DoubleState, input: Record<string, unknown>): WireResponse {
  const r = readInput(input);
  if (r instanceof WrongType) return errorResponse(state, 400, 'SerializationException', r.message);

  const violations: ConstraintViolation[] = [];
  if (r.StackId === undefined) violations.push(notNull('stackId'));
  if (!r.CommandPresent) violations.push(notNull('command'));
  else if (r.Name === undefined) violations.push(notNull('command.name'));
  else if (!COMMAND_SET.has(r.Name)) violations.push(notInEnum('command.name', r.Name, COMMAND_NAMES));
  if (violations.length > 0) {
    return errorResponse(state, 400, 'ValidationException', validationMessage(violations));
  }
  const stackId = r.StackId as string;
  const name = r.Name as CommandName;

  const stack = state.stacks.get(stackId);
  if (stack === undefined) {
    return errorResponse(state, 400, 'ResourceNotFoundException', `Unable to find stack with ID ${stackId}`);
  }
  if (r.AppId === undefined && APP_COMMAND_SET.has(name)) {
    return errorResponse(state, 400, 'ValidationException', `The ${name} command requires an app ID`);
  }
  if (r.AppId !== undefined && !stack.apps.has(r.AppId)) {
    return errorResponse(state, 400, 'ResourceNotFoundException', `Unable to find app with ID ${r.AppId}`);
  }
  if (r.InstanceIds !== undefined) {
    for (const id of r.InstanceIds) {
      if (!stack.instances.has(id)) {
        return errorResponse(
          state,
          400,
          'ResourceNotFoundException',
          `Unable to find instance with ID ${id}`,
        );
      }
    }
  }
  if (r.LayerIds !== undefined) {
    for (const id of r.LayerIds) {
      if (!stack.layers.has(id)) {
        return errorResponse(state, 400, 'ResourceNotFoundException', `Unable to find layer with ID ${id}`);
      }
    }
  }
  if (r.CustomJson !== undefined) {
    const problem = customJsonProblem(r.CustomJson);
    if (problem !== undefined) return errorResponse(state, 400, 'ValidationException', problem);
  }
  const argsError = argsProblem(name, r.Args);
  if (argsError !== undefined) return errorResponse(state, 400, 'ValidationException', argsError);

  const deploymentId = state.newId();
  const createdAt = formatTimestamp(state.now());
  const deployment: DoubleDeployment = {
    DeploymentId: deploymentId,
    StackId: stackId,
    CreatedAt: createdAt,
    CompletedAt: createdAt,
    Duration: 0,
    Command: { Name: name, Args: r.Args ?? (Object.create(null) as Record<string, string[]>) },
    Status: 'successful',
    // The stack's instances when none were named: the world does not say which instances a layer
    // holds, so naming layers alone also targets the whole stack.
    InstanceIds:
      r.InstanceIds !== undefined && r.InstanceIds.length > 0
        ? r.InstanceIds.slice()
        : [...stack.stack.InstanceIds],
  };
  if (r.AppId !== undefined) deployment.AppId = r.AppId;
  if (r.Comment !== undefined) deployment.Comment = r.Comment;
  if (r.CustomJson !== undefined) deployment.CustomJson = r.CustomJson;
  recordDeployment(state, deployment);
  return jsonResponse(state, 200, `{"DeploymentId":${jsonString(deploymentId)}}`);
}
