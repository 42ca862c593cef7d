/**
 * The `opsworks-contract/vitest` subpath: contract suites for vitest. The only place the package
 * imports vitest, so the main entry works without it.
 *
 * @example
 * import { describeContract, expectConformant, createDeploymentArbitraries } from 'opsworks-contract/vitest';
 * describeContract('our emulator', 'http://127.0.0.1:4000');
 */

export type {
  DeploymentArbitraries,
  DeploymentArbitrariesOptions,
} from '../generators/create-deployment-arbitraries.js';
export { createDeploymentArbitraries } from '../generators/create-deployment-arbitraries.js';
export { loadDefaultWorld } from '../world/load-world.js';
export { envRuns, envSeed, RUNS_ENV, SEED_ENV, TARGET_ENV } from './contract-env.js';
export type {
  ContractTarget,
  DescribeContractOptions,
  RuleTestResult,
} from './describe-contract.js';
export { describeContract } from './describe-contract.js';
export type {
  ConformantRequest,
  ConformantResponse,
  ExpectConformantOptions,
} from './expect-conformant.js';
export { expectConformant } from './expect-conformant.js';
export type { RuleCaseCounts } from './judge-rule-case.js';
export type { RuleTestKind } from './plan-rule-tests.js';
