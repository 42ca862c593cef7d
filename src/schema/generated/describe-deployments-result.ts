/**
 * Generated from src/schema/describe-deployments-result.schema.json by json-schema-to-typescript. Do not edit:
 * run `npm run derive:schema && npm run gen:types` to regenerate.
 */

export type DeploymentCommandName =
  | "install_dependencies"
  | "update_dependencies"
  | "update_custom_cookbooks"
  | "execute_recipes"
  | "configure"
  | "setup"
  | "deploy"
  | "rollback"
  | "start"
  | "stop"
  | "restart"
  | "undeploy";

/**
 * Contains the response to a DescribeDeployments request.
 */
export interface DescribeDeploymentsResult {
  /**
   * An array of Deployment objects that describe the deployments.
   */
  Deployments?: Deployment[];
}
/**
 * Describes a deployment of a stack or app.
 */
export interface Deployment {
  /**
   * The deployment ID.
   */
  DeploymentId?: string;
  /**
   * The stack ID.
   */
  StackId?: string;
  /**
   * The app ID.
   */
  AppId?: string;
  /**
   * Date when the deployment was created.
   */
  CreatedAt?: string;
  /**
   * Date when the deployment completed.
   */
  CompletedAt?: string;
  /**
   * The deployment duration.
   */
  Duration?: number;
  /**
   * The user's IAM ARN.
   */
  IamUserArn?: string;
  /**
   * A user-defined comment.
   */
  Comment?: string;
  /**
   * Used to specify a stack or deployment command.
   */
  Command?: DeploymentCommand;
  /**
   * The deployment status:
   * - running
   * - successful
   * - failed
   */
  Status?: string;
  /**
   * A string that contains user-defined custom JSON. It can be used to override the corresponding default stack configuration attribute values for stack or to pass data to recipes. The string should be in the following format:
   * "{\"key1\": \"value1\", \"key2\": \"value2\",...}"
   * For more information on custom JSON, see Use Custom JSON to Modify the Stack Configuration Attributes (https://docs.aws.amazon.com/opsworks/latest/userguide/workingstacks-json.html).
   */
  CustomJson?: string;
  /**
   * The IDs of the target instances.
   */
  InstanceIds?: string[];
}
/**
 * Used to specify a stack or deployment command.
 */
export interface DeploymentCommand {
  /**
   * Specifies the operation. You can specify only one command.
   * For stacks, the following commands are available:
   * - execute_recipes: Execute one or more recipes. To specify the recipes, set an Args parameter named recipes to the list of recipes to be executed. For example, to execute phpapp::appsetup, set Args to {"recipes":["phpapp::appsetup"]}.
   * - install_dependencies: Install the stack's dependencies.
   * - update_custom_cookbooks: Update the stack's custom cookbooks.
   * - update_dependencies: Update the stack's dependencies.
   * The update_dependencies and install_dependencies commands are supported only for Linux instances. You can run the commands successfully on Windows instances, but they do nothing.
   * For apps, the following commands are available:
   * - deploy: Deploy an app. Ruby on Rails apps have an optional Args parameter named migrate. Set Args to {"migrate":["true"]} to migrate the database. The default setting is {"migrate":["false"]}.
   * - rollback Roll the app back to the previous version. When you update an app, OpsWorks Stacks stores the previous version, up to a maximum of five versions. You can use this command to roll an app back as many as four versions.
   * - start: Start the app's web or application server.
   * - stop: Stop the app's web or application server.
   * - restart: Restart the app's web or application server.
   * - undeploy: Undeploy the app.
   */
  Name: DeploymentCommandName;
  /**
   * The arguments of those commands that take arguments. It should be set to a JSON object with the following format:
   * {"arg_name1" : ["value1", "value2", ...], "arg_name2" : ["value1", "value2", ...], ...}
   * The update_dependencies command takes two arguments:
   * - upgrade_os_to - Specifies the Amazon Linux version that you want instances to run, such as Amazon Linux 2. You must also set the allow_reboot argument to true.
   * - allow_reboot - Specifies whether to allow OpsWorks Stacks to reboot the instances if necessary, after installing the updates. This argument can be set to either true or false. The default value is false.
   * For example, to upgrade an instance to Amazon Linux 2018.03, set Args to the following.
   * { "upgrade_os_to":["Amazon Linux 2018.03"], "allow_reboot":["true"] }
   */
  Args?: DeploymentCommandArgs;
}
export interface DeploymentCommandArgs {
  [k: string]: string[];
}
