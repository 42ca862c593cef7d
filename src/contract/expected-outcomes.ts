import { headerValue } from './header-value.js';
import { isWellFormedUtf8 } from './is-well-formed-utf8.js';
import { jsonValueKind, NOT_JSON, parseJson } from './json-value-kind.js';
import { getRule } from './rule-catalog.js';
import type { CaseRequest, Expectation, Level, World } from './types.js';
import { ANY_CLIENT_ERROR, SUCCESS } from './types.js';
import {
  APP_COMMANDS,
  COMMAND_MEMBERS,
  COMMAND_NAMES,
  CREATE_DEPLOYMENT_TARGET,
  CUSTOM_JSON_DEPTH_LIMIT,
  CUSTOM_JSON_SURELY_OVER_CHARS,
  CUSTOM_JSON_SURELY_WITHIN_BYTES,
  JSON_CONTENT_TYPE,
  OPERATION_NAMES,
  REQUEST_MEMBERS,
  TARGET_PREFIX,
} from './wire.js';

/** Options of {@link expectedOutcomes}. */
export interface ExpectedOutcomesOptions {
  /**
   * The levels that may fail a case. A case decided only by rules of other levels comes back
   * `unspecified` (it is still judged, but it never fails a run). Default: every level.
   */
  levels?: readonly Level[];
}

const VE = 'ValidationException';
const RNF = 'ResourceNotFoundException';
const SE = 'SerializationException';
const UOE = 'UnknownOperationException';

/** Bodies larger than this are plausibly refused by a server's body cap (413 and the like). */
const HUGE_BODY_CHARS = 1_000_000;

const COMMAND_SET: ReadonlySet<string> = new Set(COMMAND_NAMES);
const APP_COMMAND_SET: ReadonlySet<string> = new Set(APP_COMMANDS);
const REQUEST_MEMBER_SET: ReadonlySet<string> = new Set(REQUEST_MEMBERS);
const COMMAND_MEMBER_SET: ReadonlySet<string> = new Set(COMMAND_MEMBERS);
const OPERATION_SET: ReadonlySet<string> = new Set(OPERATION_NAMES);

/** The Args each command documents (contract-facts.md, "The operation"). */
const DOCUMENTED_ARGS: Readonly<Record<string, readonly string[]>> = {
  execute_recipes: ['recipes'],
  deploy: ['migrate'],
  update_dependencies: ['upgrade_os_to', 'allow_reboot'],
};

interface WorldIndex {
  stackOf: Map<string, { kind: 'stack' | 'app' | 'layer' | 'instance'; stackId: string }>;
}

// The oracle runs once per case at tens of thousands of cases per second: index each world once.
const INDEXES = new WeakMap<World, WorldIndex>();

function indexWorld(world: World): WorldIndex {
  let index = INDEXES.get(world);
  if (index !== undefined) return index;
  const stackOf: WorldIndex['stackOf'] = new Map();
  for (const s of world.stacks) {
    stackOf.set(s.StackId, { kind: 'stack', stackId: s.StackId });
    for (const id of s.AppIds) stackOf.set(id, { kind: 'app', stackId: s.StackId });
    for (const id of s.LayerIds) stackOf.set(id, { kind: 'layer', stackId: s.StackId });
    for (const id of s.InstanceIds) stackOf.set(id, { kind: 'instance', stackId: s.StackId });
  }
  index = { stackOf };
  INDEXES.set(world, index);
  return index;
}

/** Accumulates one decision; `finish` turns it into an Expectation. */
class Decision {
  readonly allowed = new Set<string>();
  /** Deciding rules, most decisive first. */
  readonly rules: string[] = [];
  /**
   * Rules the case also exercises without deciding it (null read as absent, the charset parameter,
   * framework order): listed after the deciding ones, so the first rule always names the decision.
   */
  readonly supporting: string[] = [];
  readonly notes: string[] = [];
  unspecified = false;

  allow(...outcomes: string[]): this {
    for (const o of outcomes) this.allowed.add(o);
    return this;
  }
  rule(...ids: string[]): this {
    for (const id of ids) if (!this.rules.includes(id)) this.rules.push(id);
    return this;
  }
  support(id: string): this {
    if (!this.supporting.includes(id)) this.supporting.push(id);
    return this;
  }
  note(text: string): this {
    this.notes.push(text);
    return this;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isBlank(s: string): boolean {
  return s.trim() === '';
}

// ignoreBOM: a byte-order mark stays in the text, as it does for a text rawBody and in the double, so
// JSON.parse refuses it; stripped, the same bytes were success when sent as base64 and a
// SerializationException when sent as text.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeRawBody(request: CaseRequest): string | undefined {
  const raw = request.rawBody ?? '';
  if (request.rawBodyEncoding !== 'base64') return raw;
  let binary: string;
  try {
    binary = atob(raw);
  } catch {
    return undefined; // not base64: no bytes to read, as unreadable as invalid UTF-8
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Checked before decoding: the decoder's TypeError cost more than the whole rest of such a case.
  if (!isWellFormedUtf8(bytes)) return undefined;
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * True when some JSON object in `text` repeats a key. `text` must already be valid JSON; the scan
 * only tracks strings and nesting, which is all that is needed to see keys.
 */
function hasDuplicateKeys(text: string): boolean {
  const stack: Array<Set<string> | null> = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top) {
        // A string directly followed by ':' is a key of the innermost object.
        let k = j + 1;
        while (k < n && (text[k] === ' ' || text[k] === '\n' || text[k] === '\r' || text[k] === '\t')) k++;
        if (text[k] === ':') {
          const key = JSON.parse(text.slice(i, j + 1)) as string;
          if (top.has(key)) return true;
          top.add(key);
        }
      }
      i = j + 1;
      continue;
    }
    if (c === 0x7b /* { */) stack.push(new Set());
    else if (c === 0x5b /* [ */) stack.push(null);
    else if (c === 0x7d || c === 0x5d) stack.pop();
    i++;
  }
  return false;
}

/**
 * True when `jsonDepth(text) > limit`. Nesting deeper than `limit` needs more than `limit` opening
 * brackets; counting them with indexOf (anywhere, strings included) answers most texts, and a 120 KB
 * string member full of escaped quotes, slow to walk quote by quote, without the scan.
 */
function jsonDepthOver(text: string, limit: number): boolean {
  let opening = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) {
      if (++opening > limit) return jsonDepth(text) > limit;
    }
  }
  return false;
}

/** Nesting depth of a JSON text (strings skipped). */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Jump to the closing quote (the first one after an even run of backslashes) with indexOf: a
      // 120 KB string member scanned a character at a time was a visible share of a whole run.
      const open = i;
      let q = text.indexOf('"', i + 1);
      for (;;) {
        if (q < 0) {
          i = text.length;
          break;
        }
        let b = q - 1;
        while (b > open && text.charCodeAt(b) === 0x5c) b--;
        if ((q - 1 - b) % 2 === 0) {
          i = q;
          break;
        }
        q = text.indexOf('"', q + 1);
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range starts at NUL on purpose
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** BMP code units above U+07FF that are not surrogates: three UTF-8 bytes each. */
const THREE_BYTE_UNIT = /[\u0800-\ud7ff\ue000-\uffff]/;
const ENCODER = new TextEncoder();
let encodeBuffer: Uint8Array | undefined;

/** `String.prototype.isWellFormed` (ES2024: Node 20+), false where it is missing. */
function isWellFormed(s: string): boolean {
  const f = (s as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof f === 'function' && f.call(s);
}

/**
 * Exactly `utf8Length(s) > limit`, mostly without its loop, which walks a 100 KB string at several
 * ns a unit (0.1-0.4 ms a case). The shortcuts are bounds of what the loop counts: at least one byte
 * a unit and at most three; at most two when no unit is {@link THREE_BYTE_UNIT} and every surrogate is
 * paired (well-formed); and at most what `TextEncoder` writes (it counts a lone high surrogate as 3
 * bytes and the unit after it on its own, never less than the loop's 4 for the two), so a string the
 * encoder fits in `limit` bytes is within.
 */
function utf8LengthOver(s: string, limit: number): boolean {
  if (s.length > limit) return true;
  if (s.length * 3 <= limit) return false;
  if (s.length * 2 <= limit && isWellFormed(s) && !THREE_BYTE_UNIT.test(s)) return false;
  if (encodeBuffer === undefined || encodeBuffer.length !== limit) encodeBuffer = new Uint8Array(limit);
  if (ENCODER.encodeInto(s, encodeBuffer).read === s.length) return false;
  return utf8Length(s) > limit;
}

function utf8Length(s: string): number {
  // ASCII only (the common case, and 120 KB paddings): one regular-expression scan, many times
  // faster than the loop below on long strings.
  if (ASCII_ONLY.test(s)) return s.length;
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** What the type walk found. */
interface TypeReport {
  /** Members of the wrong JSON type (SerializationException). */
  wrong: string[];
  /** null items inside lists or maps: a Coral service may read them as a type fault or a validation fault. */
  nullItems: string[];
  unknown: string[];
  nulls: string[];
  size: number;
}

function checkStringList(value: unknown, path: string, report: TypeReport): void {
  if (!Array.isArray(value)) {
    report.wrong.push(path);
    return;
  }
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item === 'string') report.size += item.length;
    else if (item === null) report.nullItems.push(`${path}[${i}]`);
    else report.wrong.push(`${path}[${i}]`);
  }
}

function walkTypes(body: Record<string, unknown>): TypeReport {
  const report: TypeReport = { wrong: [], nullItems: [], unknown: [], nulls: [], size: 0 };
  for (const key of Object.keys(body)) {
    const value = body[key];
    if (!REQUEST_MEMBER_SET.has(key)) {
      report.unknown.push(key);
      continue;
    }
    if (value === null) {
      report.nulls.push(key);
      continue;
    }
    switch (key) {
      case 'InstanceIds':
      case 'LayerIds':
        checkStringList(value, key, report);
        break;
      case 'Command':
        if (!isPlainObject(value)) {
          report.wrong.push(key);
          break;
        }
        for (const ck of Object.keys(value)) {
          const cv = value[ck];
          if (!COMMAND_MEMBER_SET.has(ck)) report.unknown.push(`Command.${ck}`);
          else if (cv === null) report.nulls.push(`Command.${ck}`);
          else if (ck === 'Name') {
            if (typeof cv !== 'string') report.wrong.push('Command.Name');
          } else if (!isPlainObject(cv)) report.wrong.push('Command.Args');
          else
            for (const ak of Object.keys(cv)) {
              const av = cv[ak];
              report.size += ak.length;
              if (av === null) report.nullItems.push(`Command.Args.${ak}`);
              else checkStringList(av, `Command.Args.${ak}`, report);
            }
        }
        break;
      default:
        // StackId, AppId, Comment, CustomJson: strings.
        if (typeof value !== 'string') report.wrong.push(key);
        else report.size += value.length;
    }
  }
  return report;
}

function present(body: Record<string, unknown>, key: string): boolean {
  const v = body[key];
  return v !== undefined && v !== null;
}

/** A business fault: its allowed errors and the rule that says so. */
interface Fault {
  outcomes: string[];
  rule: string;
  note: string;
}

function notFoundOrInvalid(id: string): string[] {
  // A blank ID is "not found" on the live service for malformed IDs, but a framework length check
  // could call it invalid: both are plausible.
  return isBlank(id) ? [RNF, VE] : [RNF];
}

const RESOURCE_LISTS = [
  ['InstanceIds', 'instance'],
  ['LayerIds', 'layer'],
] as const;

/** Why `id` is not a `kind` of stack `stackId`, or undefined when it is. */
function resourceFault(
  index: WorldIndex['stackOf'],
  stackId: string,
  id: string,
  kind: 'app' | 'layer' | 'instance',
  member: string,
): Fault | undefined {
  const entry = index.get(id);
  if (entry?.kind === kind && entry.stackId === stackId) return undefined;
  if (entry?.kind === kind) {
    return {
      outcomes: [RNF, VE],
      rule: 'resources-belong-to-stack',
      note: `${member} ${id} belongs to another stack`,
    };
  }
  return {
    outcomes: notFoundOrInvalid(id),
    rule: 'unknown-resource-not-found',
    note: `${member} ${JSON.stringify(id.slice(0, 60))} names no ${kind}`,
  };
}

// Module-level functions rather than closures: the oracle runs per case, and a closure per call (with
// tsx's name-keeping wrapper) was a fifth of a small case's oracle time.
function businessFaults(
  body: Record<string, unknown>,
  world: World,
  unspecified: { outcomes: Set<string>; notes: string[] },
): Fault[] {
  const faults: Fault[] = [];
  const index = indexWorld(world).stackOf;
  const stackId = body.StackId as string;
  const command = body.Command as Record<string, unknown>;
  const name = command.Name as string;
  const stackEntry = index.get(stackId);
  const stackKnown = stackEntry?.kind === 'stack';
  if (!stackKnown) {
    faults.push({
      outcomes: notFoundOrInvalid(stackId),
      rule: 'unknown-stack-not-found',
      note: `StackId ${JSON.stringify(stackId.slice(0, 60))} names no stack`,
    });
  }

  const appId = present(body, 'AppId') ? (body.AppId as string) : undefined;
  if (APP_COMMAND_SET.has(name) && appId === undefined) {
    faults.push({
      outcomes: [VE],
      rule: 'app-id-required-for-app-commands',
      note: `${name} is an app command and needs AppId`,
    });
  }
  // Resources can only be looked up in a stack that exists; an unknown stack already forces a rejection.
  if (stackKnown) {
    if (appId !== undefined) {
      const f = resourceFault(index, stackId, appId, 'app', 'AppId');
      if (f && APP_COMMAND_SET.has(name)) faults.push(f);
      else if (f) {
        // AppId is not required for stack commands; whether a wrong one is checked is unspecified.
        unspecified.outcomes.add(RNF).add(VE);
        unspecified.notes.push(`a stack command names an AppId that is not an app of the stack (${f.note})`);
      }
    }
    for (const [member, kind] of RESOURCE_LISTS) {
      if (!present(body, member)) continue;
      for (const id of body[member] as unknown[]) {
        if (typeof id !== 'string') continue; // null items are handled as framework faults
        const f = resourceFault(index, stackId, id, kind, member);
        if (f) faults.push(f);
      }
    }
  }

  if (present(body, 'CustomJson')) checkCustomJson(body.CustomJson as string, faults, unspecified);
  checkArgs(name, command.Args, faults, unspecified);
  return faults;
}

function checkCustomJson(
  text: string,
  faults: Fault[],
  unspecified: { outcomes: Set<string>; notes: string[] },
): void {
  if (text.length > CUSTOM_JSON_SURELY_OVER_CHARS) {
    faults.push({
      outcomes: [ANY_CLIENT_ERROR],
      rule: 'custom-json-size-limit',
      note: `CustomJson is ${text.length} characters, over 120 KB`,
    });
    // Any client error is already allowed, ValidationException included: whether the text also
    // parses changes nothing, and parsing 120 KB per case is the oracle's most expensive step.
    return;
  } else if (utf8LengthOver(text, CUSTOM_JSON_SURELY_WITHIN_BYTES)) {
    unspecified.outcomes.add(ANY_CLIENT_ERROR);
    unspecified.notes.push(
      'CustomJson is between 120,000 UTF-8 bytes and 122,880 characters: the 120 KB unit decides',
    );
  }
  if (text.length > 2 * CUSTOM_JSON_DEPTH_LIMIT && jsonDepthOver(text, CUSTOM_JSON_DEPTH_LIMIT)) {
    unspecified.outcomes.add(VE).add(SE);
    unspecified.notes.push(`CustomJson nests deeper than ${CUSTOM_JSON_DEPTH_LIMIT} levels`);
    return;
  }
  // Only the kind of value matters: no need to build it (JSON.parse was most of a small case's cost).
  const kind = jsonValueKind(text);
  if (kind === undefined) {
    faults.push({ outcomes: [VE], rule: 'custom-json-must-be-object', note: 'CustomJson is not JSON' });
  } else if (kind !== 'object') {
    faults.push({
      outcomes: [VE],
      rule: 'custom-json-must-be-object',
      note: `CustomJson is JSON ${kind}, not an object`,
    });
  }
}

function isBooleanArg(v: unknown): boolean {
  return Array.isArray(v) && v.length === 1 && (v[0] === 'true' || v[0] === 'false');
}

/** An Args detail the documents leave open: a ValidationException is plausible. */
function vague(unspecified: { outcomes: Set<string>; notes: string[] }, note: string): void {
  unspecified.outcomes.add(VE);
  unspecified.notes.push(note);
}

function checkArgs(
  name: string,
  args: unknown,
  faults: Fault[],
  unspecified: { outcomes: Set<string>; notes: string[] },
): void {
  const map = isPlainObject(args) ? (args as Record<string, unknown>) : {};
  const documented = DOCUMENTED_ARGS[name] ?? [];
  for (const key of Object.keys(map)) {
    if (!documented.includes(key)) {
      vague(unspecified, `Args.${JSON.stringify(key)} is not documented for ${name}`);
    }
  }
  if (name === 'execute_recipes') {
    const recipes = map.recipes;
    if (!Array.isArray(recipes) || recipes.length === 0) {
      vague(unspecified, 'execute_recipes without Args.recipes');
    }
  }
  if (name === 'deploy' && map.migrate !== undefined && !isBooleanArg(map.migrate)) {
    vague(unspecified, 'Args.migrate is not ["true"] or ["false"]');
  }
  if (name === 'update_dependencies') {
    if (map.allow_reboot !== undefined && !isBooleanArg(map.allow_reboot)) {
      vague(unspecified, 'Args.allow_reboot is not ["true"] or ["false"]');
    }
    const upgrade = map.upgrade_os_to;
    if (upgrade !== undefined) {
      const reboot = map.allow_reboot;
      if (!(Array.isArray(reboot) && reboot.length === 1 && reboot[0] === 'true')) {
        faults.push({
          outcomes: [VE],
          rule: 'upgrade-os-requires-allow-reboot',
          note: 'upgrade_os_to without allow_reboot ["true"]',
        });
      }
      if (!Array.isArray(upgrade) || upgrade.length !== 1)
        vague(unspecified, 'Args.upgrade_os_to does not hold one version');
    }
  }
}

function judgeBody(body: Record<string, unknown>, world: World, d: Decision): void {
  const types = walkTypes(body);
  judgeMembers(body, world, d, types);
  // Supporting, not deciding: its note goes after the decision's, so reports lead with the decision.
  if (types.nulls.length > 0) {
    d.support('null-is-absent').note(`null member(s) ${types.nulls.join(', ')} count as absent`);
  }
}

function judgeMembers(body: Record<string, unknown>, world: World, d: Decision, types: TypeReport): void {
  // Unknown members: the framework drops them (observed) or refuses them; the spec is silent.
  const extras = { outcomes: new Set<string>(), notes: [] as string[] };
  if (types.unknown.length > 0) {
    extras.outcomes.add(VE).add(SE);
    extras.notes.push(`unknown member(s) ${types.unknown.slice(0, 5).join(', ')}`);
  }
  if (types.size > HUGE_BODY_CHARS) {
    extras.outcomes.add(ANY_CLIENT_ERROR);
    extras.notes.push(`the body holds ${types.size} characters: a server body cap may refuse it`);
  }

  const stackId = body.StackId;
  const stackUnknown =
    typeof stackId === 'string' && indexWorld(world).stackOf.get(stackId)?.kind !== 'stack';

  // Framework faults first (Coral order: member types, then required and enum).
  if (types.wrong.length > 0 || types.nullItems.length > 0) {
    d.allow(SE).rule('member-type-mismatch');
    if (types.wrong.some((p) => p.startsWith('Command.Args'))) d.rule('args-map-of-string-lists');
    if (types.wrong.length === 0) {
      d.allow(VE).note(`null item(s) in a list or map: ${types.nullItems.slice(0, 3).join(', ')}`);
    } else d.note(`wrong JSON type at ${types.wrong.slice(0, 5).join(', ')}`);
    if (stackUnknown) d.support('validation-before-business');
    finishExtras(d, extras, false);
    return;
  }
  const missing: string[] = [];
  if (!present(body, 'StackId')) missing.push('stack-id-required');
  const command = body.Command;
  if (!present(body, 'Command')) missing.push('command-required');
  else if (!present(command as Record<string, unknown>, 'Name')) missing.push('command-name-required');
  else if (!COMMAND_SET.has((command as Record<string, unknown>).Name as string))
    missing.push('command-name-enum');
  if (missing.length > 0) {
    d.allow(VE)
      .rule(...missing)
      .note(`required member or enum violated: ${missing.join(', ')}`);
    if (stackUnknown) d.support('validation-before-business');
    finishExtras(d, extras, false);
    return;
  }

  const faults = businessFaults(body, world, extras);
  if (faults.length > 0) {
    for (const f of faults)
      d.allow(...f.outcomes)
        .rule(f.rule)
        .note(f.note);
    if (new Set(faults.map((f) => f.rule)).size > 1) {
      d.note('several business faults compete: the documents do not say which wins, so each one may');
    }
    finishExtras(d, extras, false);
    return;
  }
  d.allow(SUCCESS).rule('valid-request-succeeds');
  finishExtras(d, extras, true);
}

/** Folds unspecified alternatives in. When success is still possible the case becomes unspecified. */
function finishExtras(
  d: Decision,
  extras: { outcomes: Set<string>; notes: string[] },
  successPossible: boolean,
): void {
  if (extras.outcomes.size === 0) return;
  for (const o of extras.outcomes) d.allow(o);
  for (const n of extras.notes) d.note(`unspecified: ${n}`);
  if (successPossible) d.unspecified = true;
}

const CHARSET_CONTENT_TYPE = `${JSON_CONTENT_TYPE}; charset=utf-8`;
const CHARSET_UTF8 = /^\s*charset\s*=\s*"?utf-8"?\s*$/i;

function decide(request: CaseRequest, world: World): Decision {
  const d = new Decision();
  const method = (request.method ?? 'POST').toUpperCase();
  if (method !== 'POST') {
    return d.allow(ANY_CLIENT_ERROR).rule('post-only').note(`method ${method} is not POST`);
  }
  const path = request.path ?? '/';
  if (path !== '/') {
    d.unspecified = true;
    return d.allow(SUCCESS, ANY_CLIENT_ERROR).note(`unspecified: path ${path} is not /`);
  }

  const contentType = headerValue(request.headers, 'content-type');
  let oddParams = false;
  // The two spellings nearly every case uses are answered without splitting and matching.
  if (contentType === CHARSET_CONTENT_TYPE) d.support('charset-parameter-accepted');
  else if (contentType !== JSON_CONTENT_TYPE) {
    const [media = '', ...params] = (contentType ?? '').split(';');
    if (media.trim().toLowerCase() !== JSON_CONTENT_TYPE) {
      return d
        .allow(ANY_CLIENT_ERROR)
        .rule('content-type-required')
        .note(contentType === undefined ? 'no Content-Type' : `Content-Type ${contentType}`);
    }
    for (const p of params) {
      if (CHARSET_UTF8.test(p)) d.support('charset-parameter-accepted');
      else oddParams = true;
    }
  }

  // The body: a JSON value, or raw text parsed the way the service would.
  let body: unknown;
  let duplicateKeys = false;
  if (request.rawBody !== undefined) {
    const text = decodeRawBody(request);
    if (text === undefined) {
      return d.allow(SE).rule('body-must-be-json-object').note('the body is not valid UTF-8');
    }
    if (isBlank(text)) {
      // The protocol reads an empty body as {}; a Coral service may call it a serialization fault.
      d.allow(SE).rule('empty-body-is-empty-object').note('empty body');
      if (text !== '')
        d.note('unspecified: a whitespace-only body is empty to some parsers, not JSON to others');
      body = {};
    } else {
      body = parseJson(text);
      if (body === NOT_JSON) return d.allow(SE).rule('body-must-be-json-object').note('the body is not JSON');
      duplicateKeys = hasDuplicateKeys(text);
    }
  } else {
    body = request.body === undefined ? {} : request.body;
    if (request.body === undefined) d.allow(SE).rule('empty-body-is-empty-object').note('empty body');
  }
  if (!isPlainObject(body)) {
    return d.allow(SE).rule('body-must-be-json-object').note('the body is JSON but not an object');
  }

  const target = headerValue(request.headers, 'x-amz-target');
  if (target !== CREATE_DEPLOYMENT_TARGET) {
    const op = target?.startsWith(`${TARGET_PREFIX}.`) ? target.slice(TARGET_PREFIX.length + 1) : undefined;
    if (op !== undefined && OPERATION_SET.has(op)) {
      // Another real OpsWorks operation: its own contract applies, not CreateDeployment's.
      d.unspecified = true;
      return d
        .allow(SUCCESS, ANY_CLIENT_ERROR)
        .note(`unspecified: X-Amz-Target names another operation (${op})`);
    }
    return d
      .allow(UOE)
      .rule('target-header-required')
      .note(target === undefined ? 'no X-Amz-Target' : `unknown X-Amz-Target ${target}`);
  }

  judgeBody(body, world, d);
  if (duplicateKeys) {
    // Parsers keep the first, keep the last or refuse: the documents say nothing.
    d.allow(SE, SUCCESS, ANY_CLIENT_ERROR).note('unspecified: the body repeats a key');
    d.unspecified = true;
  }
  if (oddParams) {
    d.allow(ANY_CLIENT_ERROR).note(`unspecified: Content-Type parameters other than charset=utf-8`);
    if (d.allowed.has(SUCCESS)) d.unspecified = true;
  }
  return d;
}

/**
 * The oracle: the outcomes a conformant CreateDeployment service may produce for `request`, given
 * the IDs that exist (`world`), and the rules that decided them. It judges any request — generated,
 * replayed from a fixture or hand-written — and never throws.
 *
 * Framework checks (method, Content-Type, body parse, X-Amz-Target, member types, required members,
 * enum) come first, in the order observed on Coral services; business checks (stack, app, instances,
 * layers, CustomJson, Args) come after, and when several of them fail every one's error is allowed.
 * Where the documents are silent, every plausible outcome is allowed and the case is `unspecified`.
 *
 * @example
 * const e = expectedOutcomes(
 *   { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'OpsWorks_20130218.CreateDeployment' },
 *     body: { Command: { Name: 'setup' } } },
 *   world,
 * );
 * e.allowed; // ['ValidationException']
 * e.rules;   // ['stack-id-required']
 */
export function expectedOutcomes(
  request: CaseRequest,
  world: World,
  options: ExpectedOutcomesOptions = {},
): Expectation {
  const d = decide(request, world);
  const expectation: Expectation = {
    allowed: [...d.allowed],
    rules: [...d.rules, ...d.supporting.filter((id) => !d.rules.includes(id))],
    unspecified: d.unspecified,
    notes: d.notes,
  };
  const levels = options.levels;
  if (levels !== undefined && !expectation.unspecified) {
    const counted = d.rules.some((id) => {
      const level = getRule(id)?.level;
      return level !== undefined && levels.includes(level);
    });
    if (!counted) {
      expectation.unspecified = true;
      expectation.notes.push(`no rule of the selected levels (${levels.join(', ')}) decides this case`);
    }
  }
  return expectation;
}
