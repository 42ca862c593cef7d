/**
 * Constants of the awsJson1_1 wire protocol and the CreateDeployment operation, shared by the oracle,
 * the generators, the double and the targets so that none of them spells these twice.
 */

/** The protocol content type (`; charset=utf-8` may follow and must be accepted). */
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The `X-Amz-Target` prefix of every OpsWorks operation. */
export const TARGET_PREFIX = 'OpsWorks_20130218';

/** The `X-Amz-Target` of CreateDeployment. */
export const CREATE_DEPLOYMENT_TARGET = `${TARGET_PREFIX}.CreateDeployment`;

/** The `X-Amz-Target` of DescribeDeployments (read-back). */
export const DESCRIBE_DEPLOYMENTS_TARGET = `${TARGET_PREFIX}.DescribeDeployments`;

/** SigV4 signing name (documented). */
export const SIGNING_NAME = 'opsworks';

/** The 12 `DeploymentCommandName` values, in model order. */
export const COMMAND_NAMES = [
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
] as const;

/** A documented command name. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Commands that act on an app and so require `AppId` (documented). */
export const APP_COMMANDS: readonly CommandName[] = [
  'deploy',
  'rollback',
  'start',
  'stop',
  'restart',
  'undeploy',
];

/** Commands that act on the stack; `AppId` is not required. */
export const STACK_COMMANDS: readonly CommandName[] = COMMAND_NAMES.filter((n) => !APP_COMMANDS.includes(n));

/** The top-level members of CreateDeploymentRequest, in model order. */
export const REQUEST_MEMBERS = [
  'StackId',
  'AppId',
  'InstanceIds',
  'LayerIds',
  'Command',
  'Comment',
  'CustomJson',
] as const;

/** The members of DeploymentCommand. */
export const COMMAND_MEMBERS = ['Name', 'Args'] as const;

/**
 * CustomJson size limit (User Guide: "120 KB", unit not said). At most this many UTF-8 bytes is
 * surely within the limit.
 */
export const CUSTOM_JSON_SURELY_WITHIN_BYTES = 120_000;

/** More than this many characters is surely over the 120 KB limit (120 × 1024). */
export const CUSTOM_JSON_SURELY_OVER_CHARS = 122_880;

/** Nesting deeper than this is unspecified (server JSON parsers commonly cap depth). */
export const CUSTOM_JSON_DEPTH_LIMIT = 1000;

/**
 * Every operation of the OpsWorks API (from the Smithy model), so a request aimed at another OpsWorks
 * operation is told apart from one aimed at no operation at all.
 */
export const OPERATION_NAMES: readonly string[] = [
  'AssignInstance',
  'AssignVolume',
  'AssociateElasticIp',
  'AttachElasticLoadBalancer',
  'CloneStack',
  'CreateApp',
  'CreateDeployment',
  'CreateInstance',
  'CreateLayer',
  'CreateStack',
  'CreateUserProfile',
  'DeleteApp',
  'DeleteInstance',
  'DeleteLayer',
  'DeleteStack',
  'DeleteUserProfile',
  'DeregisterEcsCluster',
  'DeregisterElasticIp',
  'DeregisterInstance',
  'DeregisterRdsDbInstance',
  'DeregisterVolume',
  'DescribeAgentVersions',
  'DescribeApps',
  'DescribeCommands',
  'DescribeDeployments',
  'DescribeEcsClusters',
  'DescribeElasticIps',
  'DescribeElasticLoadBalancers',
  'DescribeInstances',
  'DescribeLayers',
  'DescribeLoadBasedAutoScaling',
  'DescribeMyUserProfile',
  'DescribeOperatingSystems',
  'DescribePermissions',
  'DescribeRaidArrays',
  'DescribeRdsDbInstances',
  'DescribeServiceErrors',
  'DescribeStackProvisioningParameters',
  'DescribeStackSummary',
  'DescribeStacks',
  'DescribeTimeBasedAutoScaling',
  'DescribeUserProfiles',
  'DescribeVolumes',
  'DetachElasticLoadBalancer',
  'DisassociateElasticIp',
  'GetHostnameSuggestion',
  'GrantAccess',
  'ListTags',
  'RebootInstance',
  'RegisterEcsCluster',
  'RegisterElasticIp',
  'RegisterInstance',
  'RegisterRdsDbInstance',
  'RegisterVolume',
  'SetLoadBasedAutoScaling',
  'SetPermission',
  'SetTimeBasedAutoScaling',
  'StartInstance',
  'StartStack',
  'StopInstance',
  'StopStack',
  'TagResource',
  'UnassignInstance',
  'UnassignVolume',
  'UntagResource',
  'UpdateApp',
  'UpdateElasticIp',
  'UpdateInstance',
  'UpdateLayer',
  'UpdateMyUserProfile',
  'UpdateRdsDbInstance',
  'UpdateStack',
  'UpdateUserProfile',
  'UpdateVolume',
];
