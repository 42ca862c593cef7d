import { execFileSync } from 'node:child_process';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { abbreviateJson } from '../../src/reporters/abbreviate-json.js';
import { createConsoleProgress, renderScorecard } from '../../src/reporters/console-reporter.js';
import { curlCommand } from '../../src/reporters/curl-command.js';
import { observedText } from '../../src/reporters/describe-violation.js';
import { escapeHtml, escapeXml } from '../../src/reporters/escape-markup.js';
import { renderHtmlReport } from '../../src/reporters/html-reporter.js';
import { toJsonReport } from '../../src/reporters/json-reporter.js';
import { renderJunitReport } from '../../src/reporters/junit-reporter.js';
import { renderMarkdownReport } from '../../src/reporters/markdown-reporter.js';
import type { RunEvent } from '../../src/runner/run-events.js';
import { hostileViolation, sampleResult } from './sample-result.js';

describe('escapeXml', () => {
  it('keeps hostile text parseable and visible', () => {
    const text = 'a < b & "c" \'d\' ]]> \u0000\u0007\uFFFF \uD800 ok 😀';
    const xml = `<?xml version="1.0"?><r a="${escapeXml(text)}">${escapeXml(text)}</r>`;
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(escapeXml(text)).toContain('\\u0000');
    expect(escapeXml(text)).toContain('😀');
  });

  it('escapes HTML the same way', () => {
    expect(escapeHtml('<img src=x onerror="y">')).toBe('&lt;img src=x onerror=&quot;y&quot;&gt;');
  });
});

describe('curlCommand', () => {
  it('quotes the body so the shell passes it through unchanged', () => {
    const body = { Comment: 'it\'s a "quote" $HOME `cmd` \\ \n done' };
    const line = curlCommand({ headers: {}, body }, { url: 'http://127.0.0.1:4000' });
    const quoted = line.slice(line.indexOf('--data-binary ') + '--data-binary '.length);
    const echoed = execFileSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });
    expect(JSON.parse(echoed)).toEqual(body);
  });

  it('never prints credentials or signing headers', () => {
    const line = curlCommand(
      {
        headers: {
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/opsworks/aws4_request, Signature=abc',
          'x-amz-security-token': 'FwoGZXIvYXdzEJr//////////wEaDKsecret',
          'x-amz-target': 'OpsWorks_20130218.CreateDeployment',
        },
        body: {},
      },
      { url: 'https://opsworks.us-east-1.amazonaws.com', sigv4Region: 'us-east-1' },
    );
    expect(line).not.toMatch(/AKIA|Signature=|FwoGZX|authorization/i);
    expect(line).toContain("--aws-sigv4 'aws:amz:us-east-1:opsworks'");
    expect(line).toContain('x-amz-target: OpsWorks_20130218.CreateDeployment');
  });
});

describe('abbreviateJson', () => {
  it('cuts long strings and says how much was left out', () => {
    const text = abbreviateJson({ CustomJson: 'x'.repeat(5000) }, { maxString: 40 });
    expect(text.length).toBeLessThan(200);
    expect(text).toContain('more chars');
  });
});

describe('observedText', () => {
  it('says a transport failure once, not once from the exchange and again from the check', () => {
    const [violation] = sampleResult().violations;
    if (violation === undefined) throw new Error('sample has no violation');
    violation.observed = {
      transportError: 'other: an msw handler threw: boom',
      detail: 'transport error (other): an msw handler threw: boom',
    };
    expect(observedText(violation)).toBe('transport error (other): an msw handler threw: boom');
    violation.observed = { transportError: 'timeout: no answer within 10 ms', detail: 'judged late' };
    expect(observedText(violation)).toBe('no answer (timeout: no answer within 10 ms) · judged late');
  });
});

describe('scorecard', () => {
  it('lists every rule and check with its status, and each failure with a way to reproduce it', () => {
    const text = renderScorecard(sampleResult());
    expect(text).toMatch(/stack-id-required\s+documented\s+FAIL/);
    expect(text).toMatch(/no-server-errors\s+documented\s+pass/);
    expect(text).toMatch(/post-only\s+observed\s+not exercised/);
    expect(text).toContain('outcome-allowed failed · rule stack-id-required');
    expect(text).toContain('npx opsworks-contract serve --port 4000');
    expect(text).toContain("curl -sS -i -X 'POST' 'http://127.0.0.1:4000/'");
    expect(text).toContain('VIOLATIONS FOUND');
    expect(text).toContain('seed 42');
  });

  it('keeps a gap between columns however long the counts and statuses get', () => {
    const result = sampleResult();
    const [first, second] = result.rules;
    const [check] = result.checks;
    if (first === undefined || second === undefined || check === undefined)
      throw new Error('sample too small');
    Object.assign(first, { cases: 1_000_168, passed: 1_000_165 });
    Object.assign(second, { status: 'unspecified', gating: false });
    check.passed = 12_345_678;
    const postOnly = result.rules.find((r) => r.id === 'post-only');
    if (postOnly === undefined) throw new Error('sample lacks post-only');
    postOnly.gating = false;
    const lines = renderScorecard(result).split('\n');
    // Not looked for (its level left out by --rules) is not the same as not exercised.
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}post-only +observed +not selected +0 /));
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}stack-id-required +documented +FAIL +1,000,168 +1,000,165 +3 +0$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}no-server-errors +documented +unspecified \(not selected\) +\d/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}outcome-allowed +FAIL +12,345,678 +3 +0$/));
    // Counts are right-aligned under their headings: every row of a table ends in the same column.
    const start = lines.findIndex((l) => l.startsWith('Rules'));
    const rules = lines.slice(start, lines.indexOf('', start));
    expect(rules).toHaveLength(result.rules.length + 1);
    expect(new Set(rules.map((l) => l.length)).size).toBe(1);
  });

  it('names the reports it wrote and counts the fixtures per folder', () => {
    const fixtures = Array.from({ length: 31 }, (_, i) => `found/outcome-allowed-${i}.json`);
    const result = sampleResult({ files: ['reports/report.json', 'reports/junit.xml', ...fixtures] });
    const wrote = renderScorecard(result)
      .split('\n')
      .find((l) => l.startsWith('Wrote '));
    expect(wrote).toBe('Wrote reports/report.json, reports/junit.xml, 31 fixtures in found/');
  });

  it('in compact form (--quiet) starts with the first line that says something', () => {
    const text = renderScorecard(sampleResult({ violations: [] }), { compact: true });
    expect(text.startsWith('\n')).toBe(false);
    expect(text).not.toMatch(/\n\n\n/);
  });

  it('in compact form leaves out the tables but keeps the violations', () => {
    const text = renderScorecard(sampleResult(), { compact: true });
    expect(text).not.toContain('no-server-errors');
    expect(text).toContain('minimal counterexample');
  });

  it('for an unreachable target, says how many groups there are instead of a screenful of "no answer"', () => {
    const result = sampleResult({
      status: 'unreachable',
      target: 'http://127.0.0.1:1',
      notes: ['the target never answered (23 refused); is it running and is the URL right?'],
    });
    const groups = result.violations.length;
    const text = renderScorecard(result);
    expect(groups).toBeGreaterThan(0);
    expect(text).not.toContain('minimal counterexample');
    expect(text).not.toMatch(/stack-id-required\s+documented/);
    expect(text).toContain(`${groups} failure group${groups === 1 ? '' : 's'} of outcome-allowed`);
    expect(text).toContain('Note: the target never answered');
    expect(text).toContain('TARGET UNREACHABLE');
  });

  it('points module targets at replay instead of curl', () => {
    const result = sampleResult({ target: 'msw:./handlers.js' });
    const violation = result.violations[0];
    if (violation !== undefined) violation.fixture = 'found/stack-id-required-0a1b2c3d.json';
    const text = renderScorecard(result);
    expect(text).not.toContain('curl');
    expect(text).toContain(
      'npx opsworks-contract replay found/stack-id-required-0a1b2c3d.json --target msw:./handlers.js',
    );
  });
});

describe('console progress', () => {
  const progress = (elapsedMs: number): Extract<RunEvent, { type: 'progress' }> => ({
    type: 'progress',
    phase: 'random',
    done: elapsedMs,
    passed: 1,
    failed: 0,
    skipped: 0,
    unspecified: 0,
    groups: 0,
    elapsedMs,
    casesPerSecond: 100,
  });

  it('lists the first three failure groups of one check and reason, then says more are opening', () => {
    const out: string[] = [];
    const p = createConsoleProgress({ write: (t) => out.push(t), isTTY: false });
    const group = (category: string, reason: string): RunEvent => ({
      type: 'failure-group',
      group: `target-answered/${category}`,
      check: 'target-answered',
      rule: 'target-answered',
      category,
      reason,
    });
    for (const category of ['valid', 'bad-enum', 'wrong-type', 'odd-args', 'wire-method', 'wire-not-json']) {
      p.onEvent(group(category, 'no answer: refused'));
    }
    p.onEvent(group('valid', 'no answer: timeout'));
    const text = out.join('');
    expect(text.match(/^new failure: /gm)).toHaveLength(4);
    expect(text).toContain('· wrong-type: no answer: refused');
    expect(text).not.toContain('odd-args');
    expect(text.match(/^new failures: more groups of target-answered \(no answer: refused\)/gm)).toHaveLength(
      1,
    );
    expect(text).toContain('· valid: no answer: timeout');
  });

  it('prints the target warnings first', () => {
    const out: string[] = [];
    const p = createConsoleProgress({ write: (t) => out.push(t), isTTY: false });
    p.onEvent({
      type: 'run-start',
      target: 'aws:us-east-1',
      seed: 1,
      runs: 10,
      levels: ['documented'],
      concurrency: 4,
      warnings: ['this run may really deploy'],
    });
    expect(out[0]).toBe('WARNING: this run may really deploy\n');
  });

  it('rewrites one line on a TTY', () => {
    const out: string[] = [];
    const p = createConsoleProgress({ write: (t) => out.push(t), isTTY: true });
    for (const ms of [250, 500, 750]) p.onEvent(progress(ms));
    p.finish();
    expect(out.filter((t) => t.startsWith('\r'))).toHaveLength(4);
    expect(out.join('')).not.toMatch(/cases\/s\n/);
  });

  it('fits the TTY line to the terminal, so a wrapped line never leaves stale rows', () => {
    const out: string[] = [];
    const p = createConsoleProgress({ write: (t) => out.push(t), isTTY: true, columns: 80 });
    p.onEvent({
      ...progress(250),
      done: 2_784,
      passed: 1_201,
      failed: 1_295,
      skipped: 80,
      unspecified: 208,
      groups: 31,
    });
    const line = (out[0] ?? '').replace('\r\u001b[2K', '');
    expect(line.length).toBeLessThan(80);
    expect(line).toBe('random: 2,784 cases · 1,295 failed · 31 groups · 100/s');
    const narrow: string[] = [];
    const q = createConsoleProgress({ write: (t) => narrow.push(t), isTTY: true, columns: 20 });
    q.onEvent(progress(250));
    expect((narrow[0] ?? '').replace('\r\u001b[2K', '')).toHaveLength(19);
  });

  it('says the coverage phase runs rounds, and how many cases the random phase plans', () => {
    const out: string[] = [];
    const p = createConsoleProgress({ write: (t) => out.push(t), isTTY: false });
    p.onEvent({ type: 'phase-start', phase: 'coverage', planned: 84 });
    p.onEvent({ type: 'phase-start', phase: 'random', planned: 1_000 });
    expect(out).toEqual([
      'coverage phase (rounds of 84 cases while they reach new rules)\n',
      'random phase (1,000 planned)\n',
    ]);
  });

  it('prints plain lines at most every few seconds elsewhere', () => {
    const out: string[] = [];
    const p = createConsoleProgress({ write: (t) => out.push(t), isTTY: false });
    for (let ms = 250; ms <= 12_000; ms += 250) p.onEvent(progress(ms));
    const lines = out.filter((t) => t.includes('cases/s'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(out.join('')).not.toContain('\r');
  });
});

describe('report files', () => {
  it('junit.xml parses with hostile content and has one test case per rule and check', () => {
    const xml = renderJunitReport(
      sampleResult({ status: 'interrupted', notes: ['stopped <early> & "fast"'] }),
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(3 + 2 + 1);
    expect(xml).toContain('<skipped message="not exercised by any case"/>');
    expect(xml).toContain('name="stack-id-required"');
  });

  it('report.html escapes everything that came from the run', () => {
    const html = renderHtmlReport(sampleResult({ target: '<img src=x onerror=alert(1)>' }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('report.md keeps table rows intact when values contain pipes', () => {
    const md = renderMarkdownReport(
      sampleResult({ violations: [hostileViolation({ reason: 'a | b', category: 'x|y' })] }),
    );
    expect(md).toContain('a \\| b');
    expect(md).toContain('```json');
  });

  it('report.json carries design.md fields and a null fixture when none was written', () => {
    const report = toJsonReport(sampleResult());
    expect(report.summary).toMatchObject({ cases: 20, passed: 15, failed: 3, skipped: 1, seed: 42 });
    expect(report.violations[0]?.fixture).toBeNull();
    expect(report.rules.map((r) => r.id)).toEqual(['stack-id-required', 'no-server-errors', 'post-only']);
  });
});
