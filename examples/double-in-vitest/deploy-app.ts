import { CreateDeploymentCommand, type OpsWorksClient, ValidationException } from '@aws-sdk/client-opsworks';

/**
 * A user's own code under test: deploys an app and says what happened in words a pipeline prints.
 * (The example shows how to test code like this against the reference double.)
 */
export async function deployApp(
  client: OpsWorksClient,
  stackId: string,
  appId: string | undefined,
): Promise<string> {
  try {
    const out = await client.send(
      new CreateDeploymentCommand({
        StackId: stackId,
        ...(appId !== undefined && { AppId: appId }),
        Command: { Name: 'deploy', Args: { migrate: ['true'] } },
        Comment: 'deployed by the pipeline',
      }),
    );
    return `started ${out.DeploymentId}`;
  } catch (error) {
    if (error instanceof ValidationException) return `refused: ${error.message}`;
    throw error;
  }
}
