/**
 * The public API of opsworks-contract. Named exports only; everything a user may import is listed here.
 */

export type { Check, CheckContext, CheckResult, RunChecksOptions } from './contract/check-catalog.js';
export { CHECKS, compareReadBack, getCheck, isOutcomeAllowed, runChecks } from './contract/check-catalog.js';
export type { RawResponse } from './contract/classify-response.js';
export { classifyResponse, sanitizeErrorCode } from './contract/classify-response.js';
export type { ExpectedOutcomesOptions } from './contract/expected-outcomes.js';
export { expectedOutcomes } from './contract/expected-outcomes.js';
export type { Rule } from './contract/rule-catalog.js';
export { getRule, RULE_IDS, RULES } from './contract/rule-catalog.js';
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
export { ANY_CLIENT_ERROR, LEVELS, SUCCESS, UNRECOGNIZED } from './contract/types.js';
export type { CommandName } from './contract/wire.js';
export {
  APP_COMMANDS,
  COMMAND_NAMES,
  CREATE_DEPLOYMENT_TARGET,
  DESCRIBE_DEPLOYMENTS_TARGET,
  JSON_CONTENT_TYPE,
  STACK_COMMANDS,
} from './contract/wire.js';
export type {
  DoubleDeployment,
  DoubleState,
  DoubleStateOptions,
  IndexedStack,
} from './double/core/double-state.js';
export { createDoubleState, resetDeployments } from './double/core/double-state.js';
export type { DoubleRequest } from './double/core/handle-double-request.js';
export { handleDoubleRequest } from './double/core/handle-double-request.js';
export type { DoubleHandlersOptions } from './double/create-double-handlers.js';
export { createDoubleHandlers } from './double/create-double-handlers.js';
export type { ServeDoubleOptions, ServedDouble, ServedRequest } from './double/serve-double.js';
export { serveDouble } from './double/serve-double.js';
export { InputError } from './errors/input-error.js';
export { TargetUnreachableError } from './errors/target-unreachable-error.js';
export type {
  BuildFixtureInput,
  Fixture,
  FixtureExpected,
  FixtureObserved,
  LoadedFixture,
} from './fixtures/fixture.js';
export {
  buildFixture,
  canonicalFixture,
  FIXTURE_FORMAT_VERSION,
  fixtureFileName,
  loadFixtures,
  validateFixture,
  writeFixture,
} from './fixtures/fixture.js';
export type { CategoryName } from './generators/category-names.js';
export { CATEGORY_NAMES, categoryOfLabel, WIRE_CATEGORY_NAMES } from './generators/category-names.js';
export type { CategoryRuleSpec } from './generators/category-rules.js';
export { CATEGORY_RULES } from './generators/category-rules.js';
export type {
  DeploymentArbitraries,
  DeploymentArbitrariesOptions,
} from './generators/create-deployment-arbitraries.js';
export { createDeploymentArbitraries } from './generators/create-deployment-arbitraries.js';
export { writeFileAtomic } from './io/atomic-write.js';
export type { ConsoleProgress, ConsoleSink } from './reporters/console-reporter.js';
export { createConsoleProgress, renderScorecard } from './reporters/console-reporter.js';
export { renderHtmlReport } from './reporters/html-reporter.js';
export type { JsonReport } from './reporters/json-reporter.js';
export { renderJsonReport, toJsonReport } from './reporters/json-reporter.js';
export { renderJunitReport } from './reporters/junit-reporter.js';
export { renderMarkdownReport } from './reporters/markdown-reporter.js';
export { REPORT_FILES, writeReports } from './reporters/write-reports.js';
export type { CheckOptions } from './runner/check-options.js';
export { CHECK_DEFAULTS } from './runner/check-options.js';
export { checkTarget } from './runner/check-target.js';
export type { MergedRunResult, MergeOptions, ReportSource } from './runner/merge-reports.js';
export { mergeReports, parseJsonReport } from './runner/merge-reports.js';
export type { ReplayFailure, ReplayOptions, ReplayReport, ReplayResult } from './runner/replay-fixtures.js';
export { replayFixtures } from './runner/replay-fixtures.js';
export type { ProgressCounts, RunEvent, RunEventListener, RunPhase } from './runner/run-events.js';
export type {
  CheckScore,
  ObservedOutcome,
  ReadBackSummary,
  RuleScore,
  RunResult,
  RunStatus,
  ScoreStatus,
  ShardOption,
  Violation,
} from './runner/run-result.js';
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
export type { ClientTargetOptions, SendingClient } from './targets/create-client-target.js';
export { createClientTarget } from './targets/create-client-target.js';
export type { DoubleTargetOptions } from './targets/create-double-target.js';
export { createDoubleTarget } from './targets/create-double-target.js';
export type { HttpTargetOptions } from './targets/create-http-target.js';
export { createHttpTarget, DEFAULT_BODY_CAP_BYTES } from './targets/create-http-target.js';
export type { MswTargetOptions } from './targets/create-msw-target.js';
export { createMswTarget, DEFAULT_MSW_ENDPOINT } from './targets/create-msw-target.js';
export type { RequestSigner, RequestSignerOptions } from './targets/create-request-signer.js';
export { createRequestSigner } from './targets/create-request-signer.js';
export type { SdkTargetOptions } from './targets/create-sdk-target.js';
export { createSdkTarget, PLACEHOLDER_CREDENTIALS } from './targets/create-sdk-target.js';
export { guardDeployments } from './targets/guard-deployments.js';
export type { SdkHandlerOptions, SdkRequestHandler } from './targets/per-call-abort.js';
export type { ResolveTargetOptions } from './targets/resolve-target.js';
export { resolveTarget, TARGET_FORMS } from './targets/resolve-target.js';
export type {
  Exchange,
  SendOptions,
  Target,
  TargetCapabilities,
  TransportFailureReason,
} from './targets/target.js';
export type { WireRequest } from './targets/to-wire-request.js';
export { toWireRequest } from './targets/to-wire-request.js';
export { DEFAULT_WORLD_PATH, loadDefaultWorld, loadWorld, parseWorld } from './world/load-world.js';
export { validateWorld } from './world/validate-world.js';
