/**
 * The public API of opsworks-contract. Named exports only; everything a user may import is listed here.
 */
export type {
  Case,
  CaseRequest,
  Classification,
  Expectation,
  Level,
  Outcome,
  Verdict,
  WireResponse,
  World,
  WorldStack,
} from './contract/types.js';
export { LEVELS, SUCCESS, UNRECOGNIZED } from './contract/types.js';
export { InputError } from './errors/input-error.js';
export { TargetUnreachableError } from './errors/target-unreachable-error.js';
export type {
  CreateDeploymentRequest,
  CreateDeploymentResult,
  Deployment,
  DeploymentCommand,
  DeploymentCommandArgs,
  DeploymentCommandName,
  DescribeDeploymentsRequest,
  DescribeDeploymentsResult,
  ResourceNotFoundException,
  ValidationException,
} from './schema/index.js';
export {
  createDeploymentRequestSchema,
  createDeploymentResultSchema,
  describeDeploymentsRequestSchema,
  describeDeploymentsResultSchema,
  resourceNotFoundExceptionSchema,
  validationExceptionSchema,
} from './schema/index.js';
export type {
  Exchange,
  SendOptions,
  Target,
  TargetCapabilities,
  TransportFailureReason,
} from './targets/target.js';
export { DEFAULT_WORLD_PATH, loadDefaultWorld, loadWorld, parseWorld } from './world/load-world.js';
export { validateWorld } from './world/validate-world.js';
