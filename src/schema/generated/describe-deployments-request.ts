/**
 * Generated from src/schema/describe-deployments-request.schema.json by json-schema-to-typescript. Do not edit:
 * run `npm run derive:schema && npm run gen:types` to regenerate.
 */

export interface DescribeDeploymentsRequest {
  /**
   * The stack ID. If you include this parameter, the command returns a description of the commands associated with the specified stack.
   */
  StackId?: string;
  /**
   * The app ID. If you include this parameter, the command returns a description of the commands associated with the specified app.
   */
  AppId?: string;
  /**
   * An array of deployment IDs to be described. If you include this parameter, the command returns a description of the specified deployments. Otherwise, it returns a description of every deployment.
   */
  DeploymentIds?: string[];
}
