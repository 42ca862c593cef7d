import type { CheckResult } from '../contract/check-catalog.js';
import { CHECKS } from '../contract/check-catalog.js';
import { getRule, RULES } from '../contract/rule-catalog.js';
import type { Case, Expectation, Level, Verdict } from '../contract/types.js';
import { SUCCESS } from '../contract/types.js';
import type { Exchange, TransportFailureReason } from '../targets/target.js';
import type { CheckScore, ObservedOutcome, RuleScore, ScoreStatus } from './run-result.js';

/** Where a case came from, so it can be regenerated for shrinking: stream and index per run seed. */
export interface CaseOrigin {
  stream: number;
  index: number;
}

/** What the runner keeps of one failure group: counts and its first (later: minimal) representative. */
export interface FailureGroup {
  key: string;
  check: string;
  rule: string;
  level: Level | 'unspecified';
  category: string;
  count: number;
  origin: CaseOrigin;
  case: Case;
  expectation: Expectation;
  observed: ObservedOutcome;
  expectedDetail: string;
  reason: string;
  shrink: { shrunk: boolean; sends: number; steps: number; durationMs: number };
}

interface RuleCounter {
  cases: number;
  passed: number;
  failed: number;
  unspecified: number;
  /** The last case this rule was counted for (dedupes without a per-case Set). */
  stamp: number;
  /** How this rule fared in the case being counted: 0 passed, 1 unspecified, 2 failed. */
  state: number;
}

interface CheckCounter {
  passed: number;
  failed: number;
  skipped: number;
}

/** A failure group as it crosses threads: everything but the case, which is rebuilt from its origin. */
export type FailureGroupSnapshot = Omit<FailureGroup, 'case'>;

/**
 * A {@link RunTally}'s counts as plain data (structured-clone safe), so a thread that ran part of the
 * random phase can hand them to the thread that reports (`RunTally.merge`).
 */
export interface TallySnapshot {
  passed: number;
  failed: number;
  skipped: number;
  unspecified: number;
  retries: number;
  answered: number;
  unreachable: number;
  skipReasons: Record<string, number>;
  transportErrors: Partial<Record<TransportFailureReason, number>>;
  categories: Record<string, { cases: number; failed: number }>;
  rules: Array<[string, { cases: number; passed: number; failed: number; unspecified: number }]>;
  checks: Array<[string, { passed: number; failed: number; skipped: number }]>;
  groups: FailureGroupSnapshot[];
}

/**
 * True when a case of origin `a` runs before one of origin `b` in a single-threaded run: the coverage
 * phase (streams 1..n, round by round) before the random phase (stream 0), each in index order.
 */
export function runsBefore(a: CaseOrigin, b: CaseOrigin): boolean {
  const ra = a.stream === 0 ? 1 : 0;
  const rb = b.stream === 0 ? 1 : 0;
  if (ra !== rb) return ra < rb;
  if (a.index !== b.index) return a.index < b.index;
  return a.stream < b.stream;
}

/** How one case was counted. */
export type CaseVerdict = 'passed' | 'failed' | 'unspecified';

/** The case's category: its labels' categories joined by `+`, `valid` for an unmutated case. */
export function categoryOf(c: Case): string {
  if (c.labels.length === 0) return 'valid';
  // A compound case (two faults at once) is its own category, `a+b`: grouped with either single
  // fault, its representative would shrink to a case that still carries the other one.
  const names: string[] = [];
  for (const label of c.labels) {
    const i = label.indexOf(':');
    const name = i < 0 ? label : label.slice(0, i);
    if (!names.includes(name)) names.push(name);
  }
  return names.join('+');
}

/** What an exchange showed, for reports. */
export function observedOf(exchange: Exchange, detail: string): ObservedOutcome {
  if (exchange.kind === 'transport-error') {
    return { transportError: `${exchange.reason}: ${exchange.message}`, detail };
  }
  const c = exchange.classification;
  const o: ObservedOutcome = { outcome: c.outcome, detail };
  if (c.status !== 0) o.status = c.status;
  if (c.message !== undefined) o.message = c.message;
  return o;
}

/** Checks whose failures are grouped per request category (the others once per check and rule). */
const PER_CATEGORY_CHECKS: ReadonlySet<string> = new Set(['outcome-allowed', 'target-answered']);

/**
 * How fit a failing case is to stand for its group, lower first. A repeated DeploymentId is a fault
 * of the target's state, not of the request, and its fixture is replayed by sending the request
 * twice: a request the contract lets succeed still shows the fault once the target is otherwise
 * fixed, where an invalid one (which a broken mock may have accepted) would then just be refused.
 * So for that check a case whose expectation allows success comes first; for every other check all
 * cases rank alike and the first in run order stands.
 *
 * @example
 * representativeRank('deployment-id-unique', { allowed: ['success'] }); // 0
 */
export function representativeRank(check: string, expectation: Pick<Expectation, 'allowed'>): number {
  return check === 'deployment-id-unique' && !expectation.allowed.includes(SUCCESS) ? 1 : 0;
}

/** The fields of a failure group that come from the case standing for it. */
function representative(
  c: Case,
  origin: CaseOrigin,
  category: string,
  expectation: Expectation,
  exchange: Exchange,
  verdict: Extract<Verdict, { status: 'failed' }>,
): Pick<
  FailureGroup,
  'category' | 'origin' | 'case' | 'expectation' | 'observed' | 'expectedDetail' | 'reason'
> {
  return {
    category,
    origin: { ...origin },
    case: c,
    expectation,
    observed: observedOf(exchange, verdict.observed),
    expectedDetail: verdict.expected,
    reason: verdict.reason,
  };
}

/** True when group `a`'s representative should stand for the group rather than `b`'s. */
function betterRepresentative(a: FailureGroupSnapshot, b: FailureGroupSnapshot): boolean {
  const ra = representativeRank(a.check, a.expectation);
  const rb = representativeRank(b.check, b.expectation);
  return ra !== rb ? ra < rb : runsBefore(a.origin, b.origin);
}

/** The group key of a failed check result on a case. */
export function groupKey(check: string, rule: string, category: string): string {
  return `${check}|${rule}|${category}`;
}

/**
 * The run's counters: per case, per rule, per check, per category, skip and transport reasons, and one
 * representative per failure group. Constant memory per case: counting a case allocates nothing
 * that outlives it.
 */
export class RunTally {
  passed = 0;
  failed = 0;
  skipped = 0;
  unspecified = 0;
  retries = 0;
  /** Exchanges that were HTTP (or object-level) answers, i.e. the target was reachable. */
  answered = 0;
  /**
   * Transport errors that are no complete HTTP answer (refused, timeout, reset, not HTTP): if every
   * send ends so, the target is unreachable.
   */
  unreachable = 0;
  readonly skipReasons: Record<string, number> = {};
  readonly transportErrors: Partial<Record<TransportFailureReason, number>> = {};
  readonly categories: Record<string, { cases: number; failed: number }> = {};
  readonly groups = new Map<string, FailureGroup>();
  private readonly rules = new Map<string, RuleCounter>();
  private readonly checks = new Map<string, CheckCounter>();
  private caseNo = 0;

  constructor(private readonly levels: readonly Level[]) {
    for (const rule of RULES) this.rules.set(rule.id, newRuleCounter());
    for (const check of CHECKS) this.checks.set(check.id, { passed: 0, failed: 0, skipped: 0 });
  }

  /** Cases counted so far. */
  get done(): number {
    return this.passed + this.failed + this.skipped + this.unspecified;
  }

  private category(name: string): { cases: number; failed: number } {
    let c = this.categories[name];
    if (c === undefined) {
      c = { cases: 0, failed: 0 };
      this.categories[name] = c;
    }
    return c;
  }

  /** Counts a case that was not sent (or not judged), with the reason. */
  skip(c: Case, why: string): void {
    this.skipped++;
    this.category(categoryOf(c)).cases++;
    this.skipReasons[why] = (this.skipReasons[why] ?? 0) + 1;
  }

  /** Counts what the exchange says about reachability. */
  noteExchange(exchange: Exchange): void {
    if (exchange.kind === 'transport-error') {
      this.transportErrors[exchange.reason] = (this.transportErrors[exchange.reason] ?? 0) + 1;
      // A body over the cap came with a complete HTTP status line and headers: the target answered.
      if (exchange.reason === 'oversize') this.answered++;
      else if (exchange.reason !== 'aborted') this.unreachable++;
    } else this.answered++;
  }

  /**
   * Counts one judged case and returns the failure groups it opened (new groups only), so the
   * runner can announce them. `results` are the check results of the case, stateful ones included.
   */
  record(
    c: Case,
    origin: CaseOrigin,
    expectation: Expectation,
    results: readonly CheckResult[],
    exchange: Exchange,
  ): { verdict: CaseVerdict; opened: FailureGroup[] | undefined } {
    const category = categoryOf(c);
    const { failed, opened } = this.count(c, origin, expectation, results, exchange, category);
    const cat = this.category(category);
    cat.cases++;
    let verdict: CaseVerdict;
    if (failed) {
      this.failed++;
      cat.failed++;
      verdict = 'failed';
    } else if (expectation.unspecified) {
      this.unspecified++;
      verdict = 'unspecified';
    } else {
      this.passed++;
      verdict = 'passed';
    }
    return { verdict, opened };
  }

  /**
   * Counts a result that arrives after its case was counted (read-back is judged in batches later).
   * A failure moves the case from `was` to failed.
   */
  recordLate(
    c: Case,
    origin: CaseOrigin,
    expectation: Expectation,
    result: CheckResult,
    exchange: Exchange,
    was: CaseVerdict,
  ): FailureGroup[] | undefined {
    const category = categoryOf(c);
    const { failed, opened } = this.count(c, origin, expectation, [result], exchange, category);
    if (failed && was !== 'failed') {
      if (was === 'passed') this.passed--;
      else this.unspecified--;
      this.failed++;
      this.category(category).failed++;
    }
    return opened;
  }

  private count(
    c: Case,
    origin: CaseOrigin,
    expectation: Expectation,
    results: readonly CheckResult[],
    exchange: Exchange,
    category: string,
  ): { failed: boolean; opened: FailureGroup[] | undefined } {
    const stamp = ++this.caseNo;
    let failed = false;
    let opened: FailureGroup[] | undefined;
    for (const r of results) {
      const counter = this.checks.get(r.check) ?? this.addCheck(r.check);
      const status = r.verdict.status;
      if (status === 'passed') counter.passed++;
      else if (status === 'failed') counter.failed++;
      else counter.skipped++;
      // An outcome check skipped because the documents are silent still counts as "unspecified" for
      // the rules that were in play; other skips say nothing about the rules.
      const state =
        status === 'failed'
          ? 2
          : status === 'passed'
            ? 0
            : r.check === 'outcome-allowed' && expectation.unspecified
              ? 1
              : -1;
      if (state >= 0) {
        for (const id of r.rules) {
          const rc = this.rules.get(id) ?? this.addRule(id);
          if (rc.stamp !== stamp) {
            rc.stamp = stamp;
            rc.state = state;
            rc.cases++;
            if (state === 2) rc.failed++;
            else if (state === 1) rc.unspecified++;
            else rc.passed++;
          } else if (state > rc.state) {
            // Worse news for a rule already counted in this case replaces the earlier count.
            if (rc.state === 0) rc.passed--;
            else if (rc.state === 1) rc.unspecified--;
            if (state === 2) rc.failed++;
            else rc.unspecified++;
            rc.state = state;
          }
        }
      }
      if (r.verdict.status !== 'failed') continue;
      failed = true;
      const rule = r.rule ?? r.check;
      // Only the oracle's verdict depends on what was wrong with the request; a response defect
      // (no request id, a 404 for a client error, a repeated DeploymentId) is one defect whatever
      // the category, so it is one group, not one per category.
      const key = groupKey(r.check, rule, PER_CATEGORY_CHECKS.has(r.check) ? category : '*');
      const group = this.groups.get(key);
      if (group !== undefined) {
        group.count++;
        if (representativeRank(r.check, expectation) < representativeRank(group.check, group.expectation)) {
          // A better representative (see representativeRank): it takes the group's case and story.
          Object.assign(group, representative(c, origin, category, expectation, exchange, r.verdict));
        }
        continue;
      }
      const created: FailureGroup = {
        key,
        check: r.check,
        rule,
        level: getRule(rule)?.level ?? r.level,
        count: 1,
        ...representative(c, origin, category, expectation, exchange, r.verdict),
        shrink: { shrunk: false, sends: 0, steps: 0, durationMs: 0 },
      };
      this.groups.set(key, created);
      if (opened === undefined) opened = [];
      opened.push(created);
    }
    return { failed, opened };
  }

  private addRule(id: string): RuleCounter {
    const rc = newRuleCounter();
    this.rules.set(id, rc);
    return rc;
  }

  private addCheck(id: string): CheckCounter {
    const cc = { passed: 0, failed: 0, skipped: 0 };
    this.checks.set(id, cc);
    return cc;
  }

  /** The counts as plain data, for {@link RunTally.merge} on another thread. */
  snapshot(): TallySnapshot {
    return {
      passed: this.passed,
      failed: this.failed,
      skipped: this.skipped,
      unspecified: this.unspecified,
      retries: this.retries,
      answered: this.answered,
      unreachable: this.unreachable,
      skipReasons: { ...this.skipReasons },
      transportErrors: { ...this.transportErrors },
      categories: Object.fromEntries(Object.entries(this.categories).map(([k, v]) => [k, { ...v }])),
      rules: [...this.rules].map(([id, rc]) => [
        id,
        { cases: rc.cases, passed: rc.passed, failed: rc.failed, unspecified: rc.unspecified },
      ]),
      checks: [...this.checks].map(([id, cc]) => [id, { ...cc }]),
      groups: [...this.groups.values()].map(({ case: _case, ...rest }) => rest),
    };
  }

  /**
   * Adds the counts of another tally (a thread's share of the random phase). A failure group found on
   * both keeps the representative a single-threaded run would have kept (the earlier case, see
   * {@link runsBefore}); `caseOf` rebuilds a snapshot group's case from its origin. Afterwards the
   * groups are in run order, so the report is the same however many threads shared the work.
   */
  merge(other: TallySnapshot, caseOf: (origin: CaseOrigin) => Case): void {
    this.passed += other.passed;
    this.failed += other.failed;
    this.skipped += other.skipped;
    this.unspecified += other.unspecified;
    this.retries += other.retries;
    this.answered += other.answered;
    this.unreachable += other.unreachable;
    for (const [k, v] of Object.entries(other.skipReasons))
      this.skipReasons[k] = (this.skipReasons[k] ?? 0) + v;
    for (const [k, v] of Object.entries(other.transportErrors) as Array<[TransportFailureReason, number]>) {
      this.transportErrors[k] = (this.transportErrors[k] ?? 0) + v;
    }
    for (const [k, v] of Object.entries(other.categories)) {
      const c = this.category(k);
      c.cases += v.cases;
      c.failed += v.failed;
    }
    for (const [id, r] of other.rules) {
      const rc = this.rules.get(id) ?? this.addRule(id);
      rc.cases += r.cases;
      rc.passed += r.passed;
      rc.failed += r.failed;
      rc.unspecified += r.unspecified;
    }
    for (const [id, c] of other.checks) {
      const cc = this.checks.get(id) ?? this.addCheck(id);
      cc.passed += c.passed;
      cc.failed += c.failed;
      cc.skipped += c.skipped;
    }
    for (const g of other.groups) {
      const mine = this.groups.get(g.key);
      if (mine === undefined) {
        this.groups.set(g.key, { ...g, case: caseOf(g.origin) });
      } else if (betterRepresentative(g, mine)) {
        this.groups.set(g.key, { ...g, count: g.count + mine.count, case: caseOf(g.origin) });
      } else mine.count += g.count;
    }
    this.sortGroups();
  }

  /** Puts the failure groups in run order (by their representatives' origins). */
  sortGroups(): void {
    const sorted = [...this.groups.values()].sort((a, b) =>
      runsBefore(a.origin, b.origin) ? -1 : runsBefore(b.origin, a.origin) ? 1 : 0,
    );
    this.groups.clear();
    for (const g of sorted) this.groups.set(g.key, g);
  }

  /** Rules no case has taken part in yet. */
  unexercisedRules(): string[] {
    return [...this.rules].filter(([, rc]) => rc.cases === 0).map(([id]) => id);
  }

  /** The rule lines of the scorecard, catalog order first. */
  ruleScores(): RuleScore[] {
    return [...this.rules].map(([id, rc]) => {
      const level = getRule(id)?.level ?? 'unspecified';
      const status: ScoreStatus =
        rc.failed > 0
          ? 'fail'
          : rc.passed > 0
            ? 'pass'
            : rc.unspecified > 0
              ? 'unspecified'
              : 'not-exercised';
      return {
        id,
        level,
        status,
        gating: level !== 'unspecified' && this.levels.includes(level),
        cases: rc.cases,
        passed: rc.passed,
        failed: rc.failed,
        unspecified: rc.unspecified,
      };
    });
  }

  /** The check lines of the scorecard, catalog order first. */
  checkScores(): CheckScore[] {
    return [...this.checks].map(([id, cc]) => ({
      id,
      status: cc.failed > 0 ? 'fail' : cc.passed > 0 ? 'pass' : 'not-exercised',
      passed: cc.passed,
      failed: cc.failed,
      skipped: cc.skipped,
    }));
  }
}

function newRuleCounter(): RuleCounter {
  return { cases: 0, passed: 0, failed: 0, unspecified: 0, stamp: 0, state: 0 };
}
