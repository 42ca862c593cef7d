import type { Case } from '../contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../contract/wire.js';

/** A JSON object body under construction. Generators build fresh objects; they never mutate a drawn value. */
export type Body = Record<string, unknown>;

/**
 * A valid request before it becomes a `Case`: which stack it was drawn for (mutations that borrow IDs
 * from *another* stack need it), the body and the content type.
 */
export interface Draft {
  readonly stackIndex: number;
  readonly body: Body;
  readonly contentType: string;
}

/** The protocol headers for a CreateDeployment request with the given content type. */
export function protocolHeaders(contentType: string = JSON_CONTENT_TYPE): Record<string, string> {
  return { 'content-type': contentType, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
}

/** Turns a draft into a case carrying `labels`. */
export function draftToCase(draft: Draft, labels: string[]): Case {
  return { request: { headers: protocolHeaders(draft.contentType), body: draft.body }, labels };
}

/** The `Command` object of a body, or an empty object when it is missing or not an object. */
export function commandOf(body: Body): Body {
  const c = body.Command;
  return typeof c === 'object' && c !== null && !Array.isArray(c) ? (c as Body) : {};
}

/** A copy of `body` with `Command` replaced by `command`, keeping the member order. */
export function withCommand(body: Body, command: Body): Body {
  return { ...body, Command: command };
}

/** A copy of `body` without `key`. */
export function without(body: Body, key: string): Body {
  const { [key]: _dropped, ...rest } = body;
  return rest;
}

/**
 * Sets an own property even for keys such as `__proto__`, which a plain assignment or object literal
 * would turn into a prototype change instead of a member.
 */
export function defineMember(target: Body, key: string, value: unknown): Body {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}
