/**
 * The schema layer: JSON Schemas derived from the Smithy model and the TypeScript types generated
 * from them. Everything here is generated; see `scripts/derive-schema.ts` and `scripts/gen-types.ts`.
 */
export type {
  CreateDeploymentRequest,
  DeploymentCommand,
  DeploymentCommandArgs,
  DeploymentCommandName,
} from './generated/create-deployment-request.js';
export type { CreateDeploymentResult } from './generated/create-deployment-result.js';
export type { DescribeDeploymentsRequest } from './generated/describe-deployments-request.js';
export type { Deployment, DescribeDeploymentsResult } from './generated/describe-deployments-result.js';
export type { ResourceNotFoundException } from './generated/resource-not-found-exception.js';
export type { ValidationException } from './generated/validation-exception.js';
export {
  createDeploymentRequestSchema,
  createDeploymentResultSchema,
  describeDeploymentsRequestSchema,
  describeDeploymentsResultSchema,
  resourceNotFoundExceptionSchema,
  validationExceptionSchema,
} from './schemas.js';
