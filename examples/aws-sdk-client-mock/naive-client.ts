/**
 * A naive aws-sdk-client-mock setup, as many test suites have it: every CreateDeployment succeeds
 * with the same DeploymentId. Tests written against it pass for requests the real service refuses.
 */
import { CreateDeploymentCommand, OpsWorksClient } from '@aws-sdk/client-opsworks';
import { mockClient } from 'aws-sdk-client-mock';

/** The client the code under test is given. */
export const client = new OpsWorksClient({ region: 'us-east-1' });

mockClient(client).on(CreateDeploymentCommand).resolves({ DeploymentId: 'deployment-1' });
