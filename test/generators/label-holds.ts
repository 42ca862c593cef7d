import type { Case } from '../../src/contract/types.js';
import {
  APP_COMMANDS,
  CREATE_DEPLOYMENT_TARGET,
  CUSTOM_JSON_SURELY_OVER_CHARS,
} from '../../src/contract/wire.js';
import { ALL_MEMBERS, COMMAND_NAME_ENUM } from '../../src/generators/request-shape.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function at(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const part of path.split('.')) v = isObj(v) ? v[part] : undefined;
  return v;
}

function parses(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Whether `label` is true of the case, judged from the request alone (independently of the oracle
 * and of the generator that made it). Labels of categories with no structural claim return true.
 */
export function labelHolds(c: Case, label: string): boolean {
  const [category, path = ''] = label.split(/:(.*)/s) as [string, string?];
  const body = c.request.body;
  const headers = c.request.headers;
  switch (category) {
    case 'missing-required':
      return at(body, path) === undefined || at(body, path) === null;
    case 'wrong-type': {
      const list = path.endsWith('[]');
      const member = ALL_MEMBERS.find((m) => m.path === path.replace('[]', ''));
      const v = at(body, path.replace('[]', ''));
      if (member === undefined || v === null || v === undefined) return false;
      if (list) return Array.isArray(v) && v.some((x) => typeof x !== 'string');
      if (member.type === 'string') return typeof v !== 'string';
      if (member.type === 'string-list') return !Array.isArray(v);
      return !isObj(v);
    }
    case 'bad-enum': {
      const name = at(body, 'Command.Name');
      return typeof name === 'string' && !(COMMAND_NAME_ENUM as readonly string[]).includes(name);
    }
    case 'malformed-custom-json':
      return typeof at(body, 'CustomJson') === 'string' && !parses(at(body, 'CustomJson') as string).ok;
    case 'custom-json-not-object': {
      const p = parses(at(body, 'CustomJson') as string);
      return p.ok && !isObj(p.value);
    }
    case 'custom-json-oversize': {
      const text = at(body, 'CustomJson');
      return typeof text === 'string' && text.length > CUSTOM_JSON_SURELY_OVER_CHARS && parses(text).ok;
    }
    case 'app-command-without-app-id':
      return (
        (APP_COMMANDS as readonly unknown[]).includes(at(body, 'Command.Name')) &&
        (at(body, 'AppId') === undefined || at(body, 'AppId') === null)
      );
    case 'unknown-members':
      return at(body, path) !== undefined || (isObj(body) && Object.hasOwn(body, path));
    case 'wire-not-json':
      return (
        c.request.rawBody !== undefined && c.request.rawBody.trim() !== '' && !parses(c.request.rawBody).ok
      );
    case 'wire-not-object': {
      const p = c.request.rawBody === undefined ? { ok: false as const } : parses(c.request.rawBody);
      return p.ok && !isObj(p.value);
    }
    case 'wire-empty-body':
      return body === undefined && (c.request.rawBody === undefined || c.request.rawBody === '');
    case 'wire-invalid-utf8': {
      if (c.request.rawBodyEncoding !== 'base64' || c.request.rawBody === undefined) return false;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(c.request.rawBody, 'base64'));
        return false;
      } catch {
        return true;
      }
    }
    case 'wire-content-type': {
      const ct = headers['content-type'];
      return ct === undefined || !ct.startsWith('application/x-amz-json-1.1');
    }
    case 'wire-missing-target':
      return headers['x-amz-target'] === undefined;
    case 'wire-wrong-target':
      return headers['x-amz-target'] !== undefined && headers['x-amz-target'] !== CREATE_DEPLOYMENT_TARGET;
    case 'wire-method':
      return c.request.method !== undefined && c.request.method.toUpperCase() !== 'POST';
    default:
      return true;
  }
}
