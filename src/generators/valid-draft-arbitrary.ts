import * as fc from 'fast-check';
import { APP_COMMANDS, type CommandName, JSON_CONTENT_TYPE } from '../contract/wire.js';
import { validArgsArbitrary } from './args-arbitrary.js';
import { commentArbitrary } from './comment-arbitrary.js';
import { customJsonArbitrary } from './custom-json-arbitrary.js';
import type { Body, Draft } from './draft.js';
import { optionalMember, putOptional } from './optional-member.js';
import { COMMAND_NAME_ENUM } from './request-shape.js';
import { stackAt, type WorldView } from './world-view.js';

/** How valid drafts are drawn. */
export interface ValidDraftOptions {
  /** Commands to draw from; all 12 when absent. */
  commands?: readonly CommandName[];
  /** Draw `null` for optional members (the protocol reads it as absent). */
  nulls: boolean;
  /** Now and then draw large values (CustomJson near 120 KB, comments of thousands of characters). */
  big: boolean;
  /**
   * Draw app commands on every stack, with AppId only where the stack has apps. For bases of invalid
   * cases whose mutation replaces or removes AppId, so they exist even in a world without apps.
   */
  anyStack?: boolean;
  /** Only the plain protocol Content-Type (object-level targets cannot send the charset spelling). */
  plainContentType?: boolean;
}

/** Both spellings of the protocol content type a service must accept. */
export const VALID_CONTENT_TYPES = [JSON_CONTENT_TYPE, `${JSON_CONTENT_TYPE}; charset=utf-8`] as const;

function subset(ids: readonly string[], picks: readonly number[]): string[] {
  return picks.filter((i) => i < ids.length).map((i) => ids[i] as string);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * A valid request for one command, drawn for a stack from `stackIndexes`. The member order follows
 * the model; every optional member is independently absent, `null` or present.
 */
function draftForCommand(
  view: WorldView,
  command: CommandName,
  stackIndexes: readonly number[],
  options: ValidDraftOptions,
): fc.Arbitrary<Draft> {
  const isApp = APP_COMMANDS.includes(command);
  return fc
    .record({
      stack: fc.constantFrom(...stackIndexes),
      app: fc.nat({ max: 63 }),
      instances: optionalMember(fc.subarray(range(view.maxInstances)), options),
      layers: optionalMember(fc.subarray(range(view.maxLayers)), options),
      args: validArgsArbitrary(command, options),
      comment: optionalMember(commentArbitrary(options), options),
      customJson: optionalMember(customJsonArbitrary(options), options),
      contentType:
        options.plainContentType === true
          ? fc.constant(JSON_CONTENT_TYPE)
          : fc.constantFrom(...VALID_CONTENT_TYPES),
    })
    .map((r): Draft => {
      const stack = stackAt(view, r.stack);
      const body: Body = { StackId: stack.StackId };
      const appId = stack.AppIds[r.app % Math.max(1, stack.AppIds.length)];
      if (isApp && appId !== undefined) body.AppId = appId;
      putOptional(
        body,
        'InstanceIds',
        Array.isArray(r.instances) ? subset(stack.InstanceIds, r.instances) : r.instances,
      );
      putOptional(body, 'LayerIds', Array.isArray(r.layers) ? subset(stack.LayerIds, r.layers) : r.layers);
      const cmd: Body = { Name: command };
      putOptional(cmd, 'Args', r.args);
      body.Command = cmd;
      putOptional(body, 'Comment', r.comment);
      putOptional(body, 'CustomJson', r.customJson);
      return { stackIndex: r.stack, body, contentType: r.contentType };
    });
}

/**
 * Valid drafts over the whole documented surface: every command equally often, AppId (from the same
 * stack) exactly for app commands, documented Args, InstanceIds and LayerIds as subsets of the stack's
 * own. App commands are left out when no stack has an app (no valid app request exists then).
 */
export function validDraftArbitrary(view: WorldView, options: ValidDraftOptions): fc.Arbitrary<Draft> {
  const all = range(view.stacks.length);
  const appStacks = options.anyStack === true ? all : view.appStackIndexes;
  const commands = (options.commands ?? COMMAND_NAME_ENUM).filter(
    (c) => !APP_COMMANDS.includes(c) || appStacks.length > 0,
  );
  if (commands.length === 0 || view.stacks.length === 0) {
    throw new Error(
      'generators: no valid request can be drawn from this world (no stacks, or no apps for app commands)',
    );
  }
  return fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    ...commands.map((c) => draftForCommand(view, c, APP_COMMANDS.includes(c) ? appStacks : all, options)),
  );
}
