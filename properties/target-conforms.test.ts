/**
 * The target conforms, rule by rule: one test per rule of the catalog. By default the target is the
 * embedded reference double; point it at your own service with
 *   OPSWORKS_CONTRACT_TARGET=http://127.0.0.1:4000 npx vitest run properties/
 * (add OPSWORKS_CONTRACT_READ_BACK=1 when it answers DescribeDeployments).
 */
import { describeContract } from 'opsworks-contract/vitest';
import { runsOr, settings } from './property-settings.js';

const name = settings.target === 'double' ? 'reference double' : settings.target;

describeContract(name, settings.target, {
  numRuns: runsOr(30),
  readBack: settings.readBack,
  ...(settings.seed !== undefined && { seed: settings.seed }),
});
