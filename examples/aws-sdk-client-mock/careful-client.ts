/**
 * A careful aws-sdk-client-mock setup: the mock refuses what the documented service refuses, with
 * the SDK's own exception classes, and hands out a fresh DeploymentId per deployment. This is the
 * mock worth having: tests written against it fail where production would.
 */
import {
  CreateDeploymentCommand,
  type CreateDeploymentCommandInput,
  OpsWorksClient,
  OpsWorksServiceException,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-opsworks';
import { mockClient } from 'aws-sdk-client-mock';
import { loadDefaultWorld } from 'opsworks-contract';

/** The stacks, apps, layers and instances the tests pretend exist (the toolkit's default world). */
const world = loadDefaultWorld();

const COMMANDS = [
  'install_dependencies',
  'update_dependencies',
  'update_custom_cookbooks',
  'execute_recipes',
  'configure',
  'setup',
  'deploy',
  'rollback',
  'start',
  'stop',
  'restart',
  'undeploy',
];
const APP_COMMANDS = ['deploy', 'rollback', 'start', 'stop', 'restart', 'undeploy'];
const MEMBERS = ['StackId', 'AppId', 'InstanceIds', 'LayerIds', 'Command', 'Comment', 'CustomJson'];
/** CustomJson over 120 KB is refused (counted in characters here, a safe reading of "120 KB"). */
const CUSTOM_JSON_LIMIT = 120 * 1024;

const $metadata = { httpStatusCode: 400 };
const invalid = (message: string) => new ValidationException({ message, $metadata });
const notFound = (message: string) => new ResourceNotFoundException({ message, $metadata });
/** A member of the wrong JSON type fails deserialisation before any validation. */
const serialization = (message: string) =>
  new OpsWorksServiceException({ name: 'SerializationException', $fault: 'client', message, $metadata });

const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkTypes(input: Record<string, unknown>): void {
  for (const key of ['StackId', 'AppId', 'Comment', 'CustomJson']) {
    if (input[key] !== undefined && typeof input[key] !== 'string')
      throw serialization(`${key} must be a string`);
  }
  for (const key of ['InstanceIds', 'LayerIds']) {
    if (input[key] !== undefined && !isStringList(input[key]))
      throw serialization(`${key} must be a list of strings`);
  }
  const command = input.Command;
  if (command === undefined) return;
  if (!isObject(command)) throw serialization('Command must be a structure');
  if (command.Name !== undefined && typeof command.Name !== 'string')
    throw serialization('Name must be a string');
  if (command.Args !== undefined) {
    if (!isObject(command.Args)) throw serialization('Args must be a map');
    for (const v of Object.values(command.Args))
      if (!isStringList(v)) throw serialization('Args values must be lists of strings');
  }
}

let next = 0;

function createDeployment(input: CreateDeploymentCommandInput): { DeploymentId: string } {
  const body = input as unknown as Record<string, unknown>;
  checkTypes(body);
  const { StackId, AppId, Command, CustomJson, InstanceIds, LayerIds } = input;
  if (StackId === undefined) throw invalid('StackId is required');
  if (Command === undefined) throw invalid('Command is required');
  if (Command.Name === undefined) throw invalid('Command.Name is required');
  if (!COMMANDS.includes(Command.Name)) throw invalid(`Command.Name ${Command.Name} is not a valid command`);
  for (const key of Object.keys(body)) if (!MEMBERS.includes(key)) throw invalid(`unknown member ${key}`);
  const stack = world.stacks.find((s) => s.StackId === StackId);
  if (stack === undefined) throw notFound(`Unable to find stack with ID ${StackId}`);
  if (APP_COMMANDS.includes(Command.Name) && AppId === undefined) {
    throw invalid(`${Command.Name} needs an AppId`);
  }
  if (AppId !== undefined && !stack.AppIds.includes(AppId))
    throw notFound(`Unable to find app with ID ${AppId}`);
  for (const id of InstanceIds ?? []) {
    if (!stack.InstanceIds.includes(id)) throw notFound(`Unable to find instance with ID ${id}`);
  }
  for (const id of LayerIds ?? []) {
    if (!stack.LayerIds.includes(id)) throw notFound(`Unable to find layer with ID ${id}`);
  }
  if (CustomJson !== undefined) {
    if (CustomJson.length > CUSTOM_JSON_LIMIT) throw invalid('CustomJson is over 120 KB');
    let parsed: unknown;
    try {
      parsed = JSON.parse(CustomJson);
    } catch {
      throw invalid('CustomJson is not valid JSON');
    }
    if (!isObject(parsed)) throw invalid('CustomJson must be a JSON object');
  }
  const args = Command.Args ?? {};
  if (args.upgrade_os_to !== undefined && args.allow_reboot?.[0] !== 'true') {
    throw invalid('upgrade_os_to needs allow_reboot ["true"]');
  }
  next += 1;
  return { DeploymentId: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}` };
}

/** The client the code under test is given. */
export const client = new OpsWorksClient({ region: 'us-east-1' });

mockClient(client)
  .on(CreateDeploymentCommand)
  .callsFake((input: CreateDeploymentCommandInput) => createDeployment(input));
