/**
 * Generated from src/schema/create-deployment-result.schema.json by json-schema-to-typescript. Do not edit:
 * run `npm run derive:schema && npm run gen:types` to regenerate.
 */

/**
 * Contains the response to a CreateDeployment request.
 */
export interface CreateDeploymentResult {
  /**
   * The deployment ID, which can be used with other requests to identify the deployment.
   */
  DeploymentId?: string;
}
