/**
 * The derived JSON Schemas as plain objects, for runtime code (generators, the double, checks) that
 * must not read files. The objects live in `generated/schemas.ts`, written by `npm run derive:schema`
 * together with the `*.schema.json` files, so the two cannot drift apart.
 *
 * @example
 * import { createDeploymentRequestSchema } from '../schema/schemas.js';
 * createDeploymentRequestSchema.required; // ['StackId', 'Command']
 */
export {
  createDeploymentRequestSchema,
  createDeploymentResultSchema,
  describeDeploymentsRequestSchema,
  describeDeploymentsResultSchema,
  resourceNotFoundExceptionSchema,
  validationExceptionSchema,
} from './generated/schemas.js';
