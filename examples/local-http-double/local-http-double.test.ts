/**
 * Running the contract against a local HTTP service: here the reference double served on a free
 * port of 127.0.0.1 (`serveDouble`, what `opsworks-contract serve` runs). Replace the server with
 * your own emulator's URL to check it the same way.
 */
import { serveDouble } from 'opsworks-contract';
import { describeContract } from 'opsworks-contract/vitest';
import { afterAll } from 'vitest';

const served = await serveDouble({ port: 0, host: '127.0.0.1' });
afterAll(() => served.close());

// Raw wire: every case is sent as bytes, wire-level faults included; deployments read back
// through DescribeDeployments.
describeContract(`local double at ${served.url}`, served.url, { numRuns: 20, seed: 3, readBack: true });
