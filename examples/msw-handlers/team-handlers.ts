/**
 * A team's own msw handlers for OpsWorks, as they might be written by hand for a deploy tool's
 * tests. They check the obvious (StackId, an app command's AppId) but miss the less obvious:
 * CustomJson is never parsed, unknown stacks are accepted, and errors carry no error type.
 */
import { HttpResponse, http } from 'msw';

const STACK_ID = '0426aba7-d9a4-4e01-87a3-6b4d1145b26d';
const APP_COMMANDS = ['deploy', 'rollback', 'start', 'stop', 'restart', 'undeploy'];
let next = 0;

/** What `msw:` targets (and `setupServer(...handlers)` in the team's tests) load. */
export const handlers = [
  http.post('https://opsworks.us-east-1.amazonaws.com/', async ({ request }) => {
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    const command = body.Command as { Name?: string } | undefined;
    if (typeof body.StackId !== 'string' || command?.Name === undefined) {
      // Bug: no __type or X-Amzn-ErrorType, so an SDK cannot tell which error this is.
      return HttpResponse.json({ message: 'StackId and Command.Name are required' }, { status: 400 });
    }
    if (APP_COMMANDS.includes(command.Name) && typeof body.AppId !== 'string') {
      return HttpResponse.json(
        { __type: 'ValidationException', message: 'AppId is required' },
        { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } },
      );
    }
    next += 1;
    return HttpResponse.json(
      { DeploymentId: `deployment-${next}` },
      { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${next}` } },
    );
  }),
];

/** The stack these handlers were written for (to show it is the only one they know of). */
export const KNOWN_STACK_ID = STACK_ID;
