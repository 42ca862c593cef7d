/**
 * Generated from src/schema/create-deployment-request.schema.json by json-schema-to-typescript. Do not edit:
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

export interface CreateDeploymentRequest {
  /**
   * The stack ID.
   */
  StackId: string;
  /**
   * The app ID. This parameter is required for app deployments, but not for other deployment commands.
   */
  AppId?: string;
  /**
   * The instance IDs for the deployment targets.
   */
  InstanceIds?: string[];
  /**
   * The layer IDs for the deployment targets.
   */
  LayerIds?: string[];
  /**
   * A DeploymentCommand object that specifies the deployment command and any associated arguments.
   */
  Command: DeploymentCommand;
  /**
   * A user-defined comment.
   */
  Comment?: string;
  /**
   * A string that contains user-defined, custom JSON. You can use this parameter to override some corresponding default stack configuration JSON values. The string should be in the following format:
   * "{\"key1\": \"value1\", \"key2\": \"value2\",...}"
   * For more information about custom JSON, see Use Custom JSON to Modify the Stack Configuration Attributes (https://docs.aws.amazon.com/opsworks/latest/userguide/workingstacks-json.html) and Overriding Attributes With Custom JSON (https://docs.aws.amazon.com/opsworks/latest/userguide/workingcookbook-json-override.html).
   */
  CustomJson?: string;
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
