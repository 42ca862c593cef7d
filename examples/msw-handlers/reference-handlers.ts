/**
 * The reference double as msw handlers: a drop-in for hand-written handlers in a team's own tests
 * (`setupServer(...handlers)`), conformant by construction and checked by this suite.
 */
import type { RequestHandler } from 'msw';
import { createDoubleHandlers } from 'opsworks-contract';

/** What `msw:` targets load. */
export const handlers: RequestHandler[] = createDoubleHandlers();
