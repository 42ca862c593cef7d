import { resolve } from 'node:path';
import { type CheckResult, getCheck, readBackVerdict, runChecks } from '../contract/check-catalog.js';
import { expectedOutcomes } from '../contract/expected-outcomes.js';
import { jsonObject } from '../contract/json-object.js';
import type { Expectation, Level, Verdict, World } from '../contract/types.js';
import { SUCCESS } from '../contract/types.js';
import { integerOption } from '../errors/integer-option.js';
import type { Fixture } from '../fixtures/fixture.js';
import { loadFixtures } from '../fixtures/load-fixtures.js';
import type { Exchange, Target } from '../targets/target.js';
import { levelsOption } from './levels-option.js';

/** Options of {@link replayFixtures}. */
export interface ReplayOptions {
  /** A fixture file, or a directory of them (resolved from `cwd`). */
  path: string;
  /**
   * Where to send them: a `--target` value, or a `Target` (used for every fixture, whatever its
   * world, and not closed: the caller owns it); default `double`.
   */
  target?: Target | string;
  /**
   * The world to judge by (and for `double`, to serve) instead of each fixture's own. Also what
   * `--allow-deployments` requires for an AWS target.
   */
  world?: World;
  /** Per-request timeout in milliseconds, an integer from 1 to 3,600,000; default 10,000. */
  timeoutMs?: number;
  /** Where relative paths (fixtures, `msw:`/`client:` modules) resolve from; default `process.cwd()`. */
  cwd?: string;
  /** SigV4-sign requests (`http(s)`, `sdk:`). */
  sign?: boolean;
  /** Let an AWS target send fixtures that may succeed (needs `world`). */
  allowDeployments?: boolean;
  /** Response bytes kept per response; default 1 MB. */
  bodyCapBytes?: number;
  /**
   * Levels whose checks may fail a fixture (at least one); default all. As in `checkTarget`, a
   * fixture no rule of these levels decides is judged unspecified, and checks of the others are
   * skipped.
   */
  levels?: readonly Level[];
  /** Stops sending; fixtures not yet replayed are left out of the results. */
  signal?: AbortSignal;
  /** Called with each target warning before anything is sent to it. */
  onWarning?: (text: string) => void;
  /** Called as each fixture is judged, in file order. */
  onResult?: (result: ReplayResult) => void;
}

/** One failed check on a replayed fixture. */
export interface ReplayFailure {
  check: string;
  rule?: string;
  level: Level;
  expected: string;
  observed: string;
  reason: string;
}

/** A send that got no HTTP answer. */
type NoAnswerExchange = Extract<Exchange, { kind: 'transport-error' }>;

/**
 * How one fixture fared:
 * - `fixed`: the target answered and no check failed;
 * - `still-failing`: the target answered (or, having answered other fixtures, failed to answer this
 *   one) and a check failed;
 * - `skipped`: the target cannot express the request, so it was not sent;
 * - `no-answer`: sent, but not judged, because it says nothing about the fixture: the connection
 *   could not be made (refused, DNS, no route), or nothing in the replay got an answer at all (every
 *   send timed out, was reset, got something that is not HTTP). Neither fixed nor still failing.
 */
export type ReplayResult =
  | {
      path: string;
      fixture: Fixture;
      status: 'fixed' | 'still-failing';
      expectation: Expectation;
      exchange: Exchange;
      /** Failed checks; empty when fixed. */
      failures: ReplayFailure[];
      /** Throttled answers retried before the one judged. */
      throttledRetries: number;
      /**
       * The verdict of the fixture's own check when it is a stateful one (`deployment-id-unique`,
       * `read-back-matches`), which one send cannot judge, so replay drives it (see
       * {@link replayFixtures}): passed, failed (then also in `failures`) or skipped with why.
       * Absent for fixtures of the per-exchange checks.
       */
      statefulCheck?: CheckResult;
    }
  | { path: string; fixture: Fixture; status: 'skipped'; why: string }
  | {
      path: string;
      fixture: Fixture;
      status: 'no-answer';
      /** The transport failure the send ended in (`reason` and `message`). */
      exchange: Extract<Exchange, { kind: 'transport-error' }>;
    };

/** Everything a replay found. */
export interface ReplayReport {
  /** The display name of the target (never with credentials). */
  targetName: string;
  results: ReplayResult[];
  fixed: number;
  stillFailing: number;
  skipped: number;
  /**
   * Fixtures sent that got no answer and so were not judged (results with status `no-answer`):
   * neither fixed nor still failing.
   */
  noAnswer: number;
  /**
   * True when something was sent and nothing answered (every result sent is `no-answer`; the CLI
   * exits 3). Not set when the target answered some fixtures and not others: see `noAnswer`.
   */
  unreachable: boolean;
  /** True when `signal` stopped the replay before every fixture was judged. */
  interrupted: boolean;
}

const THROTTLE_RETRIES = 3;

function worldKey(world: World): string {
  return JSON.stringify(world);
}

function isThrottled(exchange: Exchange): boolean {
  return exchange.kind !== 'transport-error' && exchange.classification.outcome === 'ThrottlingException';
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}

function failuresOf(results: readonly CheckResult[]): ReplayFailure[] {
  const failures: ReplayFailure[] = [];
  for (const r of results) {
    if (r.verdict.status !== 'failed') continue;
    const failure: ReplayFailure = {
      check: r.check,
      level: r.level,
      expected: r.verdict.expected,
      observed: r.verdict.observed,
      reason: r.verdict.reason,
    };
    if (r.rule !== undefined) failure.rule = r.rule;
    failures.push(failure);
  }
  return failures;
}

/** One fixture sent, with what came back, before it is judged. */
interface Sent {
  path: string;
  fixture: Fixture;
  world: World;
  exchange: Exchange;
  throttledRetries: number;
  /** The verdict of the fixture's stateful check, when it has one and the target answered. */
  stateful?: CheckResult;
}

/** The fixture checks that one send cannot judge: replay drives them itself. */
const UNIQUENESS = 'deployment-id-unique';
const READ_BACK = 'read-back-matches';

/** True when replaying `fixture` needs more than one send (its check is stateful). */
function isStatefulFixture(fixture: Fixture): boolean {
  return fixture.check === UNIQUENESS || fixture.check === READ_BACK;
}

/** A stateful check's verdict as a check result, shaped as `checkTarget` records it. */
function statefulResult(check: string, verdict: Verdict): CheckResult {
  return { check, rule: check, rules: [check], level: getCheck(check)?.level ?? 'observed', verdict };
}

/** What came back, in a few words, for the reasons a stateful check was skipped. */
function outcomeOf(exchange: Exchange): string {
  if (exchange.kind === 'transport-error') return `no answer (${exchange.reason})`;
  const c = exchange.classification;
  // Object-level targets report no status (0): say nothing of HTTP rather than a placeholder.
  return `${c.outcome}${c.status ? ` (HTTP ${c.status})` : ''}`;
}

/** The DeploymentId a send (`which`, for the reason) created, or why there is none to judge. */
function createdId(exchange: Exchange, which: string): { id: string } | { why: string } {
  if (exchange.kind === 'transport-error' || exchange.classification.outcome !== SUCCESS) {
    return { why: `${which} got ${outcomeOf(exchange)}, not a success` };
  }
  const id = exchange.classification.deploymentId;
  return typeof id === 'string' && id !== ''
    ? { id }
    : { why: `${which} got a success without a DeploymentId (result-body-shape judges that)` };
}

/**
 * Whether the stateful check of `fixture` can be judged on `first` (the answer to its first send):
 * the DeploymentId it created, or the check's result, skipped with why. `undefined` when the
 * fixture's check is a per-exchange one.
 */
function statefulStart(
  fixture: Fixture,
  first: Exchange,
  levels: readonly Level[] | undefined,
): { id: string } | { result: CheckResult } | undefined {
  if (!isStatefulFixture(fixture)) return undefined;
  const check = fixture.check;
  const level = getCheck(check)?.level ?? 'observed';
  const skip = (why: string) => ({ result: statefulResult(check, { status: 'skipped', why }) });
  // As runChecks does for a level left out: nothing to send for it either.
  if (levels !== undefined && !levels.includes(level)) return skip(`level ${level} not selected`);
  const created = createdId(first, 'the request');
  if ('why' in created) {
    return skip(
      `${created.why}: ${check === UNIQUENESS ? 'no DeploymentId to compare' : 'no deployment to read back'}`,
    );
  }
  return created;
}

/** How {@link sendRetryingThrottles} and the stateful checks reach the target. */
interface SendContext {
  target: Target;
  signal: AbortSignal | undefined;
  aborted: () => boolean;
}

/** Sends `request`, retrying throttled answers a few times with backoff. */
async function sendRetryingThrottles(
  request: Fixture['request'],
  ctx: SendContext,
): Promise<{ exchange: Exchange; throttledRetries: number }> {
  const sendOptions = ctx.signal !== undefined ? { signal: ctx.signal } : {};
  let exchange = await ctx.target.send(request, sendOptions);
  let throttledRetries = 0;
  while (isThrottled(exchange) && throttledRetries < THROTTLE_RETRIES && !ctx.aborted()) {
    throttledRetries++;
    await delay(100 * 2 ** throttledRetries, ctx.signal);
    exchange = await ctx.target.send(request, sendOptions);
  }
  return { exchange, throttledRetries };
}

/**
 * Uniqueness, as far as one fixture can show it: the same request sent a second time must not get
 * the DeploymentId the first send got (`checkTarget` compares every success of a run; a replay has
 * this fixture's request alone, and a target that hands out one id every time fails on the second
 * call). Resolves to `'interrupted'` when the signal stopped the second send.
 */
async function judgeUniqueness(
  fixture: Fixture,
  firstId: string,
  ctx: SendContext,
): Promise<CheckResult | 'interrupted'> {
  const { exchange } = await sendRetryingThrottles(fixture.request, ctx);
  if (exchange.kind === 'transport-error' && exchange.reason === 'aborted' && ctx.aborted())
    return 'interrupted';
  const second = createdId(exchange, 'the second send');
  if ('why' in second) {
    return statefulResult(UNIQUENESS, {
      status: 'skipped',
      why: `${second.why}: one DeploymentId, nothing to compare it with`,
    });
  }
  return statefulResult(
    UNIQUENESS,
    second.id === firstId
      ? {
          status: 'failed',
          expected: 'a DeploymentId not returned before',
          observed: `DeploymentId ${firstId.slice(0, 200)} twice`,
          reason: 'duplicate DeploymentId',
        }
      : { status: 'passed' },
  );
}

/**
 * Read-back, as `checkTarget` does it: the deployment the send created, read back through
 * DescribeDeployments, must be what was sent (`compareReadBack`). Skipped, with why, when the
 * target cannot read back or the call itself fails (that says nothing about the deployment).
 * Resolves to `'interrupted'` when the signal stopped the call.
 */
async function judgeReadBack(
  fixture: Fixture,
  id: string,
  ctx: SendContext,
): Promise<CheckResult | 'interrupted'> {
  const skip = (why: string): CheckResult => statefulResult(READ_BACK, { status: 'skipped', why });
  const describe = ctx.target.describeDeployments?.bind(ctx.target);
  if (!ctx.target.capabilities.readBack || describe === undefined)
    return skip('the target cannot answer DescribeDeployments');
  const body = jsonObject(fixture.request.body);
  if (body === undefined) return skip('the request has no JSON object body to compare');
  let got: unknown[] | Exchange;
  try {
    got = await describe([id], ctx.signal !== undefined ? { signal: ctx.signal } : {});
  } catch (error) {
    got = { kind: 'transport-error', reason: 'other', message: String(error), durationMs: 0 };
  }
  if (!Array.isArray(got) && got.kind === 'transport-error' && got.reason === 'aborted' && ctx.aborted())
    return 'interrupted';
  const notFound =
    !Array.isArray(got) &&
    got.kind !== 'transport-error' &&
    got.classification.outcome === 'ResourceNotFoundException';
  if (!Array.isArray(got) && !notFound) return skip(`DescribeDeployments failed: ${outcomeOf(got)}`);
  // One id asked for: an answer of one deployment is that one, even without its DeploymentId.
  return statefulResult(READ_BACK, readBackVerdict(body, id, Array.isArray(got) ? got : 'not-found'));
}

/**
 * Whether the target answered: any HTTP response, including one whose body was cut at the cap
 * (its status line and headers came back), as `checkTarget` counts answers.
 */
function isAnswer(exchange: Exchange): exchange is Exclude<Exchange, NoAnswerExchange> {
  return exchange.kind !== 'transport-error' || exchange.reason === 'oversize';
}

function judge(sent: Sent, levels: readonly Level[] | undefined): ReplayResult {
  const { path, fixture, world, exchange, throttledRetries } = sent;
  const request = fixture.request;
  // As checkTarget judges a case: the levels decide the expectation as well as which checks count.
  const selected = levels !== undefined ? { levels } : {};
  const expectation = expectedOutcomes(request, world, selected);
  const checks = runChecks({ request, expectation, exchange, world }, selected);
  // A stateful fixture judged without its verdict got no answer to its first send: skipped, with why.
  const start = sent.stateful === undefined ? statefulStart(fixture, exchange, levels) : undefined;
  const stateful = sent.stateful ?? (start !== undefined && 'result' in start ? start.result : undefined);
  if (stateful !== undefined) checks.push(stateful);
  const failures = failuresOf(checks);
  const result: ReplayResult = {
    path,
    fixture,
    status: failures.length === 0 ? 'fixed' : 'still-failing',
    expectation,
    exchange,
    failures,
    throttledRetries,
  };
  if (stateful !== undefined) result.statefulCheck = stateful;
  return result;
}

/** A send that got no answer, while it is unknown whether that is the fixture's doing. */
interface Unanswered extends Sent {
  exchange: NoAnswerExchange;
}

function noAnswer(sent: Unanswered): ReplayResult {
  return { path: sent.path, fixture: sent.fixture, status: 'no-answer', exchange: sent.exchange };
}

/**
 * Judges fixtures again against a target: each fixture's request is sent, the answer classified,
 * and every check run against what the oracle expects *now* (so a fixture written under an older
 * oracle is judged by the current rules). A fixture is `fixed` when no check fails, `still-failing`
 * otherwise (with expected vs observed per failed check), `skipped` when the target cannot express
 * it (an SDK target and a raw body, or the real-AWS gate), `no-answer` when its send got no answer
 * that could be held against it: the connection was refused, or nothing in the whole replay was
 * answered (the target is down; `unreachable` is then set). Once the target has answered one
 * fixture, a timeout or reset on another is judged (`still-failing`, by the target-answered check).
 *
 * One send cannot show the stateful checks, so a fixture whose `check` is one of them gets more
 * (its first answer is still judged by every per-exchange check): `deployment-id-unique` sends its
 * request a second time and fails when both sends succeed with the same DeploymentId;
 * `read-back-matches` reads the created deployment back through DescribeDeployments and compares
 * it with what was sent. When that cannot be done (the request did not succeed, the second send
 * did not, the target cannot read back) the check is skipped with why (`statefulCheck`) and the
 * fixture is judged by the other checks alone.
 *
 * Results keep file order. Throttled answers are retried a few times with backoff. The world is
 * each fixture's own unless `world` is given; the embedded double serves that world. Bad input
 * (options, fixtures, target spec, modules) throws `InputError` before anything is sent. Never writes
 * to the console: the CLI prints the results.
 *
 * @example
 * const report = await replayFixtures({ path: 'fixtures/regressions', target: 'http://127.0.0.1:4000' });
 * for (const r of report.results) console.log(r.status, r.path);
 */
export async function replayFixtures(options: ReplayOptions): Promise<ReplayReport> {
  // Worded as checkTarget words the same options, and checked before any fixture is read.
  integerOption('timeoutMs', options.timeoutMs, 1, 3_600_000);
  levelsOption('levels', options.levels);
  const cwd = options.cwd ?? process.cwd();
  const given = typeof options.target === 'object' ? options.target : undefined;
  const spec = typeof options.target === 'string' ? options.target : 'double';
  const loaded = await loadFixtures(resolve(cwd, options.path));
  const timeoutMs = options.timeoutMs ?? 10_000;
  // A function, not a property read: TypeScript would keep an earlier narrowing across awaits.
  const aborted = (): boolean => options.signal?.aborted === true;

  // One target per distinct world (the double serves it; the AWS gate judges by it), all resolved
  // before the first send, so a bad spec or module fails without anything sent.
  const targets = new Map<string, { world: World; target: Target }>();
  // Read-back fixtures need DescribeDeployments, which network targets offer only when asked.
  const readBack = loaded.some(({ fixture }) => fixture.check === READ_BACK);
  try {
    if (given !== undefined) for (const warning of given.warnings ?? []) options.onWarning?.(warning);
    for (const { fixture } of loaded) {
      const world = options.world ?? fixture.world;
      const key = worldKey(world);
      if (targets.has(key)) continue;
      if (given !== undefined) {
        targets.set(key, { world, target: given });
        continue;
      }
      // Loaded on demand, as in checkTarget: the CLI imports this module for `replay`, and the network
      // adapters (undici, SigV4, the AWS SDK) cost every other command, `check` included, their start-up.
      const { resolveTarget } = await import('../targets/resolve-target.js');
      const target = await resolveTarget(spec, {
        world,
        timeoutMs,
        concurrency: 1,
        cwd,
        worldGiven: options.world !== undefined,
        ...(options.sign === true ? { sign: true } : {}),
        ...(options.allowDeployments === true ? { allowDeployments: true } : {}),
        ...(options.bodyCapBytes !== undefined ? { bodyCapBytes: options.bodyCapBytes } : {}),
        ...(readBack ? { readBack: true } : {}),
      });
      targets.set(key, { world, target });
      for (const warning of target.warnings ?? []) options.onWarning?.(warning);
    }

    const results: ReplayResult[] = [];
    const emit = (result: ReplayResult): void => {
      results.push(result);
      options.onResult?.(result);
    };
    const judgeSent = (sent: Sent): ReplayResult => judge(sent, options.levels);
    // Until the target answers once, a send that got no answer (timeout, reset, not HTTP) may be the
    // target being down rather than this fixture's fault; those wait here, with everything after
    // them so results stay in file order, until an answer settles it (then they are judged) or the
    // replay ends without one (then none was replayed). Refused connections never reached the target
    // and are never judged.
    const waiting: Array<ReplayResult | Unanswered> = [];
    const settle = (asAnswered: boolean): void => {
      for (const item of waiting.splice(0)) {
        if ('status' in item) emit(item);
        else emit(asAnswered ? judgeSent(item) : noAnswer(item));
      }
    };
    let answered = false;
    let interrupted = false;
    for (const { path, fixture } of loaded) {
      if (aborted()) {
        interrupted = true;
        break;
      }
      const entry = targets.get(worldKey(options.world ?? fixture.world));
      if (entry === undefined) throw new Error('replayFixtures: no target for a fixture world');
      const { world, target } = entry;
      const request = fixture.request;
      const why = target.cannotExpress(request);
      if (why !== undefined) {
        const skipped: ReplayResult = { path, fixture, status: 'skipped', why };
        if (waiting.length > 0) waiting.push(skipped);
        else emit(skipped);
        continue;
      }
      const ctx: SendContext = { target, signal: options.signal, aborted };
      const { exchange, throttledRetries } = await sendRetryingThrottles(request, ctx);
      if (exchange.kind === 'transport-error' && exchange.reason === 'aborted' && aborted()) {
        interrupted = true;
        break;
      }
      if (isAnswer(exchange)) {
        answered = true;
        settle(true);
        // The first answer is judged by the per-exchange checks as any fixture's; a stateful check
        // needs more from the target (a second send, a read-back), asked for here.
        const start = statefulStart(fixture, exchange, options.levels);
        let stateful: CheckResult | 'interrupted' | undefined;
        if (start !== undefined && 'result' in start) stateful = start.result;
        else if (start !== undefined) {
          stateful =
            fixture.check === UNIQUENESS
              ? await judgeUniqueness(fixture, start.id, ctx)
              : await judgeReadBack(fixture, start.id, ctx);
        }
        // Half replayed is not replayed: the fixture is left out, as those not yet sent are.
        if (stateful === 'interrupted') {
          interrupted = true;
          break;
        }
        const sent: Sent = { path, fixture, world, exchange, throttledRetries };
        if (stateful !== undefined) sent.stateful = stateful;
        emit(judgeSent(sent));
        continue;
      }
      const sent: Unanswered = { path, fixture, world, exchange, throttledRetries };
      if (exchange.reason === 'refused') {
        if (waiting.length > 0) waiting.push(noAnswer(sent));
        else emit(noAnswer(sent));
      } else if (answered) {
        // The target is up (it answered another fixture): not answering this one is its fault, and
        // the target-answered check says so.
        emit(judgeSent(sent));
      } else {
        waiting.push(sent);
      }
    }
    // Nothing answered: whatever still waits got no answer from a target that never gave one.
    settle(false);
    const count = (s: ReplayResult['status']): number => results.filter((r) => r.status === s).length;
    const noAnswers = count('no-answer');
    const first = targets.values().next().value;
    return {
      targetName: first?.target.name ?? given?.name ?? spec,
      results,
      fixed: count('fixed'),
      stillFailing: count('still-failing'),
      skipped: count('skipped'),
      noAnswer: noAnswers,
      unreachable: !answered && noAnswers > 0,
      interrupted,
    };
  } finally {
    // A target the caller gave is theirs to close.
    if (given === undefined) for (const { target } of targets.values()) await target.close();
  }
}
