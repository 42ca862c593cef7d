import * as fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { APP_COMMANDS, type CommandName, JSON_CONTENT_TYPE } from '../contract/wire.js';
import { type Args, validArgsArbitrary } from './args-arbitrary.js';
import { commentArbitrary } from './comment-arbitrary.js';
import { customJsonArbitrary } from './custom-json-arbitrary.js';
import type { Body, Draft } from './draft.js';
import { ABSENT, OPTIONAL_WEIGHTS, type OptionalValue } from './optional-member.js';
import { COMMAND_NAME_ENUM } from './request-shape.js';
import { wantsSmall } from './wants-small.js';
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

/** AppId is the drawn number modulo the stack's app count (as many apps as any world is likely to hold). */
const APP_PICKS = 64;

/** One command the draft may carry: the stacks it may run on and its documented Args. */
interface CommandPlan {
  readonly name: CommandName;
  readonly isApp: boolean;
  readonly stacks: readonly number[];
  readonly args: fc.Arbitrary<OptionalValue<Args>>;
}

/** Everything a draft was drawn from: its shrinking context. Never mutated once made. */
interface Picks {
  readonly command: number;
  /** Index into the command's `stacks`. */
  readonly stack: number;
  readonly app: number;
  /** Indexes into the stack's InstanceIds / LayerIds (those past its end are dropped). */
  readonly instances: OptionalValue<readonly number[]>;
  readonly layers: OptionalValue<readonly number[]>;
  readonly args: fc.Value<OptionalValue<Args>>;
  readonly comment: OptionalValue<fc.Value<string>>;
  readonly customJson: OptionalValue<fc.Value<string>>;
  readonly contentType: number;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Valid drafts over the whole documented surface: every command equally often, AppId (from the same
 * stack) exactly for app commands, documented Args, InstanceIds and LayerIds as subsets of the stack's
 * own, each optional member independently absent, `null` or present, in the model's member order.
 * App commands are left out when no stack has an app (no valid app request exists then).
 *
 * Drawn straight from fast-check's random source rather than composed from `fc.record`, `fc.oneof`,
 * `fc.constantFrom`, `fc.subarray` and `fc.map`: that composition (about fifteen nodes, each building
 * its own `Value` and context) was a third of the cost of an invalid case, every one of which starts
 * from a valid draft. Members with their own arbitraries (Args, Comment, CustomJson) still come from
 * them, with their contexts kept, so they shrink as before. Shrinking goes toward the first command on
 * the first stack, every optional member absent, smaller ID subsets and the plain Content-Type.
 *
 * @example
 * fc.sample(validDraftArbitrary(view, { nulls: true, big: false }), 1)[0].body.StackId // an ID of the world
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
  const plans = commands.map((name): CommandPlan => {
    const isApp = APP_COMMANDS.includes(name);
    return { name, isApp, stacks: isApp ? appStacks : all, args: validArgsArbitrary(name, options) };
  });
  return new ValidDraftArbitrary(view, plans, options);
}

class ValidDraftArbitrary extends fc.Arbitrary<Draft> {
  private readonly comment: fc.Arbitrary<string>;
  private readonly customJson: fc.Arbitrary<string>;
  private readonly contentTypes: readonly string[];
  private readonly optionalTotal: number;

  constructor(
    private readonly view: WorldView,
    private readonly plans: readonly CommandPlan[],
    options: ValidDraftOptions,
  ) {
    super();
    this.comment = commentArbitrary(options);
    this.customJson = customJsonArbitrary(options);
    this.contentTypes = options.plainContentType === true ? [JSON_CONTENT_TYPE] : VALID_CONTENT_TYPES;
    const { absent, value } = OPTIONAL_WEIGHTS;
    this.optionalTotal = absent + value + (options.nulls ? OPTIONAL_WEIGHTS.null : 0);
  }

  override generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<Draft> {
    const command = mrng.nextInt(0, this.plans.length - 1);
    const plan = this.plans[command] as CommandPlan;
    const stack = mrng.nextInt(0, plan.stacks.length - 1);
    const app = mrng.nextInt(0, APP_PICKS - 1);
    // drawNone: absent, null, or undefined when the member holds a value (drawn right after).
    let none = this.drawNone(mrng);
    const instances = none === undefined ? drawSubset(mrng, biasFactor, this.view.maxInstances) : none;
    none = this.drawNone(mrng);
    const layers = none === undefined ? drawSubset(mrng, biasFactor, this.view.maxLayers) : none;
    const args = plan.args.generate(mrng, biasFactor);
    none = this.drawNone(mrng);
    const comment = none === undefined ? this.comment.generate(mrng, biasFactor) : none;
    none = this.drawNone(mrng);
    const customJson = none === undefined ? this.customJson.generate(mrng, biasFactor) : none;
    const contentType = this.contentTypes.length === 1 ? 0 : mrng.nextInt(0, this.contentTypes.length - 1);
    return this.toValue({ command, stack, app, instances, layers, args, comment, customJson, contentType });
  }

  override canShrinkWithoutContext(_value: unknown): _value is Draft {
    // A draft does not say which picks made it (AppId is a pick modulo the app count, say).
    return false;
  }

  override shrink(_value: Draft, context: unknown): fc.Stream<fc.Value<Draft>> {
    if (context === undefined) return fc.Stream.nil();
    return fc.stream(this.smallerPicks(context as Picks)).map((p) => this.toValue(p));
  }

  /**
   * By the odds `optionalMember` draws with ({@link OPTIONAL_WEIGHTS}): absent, `null`, or
   * `undefined` when the optional member holds a value.
   */
  private drawNone(mrng: fc.Random): typeof ABSENT | null | undefined {
    const roll = mrng.nextInt(0, this.optionalTotal - 1);
    if (roll < OPTIONAL_WEIGHTS.absent) return ABSENT;
    return roll < this.optionalTotal - OPTIONAL_WEIGHTS.value ? null : undefined;
  }

  private toValue(picks: Picks): fc.Value<Draft> {
    const plan = this.plans[picks.command] as CommandPlan;
    const stackIndex = plan.stacks[picks.stack] as number;
    const stack = stackAt(this.view, stackIndex);
    const body: Body = { StackId: stack.StackId };
    const appId = stack.AppIds[picks.app % Math.max(1, stack.AppIds.length)];
    if (plan.isApp && appId !== undefined) body.AppId = appId;
    if (picks.instances !== ABSENT) body.InstanceIds = subsetOf(stack.InstanceIds, picks.instances);
    if (picks.layers !== ABSENT) body.LayerIds = subsetOf(stack.LayerIds, picks.layers);
    const cmd: Body = { Name: plan.name };
    const args = picks.args.value_;
    if (args !== ABSENT) cmd.Args = args;
    body.Command = cmd;
    if (picks.comment !== ABSENT) body.Comment = picks.comment === null ? null : picks.comment.value_;
    if (picks.customJson !== ABSENT)
      body.CustomJson = picks.customJson === null ? null : picks.customJson.value_;
    const draft: Draft = { stackIndex, body, contentType: this.contentTypes[picks.contentType] as string };
    return new fc.Value(draft, picks);
  }

  /** Smaller picks than `p`, simplest first; each differs from `p` in one pick. */
  private *smallerPicks(p: Picks): Generator<Picks> {
    const plan = this.plans[p.command] as CommandPlan;
    if (p.command !== 0) {
      const to = this.plans[0] as CommandPlan;
      // Same stack when the first command may run on it; the first command's Args start from a fixed
      // draw (they cannot carry over: each command has its own), and shrink on from there.
      const stack = Math.max(0, to.stacks.indexOf(plan.stacks[p.stack] as number));
      const args = to.args.generate(new fc.Random(xoroshiro128plus(0)), undefined);
      yield { ...p, command: 0, stack, args };
    }
    if (p.stack !== 0) yield { ...p, stack: 0 };
    if (p.app !== 0 && plan.isApp) yield { ...p, app: 0 };
    for (const instances of smallerSubsets(p.instances)) yield { ...p, instances };
    for (const layers of smallerSubsets(p.layers)) yield { ...p, layers };
    for (const args of plan.args.shrink(p.args.value_, p.args.context)) yield { ...p, args };
    for (const comment of smallerMember(this.comment, p.comment)) yield { ...p, comment };
    for (const customJson of smallerMember(this.customJson, p.customJson)) yield { ...p, customJson };
    if (p.contentType !== 0) yield { ...p, contentType: 0 };
  }
}

function subsetOf(ids: readonly string[], picked: readonly number[] | null): string[] | null {
  if (picked === null) return null;
  const out: string[] = [];
  for (const i of picked) if (i < ids.length) out.push(ids[i] as string);
  return out;
}

/**
 * A subset of `0..n-1` in order, each index in with even odds (30 of them per draw); when fast-check
 * asks for small values, empty or one index.
 */
function drawSubset(mrng: fc.Random, biasFactor: number | undefined, n: number): number[] {
  const out: number[] = [];
  if (n === 0) return out;
  if (wantsSmall(mrng, biasFactor)) {
    if (mrng.nextBoolean()) out.push(mrng.nextInt(0, n - 1));
    return out;
  }
  for (let start = 0; start < n; start += 30) {
    const width = Math.min(30, n - start);
    const bits = mrng.nextInt(0, 2 ** width - 1);
    for (let b = 0; b < width; b++) if ((bits >>> b) & 1) out.push(start + b);
  }
  return out;
}

/** Absent first, then (for a list) empty, then one index fewer. */
function* smallerSubsets(
  picked: OptionalValue<readonly number[]>,
): Generator<OptionalValue<readonly number[]>> {
  if (picked === ABSENT) return;
  yield ABSENT;
  if (picked === null || picked.length === 0) return;
  yield [];
  if (picked.length === 1) return;
  for (let i = 0; i < picked.length; i++) yield [...picked.slice(0, i), ...picked.slice(i + 1)];
}

/** Absent first, then the member's own shrinks. */
function* smallerMember<T>(
  arbitrary: fc.Arbitrary<T>,
  picked: OptionalValue<fc.Value<T>>,
): Generator<OptionalValue<fc.Value<T>>> {
  if (picked === ABSENT) return;
  yield ABSENT;
  if (picked === null) return;
  yield* arbitrary.shrink(picked.value_, picked.context);
}
