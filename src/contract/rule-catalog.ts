import type { Level } from './types.js';

/**
 * One contract fact that a response can be held to. The id is the vocabulary everywhere: the CLI's
 * `rules` listing, report.json, junit test names, fixture file names and the docs.
 */
export interface Rule {
  /** Stable kebab-case id, e.g. `stack-id-required`. */
  id: string;
  /** How sure we are of the fact (contract-facts.md). */
  level: Level;
  /** The fact, as contract-facts.md (or the document behind it) states it. */
  fact: string;
  /** Where the fact comes from. */
  source: string;
  /** What a conformant service must do, in one sentence. */
  demands: string;
}

const FACTS = 'contract-facts.md';
const MODEL = 'Smithy model opsworks-2013-02-18 (CreateDeploymentRequest)';

/**
 * The rule catalog: one entry per contract fact that a response can be held to.
 *
 * @example
 * import { RULES } from 'opsworks-contract';
 * for (const rule of RULES) console.log(rule.id, rule.level);
 */
export const RULES: readonly Rule[] = [
  // --- the operation (documented) ---
  {
    id: 'valid-request-succeeds',
    level: 'documented',
    fact: 'If the action is successful, the service sends back an HTTP 200 response.',
    source: 'API reference, CreateDeployment (seed page); Smithy model',
    demands:
      'A request that satisfies every documented constraint and names resources of one existing stack succeeds.',
  },
  {
    id: 'stack-id-required',
    level: 'documented',
    fact: '`StackId` (string) required.',
    source: `${MODEL}: StackId has smithy.api#required`,
    demands: 'A request without StackId (absent or null) is rejected with ValidationException.',
  },
  {
    id: 'command-required',
    level: 'documented',
    fact: '`Command` (structure) required.',
    source: `${MODEL}: Command has smithy.api#required`,
    demands: 'A request without Command (absent or null) is rejected with ValidationException.',
  },
  {
    id: 'command-name-required',
    level: 'documented',
    fact: '`Command.Name` required.',
    source: 'Smithy model: DeploymentCommand.Name has smithy.api#required',
    demands: 'A Command without Name (absent or null) is rejected with ValidationException.',
  },
  {
    id: 'command-name-enum',
    level: 'documented',
    fact: '`Command.Name` is one of: install_dependencies, update_dependencies, update_custom_cookbooks, execute_recipes, configure, setup, deploy, rollback, start, stop, restart, undeploy.',
    source: 'Smithy model: DeploymentCommandName enum',
    demands:
      'Any other Name (near misses, internal command types, empty) is rejected with ValidationException.',
  },
  {
    id: 'app-id-required-for-app-commands',
    level: 'documented',
    fact: '`AppId` is required for app commands (deploy, rollback, start, stop, restart, undeploy), not for stack commands.',
    source: `${MODEL}: AppId documentation; DeploymentCommand.Name documentation`,
    demands: 'An app command without AppId is rejected with ValidationException; a stack command needs none.',
  },
  {
    id: 'custom-json-must-be-object',
    level: 'documented',
    fact: '`CustomJson` is a string holding a JSON object: "{\\"key1\\": \\"value1\\", ...}".',
    source: `${MODEL}: CustomJson documentation`,
    demands:
      'CustomJson that is not JSON, or JSON that is not an object, is rejected with ValidationException.',
  },
  {
    id: 'custom-json-size-limit',
    level: 'documented',
    fact: 'Custom JSON is limited to 120 KB (unit not said: ≤ 120,000 UTF-8 bytes is within, > 122,880 characters is over).',
    source: 'OpsWorks User Guide, workingstacks-json',
    demands:
      'CustomJson over 122,880 characters is rejected with a client error (the type is unspecified; ValidationException most plausible).',
  },
  {
    id: 'upgrade-os-requires-allow-reboot',
    level: 'documented',
    fact: 'update_dependencies takes upgrade_os_to and allow_reboot; with upgrade_os_to you must also set allow_reboot to true.',
    source: 'Smithy model: DeploymentCommand.Args documentation',
    demands: 'update_dependencies with upgrade_os_to but without allow_reboot ["true"] is rejected.',
  },
  {
    id: 'args-map-of-string-lists',
    level: 'documented',
    fact: '`Command.Args` is a map of string to list of strings: {"arg": ["v1","v2"]}.',
    source: 'Smithy model: DeploymentCommandArgs (map of String to Strings)',
    demands:
      'Args whose values are not lists of strings are rejected (as a member of the wrong type: SerializationException).',
  },
  {
    id: 'success-result-shape',
    level: 'documented',
    fact: 'Success: HTTP 200, body {"DeploymentId": "<string>"}.',
    source: 'Smithy model: CreateDeploymentResult',
    demands: 'A success is HTTP 200 with a JSON object body whose DeploymentId is a non-empty string.',
  },
  {
    id: 'errors-are-http-400',
    level: 'documented',
    fact: 'ValidationException and ResourceNotFoundException are client errors, so both HTTP 400.',
    source: 'API reference, CreateDeployment errors; Smithy model smithy.api#error "client"',
    demands:
      'ValidationException and ResourceNotFoundException (and the other client errors) come with HTTP 400.',
  },
  {
    id: 'error-body-shape',
    level: 'documented',
    fact: 'Errors: body {"__type": "...", "message": "..."}.',
    source: 'Smithy model: ValidationException and ResourceNotFoundException members',
    demands: 'An error body is a JSON object carrying its type and a string `message` (or `Message`).',
  },
  {
    id: 'no-server-errors',
    level: 'documented',
    fact: 'A 5xx is never conformant (InternalFailure 500, ServiceUnavailable 503 are not answers to a client fault).',
    source: 'Common Errors page linked from the API reference',
    demands: 'No request, however malformed, gets a 5xx answer.',
  },
  // --- the wire protocol (awsJson1_1) ---
  {
    id: 'charset-parameter-accepted',
    level: 'protocol',
    fact: '`Content-Type: application/x-amz-json-1.1` (a `; charset=utf-8` parameter must be accepted).',
    source: 'Smithy awsJson1_1 protocol specification',
    demands: 'A request whose Content-Type carries `; charset=utf-8` is handled like one without it.',
  },
  {
    id: 'null-is-absent',
    level: 'protocol',
    fact: 'A JSON member whose value is null is treated as absent.',
    source: 'smithy-aws-protocol-tests awsJson1_1 null.smithy server tests',
    demands: 'An optional member sent as null changes nothing; a required member sent as null is missing.',
  },
  {
    id: 'response-content-type',
    level: 'protocol',
    fact: 'Responses carry the protocol Content-Type even when the body is empty.',
    source: 'Smithy awsJson1_1 protocol specification',
    demands: 'Every CreateDeployment response carries `Content-Type: application/x-amz-json-1.1`.',
  },
  {
    id: 'error-type-on-the-wire',
    level: 'protocol',
    fact: 'Error type is carried by body `__type` (preferred), body `code`, or header `X-Amzn-Errortype`.',
    source: 'smithy-aws-protocol-tests awsJson1_1 errors.smithy',
    demands: 'Every error response names its type where an AWS SDK reads it.',
  },
  {
    id: 'empty-body-is-empty-object',
    level: 'protocol',
    fact: 'An empty body is an empty object (protocol); the missing required members then give ValidationException, though a Coral service may answer SerializationException.',
    source: 'Smithy awsJson1_1 protocol specification; observed on Coral services',
    demands: 'An empty body is rejected with ValidationException or SerializationException.',
  },
  // --- observed on real JSON-1.1 services ---
  {
    id: 'body-must-be-json-object',
    level: 'observed',
    fact: 'Body that is not JSON, or JSON that is not an object → 400 SerializationException.',
    source: `${FACTS} (wire protocol); restJson1 malformed-request tests`,
    demands: 'A body that is not a UTF-8 JSON object is rejected with SerializationException.',
  },
  {
    id: 'member-type-mismatch',
    level: 'observed',
    fact: 'A member of the wrong JSON type (number for StackId, string for Args) → 400 SerializationException.',
    source: `${FACTS} (wire protocol)`,
    demands: 'A member of the wrong JSON type is rejected with SerializationException.',
  },
  {
    id: 'target-header-required',
    level: 'observed',
    fact: 'Missing or unknown `X-Amz-Target` → 400 UnknownOperationException.',
    source: `${FACTS} (wire protocol)`,
    demands: 'A request without a known X-Amz-Target is rejected with UnknownOperationException.',
  },
  {
    id: 'content-type-required',
    level: 'observed',
    fact: 'Wrong or missing Content-Type: answers vary (404 UnknownOperationException, 415 UnsupportedMediaTypeException, 403): any 4xx client error, never success.',
    source: `${FACTS} (wire protocol)`,
    demands: 'A request without the protocol Content-Type gets a 4xx client error.',
  },
  {
    id: 'post-only',
    level: 'observed',
    fact: 'A method other than POST, or a path other than `/`: unspecified (never success for a non-POST).',
    source: `${FACTS} (wire protocol)`,
    demands: 'A request with a method other than POST never succeeds.',
  },
  {
    id: 'unknown-stack-not-found',
    level: 'observed',
    fact: 'An unknown stack gives ResourceNotFoundException, message `Unable to find stack with ID <id>`; a malformed ID such as `fake_stack` is "not found", not "invalid".',
    source: `${FACTS} (AWS SDK integration tests against the live service)`,
    demands: 'A StackId that names no stack is rejected with ResourceNotFoundException.',
  },
  {
    id: 'unknown-resource-not-found',
    level: 'observed',
    fact: 'ResourceNotFoundException: "a resource was not found"; unknown IDs are "not found", not "invalid".',
    source: 'Smithy model ResourceNotFoundException documentation; observed for stacks',
    demands:
      'An AppId, InstanceId or LayerId that exists nowhere is rejected with ResourceNotFoundException.',
  },
  {
    id: 'resources-belong-to-stack',
    level: 'observed',
    fact: '`InstanceIds`, `LayerIds`: lists of strings naming deployment targets in the stack; AppId names an app of the stack.',
    source: `${MODEL}: member documentation`,
    demands:
      'An AppId, InstanceId or LayerId of another stack is rejected (ResourceNotFoundException or ValidationException: which one is unspecified).',
  },
  {
    id: 'validation-before-business',
    level: 'observed',
    fact: 'Order of checks on a Coral service: method → content type → JSON parse → target → auth → member types → required/enum → business logic.',
    source: `${FACTS} (the operation)`,
    demands:
      'A request that fails a framework check (parse, target, types, required, enum) gets that error, whatever else is wrong with it.',
  },
  {
    id: 'request-id-header',
    level: 'observed',
    fact: 'Every response carries an `x-amzn-RequestId` header.',
    source: `${FACTS} (wire protocol)`,
    demands: 'Every response carries a non-empty x-amzn-RequestId header.',
  },
  {
    id: 'deployment-id-unique',
    level: 'observed',
    fact: 'DeploymentIds are unique per call; CreateDeployment is not idempotent.',
    source: `${FACTS} (the operation)`,
    demands: 'No two successful CreateDeployment calls return the same DeploymentId.',
  },
  {
    id: 'read-back-matches',
    level: 'observed',
    fact: 'What was sent to CreateDeployment should be what DescribeDeployments returns.',
    source: `${FACTS} (reading a deployment back)`,
    demands:
      'DescribeDeployments returns the deployment with the StackId, AppId, Command (Args {} when none), Comment, CustomJson and InstanceIds that were sent.',
  },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/**
 * Looks a rule up by id.
 *
 * @example
 * getRule('stack-id-required')?.level; // 'documented'
 */
export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Every rule id, for exhaustive checks. */
export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);
