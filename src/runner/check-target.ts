import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import type * as fc from 'fast-check';
import type { CheckResult } from '../contract/check-catalog.js';
import { compareReadBack, getCheck, readBackVerdict, runChecks } from '../contract/check-catalog.js';
import { expectedOutcomes } from '../contract/expected-outcomes.js';
import { jsonObject } from '../contract/json-object.js';
import { getRule } from '../contract/rule-catalog.js';
import type { Case, Expectation, Level, World } from '../contract/types.js';
import { LEVELS, SUCCESS } from '../contract/types.js';
import { InputError } from '../errors/input-error.js';
import { integerOption } from '../errors/integer-option.js';
import { CATEGORY_RULES } from '../generators/category-rules.js';
import { checkWritableDir } from '../io/check-writable-dir.js';
import { redactHeaders, redactText, secretsFromEnv } from '../io/redact.js';
import { createDoubleTarget } from '../targets/create-double-target.js';
import type { Exchange, Target } from '../targets/target.js';
import { unreachableQuestion } from '../targets/unreachable-question.js';
import { loadDefaultWorld } from '../world/load-world.js';
import { validateWorld } from '../world/validate-world.js';
import { generateCase } from './case-random.js';
import { caseStreams } from './case-streams.js';
import { CHECK_DEFAULTS, type CheckOptions } from './check-options.js';
import { DeploymentIdRegistry } from './deployment-id-registry.js';
import { levelsOption } from './levels-option.js';
import { type RandomPhaseWorkerData, startRandomPhaseWorkers } from './random-phase-workers.js';
import {
  RANDOM_CHUNK_SIZE,
  type RandomPhasePlan,
  randomChunkCount,
  randomChunkIndices,
  type SliceOutcome,
} from './random-slice.js';
import type { RunEvent, RunPhase } from './run-events.js';
import type { RunResult, RunStatus, ShardOption, Violation } from './run-result.js';
import { type CaseOrigin, type CaseVerdict, categoryOf, type FailureGroup, RunTally } from './run-tally.js';
import { sendWithRetry } from './send-with-retry.js';

/** How long requests in flight may finish after an interrupt. */
const INTERRUPT_GRACE_MS = 2_000;
/** Consecutive unreachable sends, with no answer ever, after which the run stops as unreachable. */
const UNREACHABLE_AFTER = 8;
/** Progress events at most this often. */
const PROGRESS_EVERY_MS = 250;
/** The in-process loop yields to the event loop this often, so signals and timers run. */
const YIELD_EVERY_MS = 25;

/** Throttle retries per case. */
const MAX_RETRIES = 4;
/** After this many throttled answers in a row, stop retrying (the target throttles everything). */
const THROTTLE_CIRCUIT = 64;
/** With nothing judged yet, this many cases throttled in a row end the run (as unreachable). */
const THROTTLE_STOP = 16;
/** Coverage top-up rounds (over every category) while unexercised rules keep getting reached. */
const MAX_TOP_UP_ROUNDS = 8;
/** Rules some generator category claims to decide (the coverage phase's goal). */
const CLAIMED_RULES: ReadonlySet<string> = new Set([
  ...Object.values(CATEGORY_RULES).flatMap((spec) => spec.rules),
  // The compound stream (a framework fault on an unknown stack) claims the Coral order.
  'validation-before-business',
]);
/**
 * Read-back: every success of the coverage phase up to this many; in the random phase, the successes
 * among the first `READ_BACK_FIRST` cases and then one case index in `READ_BACK_EVERY`. Chosen by
 * case index, not by success count, so the same cases are read back however many workers share
 * the random phase.
 */
const READ_BACK_FIRST = 32;
const READ_BACK_EVERY = 32;
const READ_BACK_BATCH = 16;
/**
 * A sampled deployment is read back before this many more successes, whatever the batch: services
 * (the double included) may forget old deployments, and a forgotten one is not a read-back failure.
 */
const READ_BACK_MAX_AGE = 128;
/**
 * Deployments the embedded double keeps. Bounded so its memory does not grow with the run (each keeps
 * its CustomJson, up to 120 KB); read-back happens within `READ_BACK_MAX_AGE` successes of creation.
 */
// 256, not 1,000: a DescribeDeployments by StackId (wire-wrong-target cases) lists every deployment
// kept, and at 1,000 those answers ran to megabytes whose building and parsing were ~15% of a run.
const DOUBLE_MAX_DEPLOYMENTS = 256;
/**
 * Random phases against the embedded double of at least this many cases are shared between this
 * process and worker processes (one process per core, up to `MAX_WORKERS`), each with its own copy
 * of the double. Below it the second core does not pay here: a worker is ready 0.6 s after it is
 * forked and runs cold for a while, and on this 2-vCPU VM a second busy process slows the first
 * (measured, `check --runs N --workers 1|2`, 3 rounds: 10k 1.8 vs 2.0-2.6 s, 20k 2.7-2.9 vs 3.1-3.5
 * s, 40k mixed, 80k 1.1-1.4x faster with a worker).
 */
export const WORKERS_MIN_RUNS = 40_000;
const MAX_WORKERS = 8;

/** Random-phase cases drawn in one go (see `chunkJobs`). */
const CASE_BATCH = 32;

/** One case to run: which arbitrary (stream) and which index, so it can be regenerated. */
interface Job extends CaseOrigin {
  phase: RunPhase;
  /** The case, when it was drawn ahead with others (random phase). */
  case?: Case;
}

interface PendingReadBack {
  /** Which success this was (for the age bound). */
  successNo: number;
  case: Case;
  origin: CaseOrigin;
  expectation: Expectation;
  exchange: Exchange;
  body: Record<string, unknown>;
  deploymentId: string;
  verdict: CaseVerdict;
}

/** What one evaluation of a case showed (used while shrinking). */
interface Evaluation {
  case: Case;
  expectation: Expectation;
  result: CheckResult;
  exchange: Exchange;
}

/** Resolves after the event loop has run its pending I/O and timers (a SIGINT handler among them). */
function turnOfTheEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Checks the options before anything runs, so a bad one throws before any request or file. */
function validateOptions(options: CheckOptions): void {
  integerOption('runs', options.runs, 0, 100_000_000);
  integerOption('concurrency', options.concurrency, 1, 1024);
  integerOption('timeoutMs', options.timeoutMs, 1, 3_600_000);
  integerOption('maxShrinkSends', options.maxShrinkSends, 0, 1_000_000);
  integerOption('maxShrinkMs', options.maxShrinkMs, 0, 3_600_000);
  integerOption('coveragePerCategory', options.coveragePerCategory, 0, 10_000);
  integerOption('maxCases', options.maxCases, 1, 1_000_000_000);
  integerOption('workers', options.workers, 1, 64);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new InputError(`seed: expected an integer, got ${String(options.seed)}`);
  }
  levelsOption('levels', options.levels);
  const shard = options.shard;
  if (shard !== undefined) {
    if (
      !Number.isInteger(shard.count) ||
      shard.count < 1 ||
      !Number.isInteger(shard.index) ||
      shard.index < 1 ||
      shard.index > shard.count
    ) {
      throw new InputError(
        `shard: expected index/count with 1 ≤ index ≤ count, got ${shard.index}/${shard.count}`,
      );
    }
  }
}

function emit(listener: CheckOptions['onEvent'], event: RunEvent): void {
  if (listener === undefined) return;
  try {
    listener(event);
  } catch {
    // A reporter's bug must not end the run; the result still carries everything.
  }
}

/**
 * Checks a target against the CreateDeployment contract: a coverage phase (every generator category,
 * then more rounds while rules remain unexercised), then `runs` random cases; every exchange goes
 * through every check; DeploymentIds must be unique and created deployments read back as sent;
 * failures are grouped by check, rule and category, and one representative per group is shrunk,
 * replaying against the target, to a minimal counterexample. Writes the reports (and fixtures) and
 * resolves to the result; it never exits the process and never prints.
 *
 * Throws `InputError` for bad options or a bad target spec before anything is sent or written.
 *
 * @example
 * const result = await checkTarget({ target: 'http://127.0.0.1:4566', runs: 1000, seed: 7 });
 * if (result.status !== 'conformant') console.log(result.violations[0]?.request);
 */
export async function checkTarget(options: CheckOptions = {}): Promise<RunResult> {
  validateOptions(options);
  const cwd = options.cwd ?? process.cwd();
  // An output directory that cannot be written is a bad invocation, found before anything is sent,
  // not a crash after the whole run (checked without writing, so a refusal leaves nothing behind).
  const reportDirOption = options.reportDir === undefined ? CHECK_DEFAULTS.reportDir : options.reportDir;
  if (reportDirOption !== null) await checkWritableDir(resolve(cwd, reportDirOption), '--report-dir');
  if (options.fixturesDir !== undefined) {
    await checkWritableDir(resolve(cwd, options.fixturesDir), '--fixtures-dir');
  }
  // A world object gets the world file's checks (stacks, IDs present, non-empty and unique), and the
  // lists it may leave out filled in, before it reaches the generators and the double.
  const world = options.world === undefined ? loadDefaultWorld() : validateWorld(options.world, 'world');
  const timeoutMs = options.timeoutMs ?? CHECK_DEFAULTS.timeoutMs;
  const concurrency = options.concurrency ?? CHECK_DEFAULTS.concurrency;
  const spec = options.target ?? CHECK_DEFAULTS.target;
  let target: Target;
  if (typeof spec !== 'string') target = spec;
  else if (spec.trim() === 'double') {
    target = createDoubleTarget({ world, state: { maxDeployments: DOUBLE_MAX_DEPLOYMENTS } });
  } else {
    // Loaded on demand: the network adapters pull in undici, msw and the AWS SDK (seconds of startup
    // that the default run against the embedded double does not need).
    const { resolveTarget } = await import('../targets/resolve-target.js');
    target = await resolveTarget(spec, {
      world,
      timeoutMs,
      concurrency,
      cwd,
      ...(options.sign !== undefined && { sign: options.sign }),
      ...(options.allowDeployments !== undefined && { allowDeployments: options.allowDeployments }),
      ...(options.worldGiven !== undefined && { worldGiven: options.worldGiven }),
      ...(options.readBack !== undefined && { readBack: options.readBack }),
    });
  }
  try {
    return await runChecksAgainst(target, world, options, {
      cwd,
      timeoutMs,
      concurrency,
      // Only a double this call made can be copied into other processes (a caller's Target cannot).
      ownsDouble: typeof spec === 'string' && spec.trim() === 'double',
    });
  } finally {
    if (typeof spec === 'string') await target.close().catch(() => undefined);
  }
}

/**
 * Runs chunks of the random phase (see `random-slice.ts`), as `nextChunk` deals them, against a fresh
 * copy of the embedded double, with no coverage phase, shrinking or reports, and resolves to their
 * counts. The entry of the random-phase worker processes; not part of the public API.
 */
export async function runRandomSlice(
  data: RandomPhaseWorkerData,
  control: {
    signal: AbortSignal;
    onEvent: CheckOptions['onEvent'];
    nextChunk: () => Promise<number | undefined>;
  },
): Promise<SliceOutcome> {
  const target = createDoubleTarget({ world: data.world, state: { maxDeployments: data.maxDeployments } });
  let outcome: SliceOutcome | undefined;
  await runChecksAgainst(
    target,
    data.world,
    {
      seed: data.seed,
      runs: data.runs,
      levels: data.levels,
      ...(data.shard !== undefined && { shard: data.shard }),
      coveragePerCategory: 0,
      shrink: false,
      reportDir: null,
      signal: control.signal,
      ...(control.onEvent !== undefined && { onEvent: control.onEvent }),
    },
    { cwd: process.cwd(), timeoutMs: CHECK_DEFAULTS.timeoutMs, concurrency: 1, ownsDouble: false },
    {
      chunkSize: data.chunkSize,
      nextChunk: control.nextChunk,
      done: (o) => {
        outcome = o;
      },
    },
  );
  if (outcome === undefined) throw new Error('the slice ended without counts');
  return outcome;
}

/**
 * How many processes (this one included) share the random phase: one per core for long runs against
 * a double we own.
 */
function plannedWorkers(options: CheckOptions, runs: number, ownsDouble: boolean): number {
  if (!ownsDouble || options.maxCases !== undefined) return 1;
  if (options.workers !== undefined) return options.workers;
  if (runs < WORKERS_MIN_RUNS) return 1;
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
}

async function runChecksAgainst(
  target: Target,
  world: World,
  options: CheckOptions,
  base: { cwd: string; timeoutMs: number; concurrency: number; ownsDouble: boolean },
  /** Set in a random-phase worker process: run only the chunks dealt to it and hand back the counts. */
  sliceRun?: {
    chunkSize: number;
    nextChunk: () => Promise<number | undefined>;
    done: (outcome: SliceOutcome) => void;
  },
): Promise<RunResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const levels: Level[] = [...(options.levels ?? LEVELS)];
  const seed = options.seed ?? Math.floor(Math.random() * 0x7fff_ffff);
  const runs = options.runs ?? CHECK_DEFAULTS.runs;
  const perCategory = options.coveragePerCategory ?? CHECK_DEFAULTS.coveragePerCategory;
  const shard: ShardOption | undefined = options.shard;
  const listener = options.onEvent;
  // The embedded double answers synchronously: one driver loop beats a pool of awaiting workers.
  const inProcess = target.name === 'double';
  const workers = inProcess ? 1 : base.concurrency;
  const readBack = options.readBack ?? target.capabilities.readBack;
  const canReadBack = readBack && typeof target.describeDeployments === 'function';
  const uniquenessLevel = getCheck('deployment-id-unique')?.level ?? 'observed';
  const readBackLevel = getCheck('read-back-matches')?.level ?? 'observed';
  const judgeUniqueness = levels.includes(uniquenessLevel);
  const judgeReadBack = canReadBack && levels.includes(readBackLevel);
  /** Rules of the selected levels no case has reached: `--rules` leaves the others' checks skipped. */
  const unexercisedSelected = (): string[] =>
    tally.unexercisedRules().filter((id) => {
      const level = getRule(id)?.level;
      return level === undefined || levels.includes(level);
    });

  // Stream 0 is the random phase; 1 the valid cases; 2.. one per category, then compound cases
  // (coverage phase). Random-phase worker processes build the same list (`caseStreams`).
  const streams = caseStreams(world, target.capabilities);

  const tally = new RunTally(levels);
  const ids = new DeploymentIdRegistry();
  const notes: string[] = [];
  const phaseCounts = { coverage: 0, random: 0 };
  let duplicateIds = 0;
  let phase: RunPhase = 'coverage';

  // Interruption: stop taking cases at once; requests in flight get a short grace, then are aborted.
  const stop = new AbortController();
  const grace = new AbortController();
  // Every request in flight (and every backoff sleep) listens on these: that is the design, not a leak.
  setMaxListeners(workers + 64, stop.signal, grace.signal);
  let interrupted = false;
  let unreachableStop = false;
  let throttleStop = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    interrupted = true;
    stop.abort();
    graceTimer = setTimeout(() => grace.abort(), INTERRUPT_GRACE_MS);
    graceTimer.unref?.();
  };
  if (options.signal?.aborted === true) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  let consecutiveThrottles = 0;
  let successes = 0;
  const pending: PendingReadBack[] = [];
  const readBackSummary = { enabled: canReadBack, sampled: 0, matched: 0, mismatched: 0, callFailures: 0 };
  let lastProgress = 0;
  let lastYield = performance.now();

  /** The workers' live counts while they share the random phase (not yet in `tally`). */
  let remoteLive:
    | (() => { done: number; passed: number; failed: number; skipped: number; unspecified: number })
    | undefined;
  const progress = (force = false): void => {
    const now = performance.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    const elapsedMs = now - started;
    const r = remoteLive?.() ?? { done: 0, passed: 0, failed: 0, skipped: 0, unspecified: 0 };
    const done = tally.done + r.done;
    emit(listener, {
      type: 'progress',
      phase,
      done,
      passed: tally.passed + r.passed,
      failed: tally.failed + r.failed,
      skipped: tally.skipped + r.skipped,
      unspecified: tally.unspecified + r.unspecified,
      groups: Math.max(tally.groups.size, announced.size),
      elapsedMs,
      casesPerSecond: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0,
    });
  };

  /** Failure groups announced so far, from this thread or others (each is announced once). */
  const announced = new Set<string>();
  const announceEvent = (event: RunEvent): void => {
    if (event.type !== 'failure-group' || announced.has(event.group)) return;
    announced.add(event.group);
    emit(listener, event);
  };
  const announce = (opened: FailureGroup[] | undefined): void => {
    if (opened === undefined) return;
    for (const g of opened) {
      announceEvent({
        type: 'failure-group',
        group: g.key,
        check: g.check,
        rule: g.rule,
        category: g.category,
        reason: g.reason,
      });
    }
  };

  const send = (c: Case) =>
    sendWithRetry(target, c.request, {
      signal: grace.signal,
      stop: stop.signal,
      maxRetries: consecutiveThrottles >= THROTTLE_CIRCUIT ? 0 : MAX_RETRIES,
      baseDelayMs: 50,
      // The target enforces the timeout; this only catches targets (in-test objects) that never settle.
      deadlineMs: inProcess ? 0 : base.timeoutMs + 2_000,
      onRetry: () => {
        tally.retries++;
      },
    });

  /**
   * A response cut at the target's body cap is not a whole answer: judging half a body would invent
   * verdicts, so it becomes an `oversize` transport failure naming the cap (the bytes kept).
   */
  let oversizeCap: number | undefined;
  const capTruncated = (exchange: Exchange): Exchange => {
    if (exchange.kind !== 'wire' || exchange.response.truncated !== true) return exchange;
    const body = exchange.response.body;
    const cap = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    oversizeCap ??= cap;
    return {
      kind: 'transport-error',
      reason: 'oversize',
      message: `HTTP ${exchange.response.status} answer over the ${cap}-byte cap; the rest was discarded`,
      durationMs: exchange.durationMs,
    };
  };

  const judge = (
    c: Case,
    exchange: Exchange,
    known?: Expectation,
  ): { expectation: Expectation; results: CheckResult[] } => {
    const expectation = known ?? expectedOutcomes(c.request, world, { levels });
    const results = runChecks({ request: c.request, expectation, exchange, world }, { levels });
    return { expectation, results };
  };

  const uniquenessResult = (deploymentId: string): CheckResult | undefined => {
    const seen = ids.add(deploymentId);
    if (seen === 'untracked') return undefined;
    if (seen === 'duplicate') duplicateIds++;
    return {
      check: 'deployment-id-unique',
      rule: 'deployment-id-unique',
      rules: ['deployment-id-unique'],
      level: uniquenessLevel,
      verdict:
        seen === 'new'
          ? { status: 'passed' }
          : {
              status: 'failed',
              expected: 'a DeploymentId not returned before in this run',
              observed: `DeploymentId ${deploymentId} again`,
              reason: 'duplicate DeploymentId',
            },
    };
  };

  /** Runs one case end to end and counts it. */
  const runJob = async (job: Job): Promise<void> => {
    const c =
      job.case ?? generateCase(streams[job.stream] as fc.Arbitrary<Case>, seed, job.stream, job.index).value_;
    const why = target.cannotExpress(c.request);
    if (why !== undefined) {
      tally.skip(c, `cannot express: ${why}`);
      return;
    }
    const sent = await send(c);
    const exchange = capTruncated(sent.exchange);
    const throttled = sent.throttled;
    if (exchange.kind === 'transport-error' && exchange.reason === 'aborted' && stop.signal.aborted) return;
    // Counted before the throttle check: a throttled answer is still an answer (reachable).
    tally.noteExchange(exchange);
    if (throttled) {
      consecutiveThrottles++;
      tally.skip(c, 'throttled: retries exhausted');
      // Nothing judged and every case throttled: the run cannot learn anything; stop like unreachable.
      if (consecutiveThrottles >= THROTTLE_STOP && tally.passed + tally.failed + tally.unspecified === 0) {
        throttleStop = true;
        stop.abort();
      }
      return;
    }
    consecutiveThrottles = 0;
    if (tally.answered === 0 && tally.unreachable >= UNREACHABLE_AFTER && !unreachableStop) {
      unreachableStop = true;
      stop.abort();
    }
    const { expectation, results } = judge(c, exchange);
    const deploymentId =
      exchange.kind !== 'transport-error' && exchange.classification.outcome === SUCCESS
        ? exchange.classification.deploymentId
        : undefined;
    if (deploymentId !== undefined && judgeUniqueness) {
      const unique = uniquenessResult(deploymentId);
      if (unique !== undefined) results.push(unique);
    }
    const { verdict, opened } = tally.record(c, job, expectation, results, exchange);
    announce(opened);
    if (deploymentId !== undefined && judgeReadBack) {
      successes++;
      const body = jsonObject(c.request.body);
      const oldest = pending[0];
      if (oldest !== undefined && successes - oldest.successNo >= READ_BACK_MAX_AGE) {
        await flushReadBack(pending.splice(0));
      }
      const sampled =
        job.phase === 'coverage'
          ? successes <= READ_BACK_FIRST
          : job.index < READ_BACK_FIRST || job.index % READ_BACK_EVERY === 0;
      if (body !== undefined && sampled) {
        pending.push({
          successNo: successes,
          case: c,
          origin: { stream: job.stream, index: job.index },
          expectation,
          exchange,
          body,
          deploymentId,
          verdict,
        });
        if (pending.length >= READ_BACK_BATCH) await flushReadBack(pending.splice(0));
      }
    }
  };

  /** Reads a batch of created deployments back and judges each. */
  const flushReadBack = async (batch: PendingReadBack[]): Promise<void> => {
    if (batch.length === 0 || target.describeDeployments === undefined) return;
    let got: unknown[] | Exchange;
    try {
      got = await target.describeDeployments(
        batch.map((p) => p.deploymentId),
        { signal: grace.signal },
      );
    } catch (error) {
      got = { kind: 'transport-error', reason: 'other', message: String(error), durationMs: 0 };
    }
    if (!Array.isArray(got)) {
      const notFound =
        got.kind !== 'transport-error' && got.classification.outcome === 'ResourceNotFoundException';
      if (notFound && batch.length > 1) {
        // One unknown id fails the whole call; ask one by one to find which.
        for (const p of batch) await flushReadBack([p]);
        return;
      }
      if (!notFound) {
        readBackSummary.callFailures++;
        return;
      }
    }
    for (const [i, p] of batch.entries()) {
      // Not an array here means ResourceNotFoundException (other failures returned above).
      const verdict = readBackVerdict(p.body, p.deploymentId, Array.isArray(got) ? got : 'not-found', {
        index: i,
        asked: batch.length,
      });
      readBackSummary.sampled++;
      if (verdict.status === 'failed') readBackSummary.mismatched++;
      else readBackSummary.matched++;
      const result: CheckResult = {
        check: 'read-back-matches',
        rule: 'read-back-matches',
        rules: ['read-back-matches'],
        level: readBackLevel,
        verdict,
      };
      announce(tally.recordLate(p.case, p.origin, p.expectation, result, p.exchange, p.verdict));
    }
  };

  /** Runs jobs from `next` with the worker pool until it is empty or the run stops. */
  const drive = async (next: () => Job | undefined): Promise<void> => {
    const worker = async (): Promise<void> => {
      for (;;) {
        if (stop.signal.aborted) return;
        const job = next();
        if (job === undefined) return;
        if (options.maxCases !== undefined && taken >= options.maxCases) {
          capped = true;
          return;
        }
        taken++;
        await runJob(job);
        if (job.phase === 'coverage') phaseCounts.coverage++;
        else phaseCounts.random++;
        const now = performance.now();
        if (now - lastYield >= YIELD_EVERY_MS) {
          lastYield = now;
          progress();
          // Lets SIGINT handlers, timers and other I/O run: the embedded double, msw handlers and
          // client mocks answer through promises alone, which never give the event loop a turn.
          await turnOfTheEventLoop();
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    if (pending.length > 0 && !stop.signal.aborted) await flushReadBack(pending.splice(0));
  };

  let ordinal = 0;
  /** Cases taken so far (for `maxCases`), and whether the bound stopped the run. */
  let taken = 0;
  let capped = false;
  /** True when the next case belongs to this shard. */
  const mine = (): boolean => {
    const o = ordinal++;
    return shard === undefined || o % shard.count === shard.index - 1;
  };

  emit(listener, {
    type: 'run-start',
    target: target.name,
    seed,
    runs,
    levels,
    ...(shard !== undefined && { shard }),
    concurrency: workers,
    warnings: target.warnings ?? [],
  });
  // Emitted before the first send, so a listener (the CLI) shows them before anything leaves.
  for (const warning of target.warnings ?? []) notes.push(`warning: ${warning}`);

  // Coverage phase: every stream but the random one, round by round so early rounds touch all.
  const coverageStreams = streams.length - 1;
  emit(listener, { type: 'phase-start', phase: 'coverage', planned: perCategory * coverageStreams });
  const coverageRound = (from: number, to: number): (() => Job | undefined) => {
    let round = from;
    let stream = 1;
    return () => {
      for (;;) {
        if (round >= to) return undefined;
        const job: Job = { phase: 'coverage', stream, index: round };
        stream++;
        if (stream > coverageStreams) {
          stream = 1;
          round++;
        }
        if (mine()) return job;
      }
    };
  };
  await drive(coverageRound(0, perCategory));
  // Top-up: more rounds while they keep reaching rules nothing has exercised yet.
  // Only rules some category claims to reach are worth more rounds: the others (stateful rules on a
  // target without read-back, say) would never come however long we drew.
  const reachable = (): number => unexercisedSelected().filter((id) => CLAIMED_RULES.has(id)).length;
  let unexercised = reachable();
  let idle = 0;
  for (let r = 0; r < MAX_TOP_UP_ROUNDS && unexercised > 0 && perCategory > 0 && !stop.signal.aborted; r++) {
    await drive(coverageRound(perCategory + r * perCategory, perCategory + (r + 1) * perCategory));
    const now = reachable();
    // Rare variants (upgrade_os_to without allow_reboot inside odd-args) can miss a round or two;
    // three rounds in a row that reach nothing new mean the rest is out of the generators' reach.
    idle = now === unexercised ? idle + 1 : 0;
    if (idle >= 3) break;
    unexercised = now;
  }

  phase = 'random';
  // A run stopped in the coverage phase (unreachable, interrupted) runs no random case: no header for it.
  if (!stop.signal.aborted) emit(listener, { type: 'phase-start', phase: 'random', planned: runs });
  // The random phase is run in chunks (random-slice.ts). With more than one process, this one deals
  // chunks to worker processes and runs chunks itself from the same dealer, from the first moment
  // (warm, while the workers start up); a worker runs the chunks it is dealt.
  const plan: RandomPhasePlan = {
    runs,
    shard,
    chunkSize: sliceRun?.chunkSize ?? RANDOM_CHUNK_SIZE,
  };
  const random = streams[0] as fc.Arbitrary<Case>;
  /** The random jobs of the chunks `nextChunk` gives, one after another, as one job source. */
  const chunkJobs = (nextChunk: () => number | undefined): (() => Job | undefined) => {
    let next: (() => number | undefined) | undefined;
    const nextIndex = (): number | undefined => {
      for (;;) {
        const index = next?.();
        if (index !== undefined) return index;
        // One drive over every chunk: a pause between chunks would drain a network target's
        // concurrency each time.
        const chunk = nextChunk();
        if (chunk === undefined) return undefined;
        next = randomChunkIndices(plan, chunk);
      }
    };
    // Cases are drawn CASE_BATCH at a time, generation in one tight loop staying in the CPU's caches:
    // 40k cases against the double in one process, 6 alternating pairs, 0-20% faster (median ~8%)
    // and less CPU in 4 of 6; no change the noise would show for the sdk target.
    const batch: Job[] = [];
    let handed = 0;
    return () => {
      if (handed === batch.length) {
        batch.length = 0;
        handed = 0;
        for (let i = 0; i < CASE_BATCH; i++) {
          const index = nextIndex();
          if (index === undefined) break;
          batch.push({
            phase: 'random',
            stream: 0,
            index,
            case: generateCase(random, seed, 0, index).value_,
          });
        }
      }
      const job = batch[handed];
      if (job !== undefined) handed++;
      return job;
    };
  };
  /** A chunk source that gives each of `list` once. */
  const chunksOf = (list: readonly number[]): (() => number | undefined) => {
    const it = list.values();
    return () => it.next().value;
  };
  const chunks = randomChunkCount(plan);
  let dealtChunks = 0;
  const deal = (): number | undefined =>
    stop.signal.aborted || dealtChunks >= chunks || capped ? undefined : dealtChunks++;
  /** What the worker processes found, added once they are done. */
  const remote = { tracked: 0, duplicates: 0, overflowed: 0, full: false, lost: 0 };
  const processes =
    sliceRun !== undefined || stop.signal.aborted ? 1 : plannedWorkers(options, runs, base.ownsDouble);
  if (sliceRun !== undefined) {
    for (let c = await sliceRun.nextChunk(); c !== undefined; c = await sliceRun.nextChunk()) {
      if (stop.signal.aborted) break;
      await drive(chunkJobs(chunksOf([c])));
    }
  } else if (processes > 1) {
    const workers = startRandomPhaseWorkers(
      {
        world,
        seed,
        runs,
        levels,
        ...(shard !== undefined && { shard }),
        chunkSize: plan.chunkSize,
        maxDeployments: DOUBLE_MAX_DEPLOYMENTS,
      },
      processes - 1,
      { stop: stop.signal, onEvent: announceEvent, graceMs: INTERRUPT_GRACE_MS, nextChunk: deal },
    );
    remoteLive = workers.live;
    const ticker = setInterval(() => progress(), PROGRESS_EVERY_MS);
    let outcomes: Awaited<ReturnType<typeof workers.finish>>;
    try {
      await drive(chunkJobs(deal));
      outcomes = await workers.finish();
    } finally {
      clearInterval(ticker);
      remoteLive = undefined;
    }
    for (const [w, { outcome, error, chunks: theirs }] of outcomes.entries()) {
      if (outcome === undefined) {
        if (theirs.length === 0) continue;
        if (stop.signal.aborted) {
          remote.lost++;
          continue;
        }
        // A worker that failed: run its chunks here (the same cases), and say so.
        notes.push(
          `random-phase worker ${w + 1} failed (${error ?? 'no result'}); its cases ran in the main process`,
        );
        await drive(chunkJobs(chunksOf(theirs)));
        continue;
      }
      tally.merge(outcome.tally, (origin) => generateCase(random, seed, origin.stream, origin.index).value_);
      phaseCounts.random += outcome.random;
      readBackSummary.sampled += outcome.readBack.sampled;
      readBackSummary.matched += outcome.readBack.matched;
      readBackSummary.mismatched += outcome.readBack.mismatched;
      readBackSummary.callFailures += outcome.readBack.callFailures;
      remote.tracked += outcome.deploymentIds.tracked;
      remote.duplicates += outcome.deploymentIds.duplicates;
      remote.overflowed += outcome.deploymentIds.overflowed;
      remote.full ||= outcome.deploymentIds.full;
    }
    if (remote.lost > 0) {
      notes.push(
        `interrupted: the cases of ${remote.lost} random-phase worker(s) still running were not counted`,
      );
    }
  } else {
    await drive(chunkJobs(deal));
  }
  // Groups in run order (read-back failures are found late), so any worker count reports alike.
  tally.sortGroups();
  progress(true);
  if (sliceRun !== undefined) {
    sliceRun.done({
      tally: tally.snapshot(),
      random: phaseCounts.random,
      readBack: {
        sampled: readBackSummary.sampled,
        matched: readBackSummary.matched,
        mismatched: readBackSummary.mismatched,
        callFailures: readBackSummary.callFailures,
      },
      deploymentIds: {
        tracked: ids.size,
        duplicates: duplicateIds,
        overflowed: ids.overflowed,
        full: ids.full,
      },
    });
  }

  // Shrinking: one representative per group, replayed against the target.
  const shrinkEnabled = (options.shrink ?? CHECK_DEFAULTS.shrink) && !stop.signal.aborted;
  if (shrinkEnabled && tally.groups.size > 0) {
    phase = 'shrink';
    emit(listener, { type: 'phase-start', phase: 'shrink', planned: tally.groups.size });
    for (const group of tally.groups.values()) {
      // In-process targets (msw handlers, client mocks) settle through promises alone: without a turn
      // of the event loop a SIGINT would wait for every group's shrinking (up to 20 s each).
      await turnOfTheEventLoop();
      if (stop.signal.aborted) break;
      // A duplicate id depends on earlier calls, not on the case: nothing to shrink.
      if (group.check === 'deployment-id-unique' || (group.check === 'target-answered' && unreachableStop))
        continue;
      emit(listener, { type: 'shrink-start', group: group.key });
      await shrinkGroup(group);
      emit(listener, { type: 'shrink-end', group: group.key, ...group.shrink });
    }
  }

  /** Greedy shrinking with the generating arbitrary's own shrinker (fast-check's algorithm). */
  async function shrinkGroup(group: FailureGroup): Promise<void> {
    const arbitrary = streams[group.origin.stream] as fc.Arbitrary<Case>;
    const t0 = performance.now();
    const maxSends = options.maxShrinkSends ?? CHECK_DEFAULTS.maxShrinkSends;
    const maxMs = options.maxShrinkMs ?? CHECK_DEFAULTS.maxShrinkMs;
    let current = generateCase(arbitrary, seed, group.origin.stream, group.origin.index);
    let sends = 0;
    let steps = 0;
    outer: for (;;) {
      for (const candidate of arbitrary.shrink(current.value_, current.context)) {
        if (sends >= maxSends || performance.now() - t0 > maxMs || stop.signal.aborted) break outer;
        const c = candidate.value_;
        if (categoryOf(c) !== group.category || target.cannotExpress(c.request) !== undefined) continue;
        sends++;
        const evaluation = await stillFails(c, group);
        const now = performance.now();
        if (now - lastYield >= YIELD_EVERY_MS) {
          lastYield = now;
          await turnOfTheEventLoop();
        }
        if (evaluation !== undefined) {
          current = candidate;
          steps++;
          group.case = evaluation.case;
          group.expectation = evaluation.expectation;
          if (evaluation.result.verdict.status === 'failed') {
            const v = evaluation.result.verdict;
            group.observed = observedOfEvaluation(evaluation, v.observed);
            group.expectedDetail = v.expected;
            group.reason = v.reason;
          }
          continue outer;
        }
      }
      break;
    }
    group.shrink = { shrunk: steps > 0, sends, steps, durationMs: performance.now() - t0 };
  }

  /** Sends `c` and judges it; returns the evaluation when it fails the group's check and rule again. */
  async function stillFails(c: Case, group: FailureGroup): Promise<Evaluation | undefined> {
    const sent = await send(c);
    const exchange = capTruncated(sent.exchange);
    const throttled = sent.throttled;
    if (throttled) return undefined;
    const { expectation, results } = judge(c, exchange);
    if (group.check === 'read-back-matches') {
      const body = jsonObject(c.request.body);
      const id =
        exchange.kind !== 'transport-error' && exchange.classification.outcome === SUCCESS
          ? exchange.classification.deploymentId
          : undefined;
      if (body === undefined || id === undefined || target.describeDeployments === undefined)
        return undefined;
      const got = await target.describeDeployments([id], { signal: grace.signal });
      const found = Array.isArray(got)
        ? (got.find((d) => jsonObject(d)?.DeploymentId === id) ?? got[0])
        : undefined;
      const verdict = found === undefined ? undefined : compareReadBack(body, found);
      if (verdict?.status !== 'failed') return undefined;
      return {
        case: c,
        expectation,
        exchange,
        result: { check: group.check, rule: group.rule, rules: [group.rule], level: readBackLevel, verdict },
      };
    }
    const result = results.find(
      (r) => r.verdict.status === 'failed' && r.check === group.check && (r.rule ?? r.check) === group.rule,
    );
    return result === undefined ? undefined : { case: c, expectation, exchange, result };
  }

  if (graceTimer !== undefined) clearTimeout(graceTimer);
  options.signal?.removeEventListener('abort', onAbort);

  const durationMs = performance.now() - started;
  const status: RunStatus = interrupted
    ? 'interrupted'
    : unreachableStop || throttleStop || (tally.answered === 0 && tally.unreachable > 0)
      ? 'unreachable'
      : tally.groups.size > 0
        ? 'violations'
        : tally.passed + tally.failed + tally.unspecified === 0 &&
            (tally.skipReasons['throttled: retries exhausted'] ?? 0) > 0
          ? 'unreachable'
          : 'conformant';
  if (status === 'unreachable') {
    const reasons = Object.entries(tally.transportErrors)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
    // First, so the one-line CLI message (notes[0]) says why.
    notes.unshift(
      tally.answered === 0
        ? `the target never answered (${reasons || 'no sends'}); ${unreachableQuestion(target.name)}${
            // Bytes came back, just not HTTP: the URL more likely names another service (or TLS).
            (tally.transportErrors['malformed-http'] ?? 0) > 0
              ? ' It answered with something that is not HTTP/1.1 (another service on that port, or https served on an http:// URL?)'
              : ''
          }`
        : 'every request was throttled (ThrottlingException) even after retries',
    );
  }
  if (interrupted) notes.push('interrupted: the results cover the cases judged before the interrupt');
  if (capped) notes.push(`max-cases ${options.maxCases} reached: the run stopped taking cases there`);
  const oversize = tally.transportErrors.oversize ?? 0;
  if (oversize > 0 && oversizeCap !== undefined) {
    notes.push(
      `${oversize} answer${oversize === 1 ? ' was' : 's were'} over the ${oversizeCap}-byte body cap: the rest was discarded and the exchange judged as a transport failure`,
    );
  }
  if (ids.full || remote.full)
    notes.push(
      `DeploymentId uniqueness tracked the first ${ids.size + remote.tracked} ids only (${ids.overflowed + remote.overflowed} more not tracked)`,
    );
  if (consecutiveThrottles >= THROTTLE_CIRCUIT)
    notes.push('the target throttled every request for a while; retries were stopped');
  // Rules of levels left out by --rules were not looked for, so not reaching them says nothing; nor
  // does read-back on a run that does not read back, which gets its reason instead.
  const unexercisedAtEnd = unexercisedSelected().map((id) =>
    id === 'read-back-matches' && !canReadBack
      ? `${id} (${readBack ? 'the target cannot answer DescribeDeployments' : 'read-back is off; --read-back turns it on'})`
      : id,
  );
  // Unreachable: no rule was reached because nothing answered, which the first note already says.
  if (unexercisedAtEnd.length > 0 && status !== 'unreachable') {
    notes.push(`rules no case reached: ${unexercisedAtEnd.join(', ')}`);
  }

  const cases = tally.done;
  const result: RunResult = {
    status,
    interrupted,
    target: target.name,
    seed,
    runs,
    levels,
    startedAt,
    durationMs,
    cases,
    passed: tally.passed,
    failed: tally.failed,
    skipped: tally.skipped,
    unspecified: tally.unspecified,
    casesPerSecond: durationMs > 0 ? (cases * 1000) / durationMs : 0,
    phases: phaseCounts,
    skipReasons: tally.skipReasons,
    retries: tally.retries,
    transportErrors: tally.transportErrors,
    categories: tally.categories,
    rules: tally.ruleScores(),
    checks: tally.checkScores(),
    violations: [...tally.groups.values()].map(toViolation),
    readBack: readBackSummary,
    deploymentIds: {
      tracked: ids.size + remote.tracked,
      duplicates: duplicateIds + remote.duplicates,
      capacityReached: ids.full || remote.full,
    },
    notes,
    files: [],
  };
  if (shard !== undefined) result.shard = shard;

  // The writers are imported when a run ends: a worker process never writes, and importing them
  // up front was ~40 ms of each worker's start (worker entry import 186-235 ms static vs 151-183
  // ms lazy), time it could spend on cases.
  if (options.fixturesDir !== undefined) {
    const { writeGroupFixture } = await import('./write-group-fixture.js');
    const dir = resolve(base.cwd, options.fixturesDir);
    for (const [i, group] of [...tally.groups.values()].entries()) {
      const path = await writeGroupFixture(dir, group, { seed, world });
      const shown = relative(base.cwd, path) || path;
      const violation = result.violations[i];
      if (violation !== undefined) violation.fixture = shown;
      result.files.push(shown);
    }
  }
  const reportDir = options.reportDir === undefined ? CHECK_DEFAULTS.reportDir : options.reportDir;
  if (reportDir !== null) {
    const { writeReports } = await import('../reporters/write-reports.js');
    const written = await writeReports(resolve(base.cwd, reportDir), result);
    result.files.unshift(...written.map((p) => relative(base.cwd, p) || p));
  }
  emit(listener, { type: 'run-end', result });
  return result;
}

function observedOfEvaluation(e: Evaluation, detail: string): FailureGroup['observed'] {
  const x = e.exchange;
  if (x.kind === 'transport-error') return { transportError: `${x.reason}: ${x.message}`, detail };
  const o: FailureGroup['observed'] = { outcome: x.classification.outcome, detail };
  if (x.classification.status !== 0) o.status = x.classification.status;
  if (x.classification.message !== undefined) o.message = x.classification.message;
  return o;
}

/** A failure group as the report shows it, with credentials taken out of what was sent and seen. */
function toViolation(g: FailureGroup): Violation {
  // Secrets by value too: a target may echo a session token in a message.
  const secrets = secretsFromEnv(process.env);
  const request = { ...g.case.request, headers: redactHeaders(g.case.request.headers, secrets) };
  const observed = { ...g.observed, detail: redactText(g.observed.detail, secrets) };
  if (observed.message !== undefined) observed.message = redactText(observed.message, secrets);
  if (observed.transportError !== undefined) {
    observed.transportError = redactText(observed.transportError, secrets);
  }
  return {
    rule: g.rule,
    check: g.check,
    category: g.category,
    level: g.level,
    group: g.key,
    request,
    labels: g.case.labels,
    expected: {
      allowed: g.expectation.allowed,
      rules: g.expectation.rules,
      unspecified: g.expectation.unspecified,
      detail: g.expectedDetail,
    },
    observed,
    reason: g.reason,
    count: g.count,
    shrink: g.shrink,
  };
}
