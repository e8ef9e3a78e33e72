// The assertion kinds of helm-unittest (https://github.com/helm-unittest/helm-unittest, MIT) that
// chart test suites use, each checking the documents one template rendered.
import { compileGo } from '../sprig/regex';
import { evaluate, parsePath } from './path';

/** One rendered document of a template. */
export interface Doc {
  readonly template: string;
  /** The document text (for the *Raw assertions). */
  readonly raw: string;
  /** The parsed document; null for an empty or comment-only one. */
  readonly value: unknown;
}

/** What an assertion sees. */
export interface AssertContext {
  readonly docs: readonly Doc[];
  /** The render error, when rendering failed. */
  readonly error: string | undefined;
  /** The expected value of the next matchSnapshot of this test, already parsed; undefined without a snapshot. */
  readonly snapshot: () => unknown;
}

type Params = Record<string, unknown>;
type Check = (ctx: AssertContext, p: Params) => string | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep equality of YAML values (numbers by value, maps by keys). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function isSubset(content: unknown, actual: unknown): boolean {
  if (isRecord(content) && isRecord(actual)) return Object.keys(content).every((k) => Object.prototype.hasOwnProperty.call(actual, k) && deepEqual(content[k], actual[k]));
  return deepEqual(content, actual);
}

function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isRecord(v)) return Object.keys(v).length === 0;
  return false;
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Runs a check on each document; the first failure is the result. */
function eachDoc(per: (doc: Doc, p: Params, ctx: AssertContext) => string | undefined): Check {
  return (ctx, p) => {
    if (ctx.error !== undefined) return `rendering failed: ${ctx.error}`;
    if (ctx.docs.length === 0) return 'no document rendered';
    for (const d of ctx.docs) {
      const f = per(d, p, ctx);
      if (f !== undefined) return `${d.template}: ${f}`;
    }
    return undefined;
  };
}

/** The values at the assertion's path (several with [*]). */
function at(doc: Doc, p: Params): unknown[] {
  return evaluate(doc.value, parsePath(String(p['path'] ?? '')));
}

function one(doc: Doc, p: Params): { found: boolean; value: unknown } {
  const vals = at(doc, p);
  return vals.length === 0 ? { found: false, value: undefined } : { found: true, value: vals.length === 1 ? vals[0] : vals };
}

function regexOf(p: Params): RegExp {
  return compileGo(String(p['pattern'] ?? ''));
}

function failedTemplate(ctx: AssertContext, p: Params): string | undefined {
  if (ctx.error === undefined) return 'expected the render to fail';
  const message = ctx.error;
  const stripped = message.replace(/\n\nUse --debug flag to render out invalid YAML$/, '');
  const core = /^execution error at \([^)]*\): ([\s\S]*)$/.exec(stripped)?.[1] ?? stripped;
  if (p['errorMessage'] !== undefined) {
    const want = String(p['errorMessage']);
    return want === core || want === stripped ? undefined : `error ${show(core)} is not ${show(want)}`;
  }
  if (p['errorPattern'] !== undefined) return compileGo(String(p['errorPattern'])).test(stripped) ? undefined : `error ${show(stripped)} does not match ${show(p['errorPattern'])}`;
  return undefined;
}

/** The checks by assertion name; `not: true` inverts them. */
export const CHECKS: Readonly<Record<string, Check>> = {
  equal: eachDoc((d, p) => {
    // with [*] every value the path reaches must equal the expected one
    const values = String(p['path'] ?? '').includes('[*]') ? at(d, p) : [one(d, p).value];
    const bad = values.find((v) => !deepEqual(v ?? null, p['value'] ?? null));
    return values.length > 0 && bad === undefined ? undefined : `${String(p['path'])} is ${show(values.length === 1 ? values[0] : values)}, not ${show(p['value'])}`;
  }),
  notEqual: eachDoc((d, p) => (deepEqual(one(d, p).value ?? null, p['value'] ?? null) ? `${String(p['path'])} equals ${show(p['value'])}` : undefined)),
  equalRaw: eachDoc((d, p) => (d.raw.trim() === String(p['value'] ?? '').trim() ? undefined : `the text is ${show(d.raw)}`)),
  matchRegex: eachDoc((d, p) => {
    const { value } = one(d, p);
    if (typeof value !== 'string') return `${String(p['path'])} is no string: ${show(value)}`;
    return regexOf(p).test(value) ? undefined : `${show(value)} does not match ${show(p['pattern'])}`;
  }),
  notMatchRegex: eachDoc((d, p) => {
    const { value } = one(d, p);
    if (typeof value !== 'string') return `${String(p['path'])} is no string: ${show(value)}`;
    return regexOf(p).test(value) ? `${show(value)} matches ${show(p['pattern'])}` : undefined;
  }),
  matchRegexRaw: eachDoc((d, p) => (regexOf(p).test(d.raw) ? undefined : `the text does not match ${show(p['pattern'])}`)),
  notMatchRegexRaw: eachDoc((d, p) => (regexOf(p).test(d.raw) ? `the text matches ${show(p['pattern'])}` : undefined)),
  contains: eachDoc((d, p) => {
    const { value } = one(d, p);
    if (!Array.isArray(value)) return `${String(p['path'])} is no list: ${show(value)}`;
    const matches = value.filter((x) => (p['any'] === true ? isSubset(p['content'], x) : deepEqual(x, p['content']))).length;
    if (p['count'] !== undefined) return matches === Number(p['count']) ? undefined : `${matches} elements match, not ${String(p['count'])}`;
    return matches > 0 ? undefined : `${String(p['path'])} does not contain ${show(p['content'])}`;
  }),
  notContains: eachDoc((d, p) => {
    const { value } = one(d, p);
    if (value !== undefined && value !== null && !Array.isArray(value)) return `${String(p['path'])} is no list: ${show(value)}`;
    const list = Array.isArray(value) ? value : [];
    return list.some((x) => (p['any'] === true ? isSubset(p['content'], x) : deepEqual(x, p['content']))) ? `${String(p['path'])} contains ${show(p['content'])}` : undefined;
  }),
  isSubset: eachDoc((d, p) => (isSubset(p['content'], one(d, p).value) ? undefined : `${show(p['content'])} is no subset of ${show(one(d, p).value)}`)),
  isNull: eachDoc((d, p) => (one(d, p).value == null ? undefined : `${String(p['path'])} is ${show(one(d, p).value)}`)),
  isNotNull: eachDoc((d, p) => (one(d, p).value != null ? undefined : `${String(p['path'])} is null`)),
  isEmpty: eachDoc((d, p) => (isEmptyValue(one(d, p).value) ? undefined : `${String(p['path'])} is ${show(one(d, p).value)}`)),
  isNullOrEmpty: eachDoc((d, p) => (isEmptyValue(one(d, p).value) ? undefined : `${String(p['path'])} is ${show(one(d, p).value)}`)),
  isNotNullOrEmpty: eachDoc((d, p) => (!isEmptyValue(one(d, p).value) ? undefined : `${String(p['path'])} is empty`)),
  isNotEmpty: eachDoc((d, p) => (!isEmptyValue(one(d, p).value) ? undefined : `${String(p['path'])} is empty`)),
  exists: eachDoc((d, p) => (one(d, p).found ? undefined : `${String(p['path'])} does not exist`)),
  notExists: eachDoc((d, p) => (one(d, p).found ? `${String(p['path'])} exists` : undefined)),
  isKind: eachDoc((d, p) => {
    const kind = isRecord(d.value) ? d.value['kind'] : undefined;
    return kind === p['of'] ? undefined : `kind is ${show(kind)}, not ${show(p['of'])}`;
  }),
  isAPIVersion: eachDoc((d, p) => {
    const v = isRecord(d.value) ? d.value['apiVersion'] : undefined;
    return v === p['of'] ? undefined : `apiVersion is ${show(v)}, not ${show(p['of'])}`;
  }),
  hasDocuments: (ctx, p) => {
    if (ctx.error !== undefined) return `rendering failed: ${ctx.error}`;
    const n = ctx.docs.filter((d) => d.value !== null).length;
    return n === Number(p['count']) ? undefined : `${n} documents, not ${String(p['count'])}`;
  },
  containsDocument: (ctx, p) => {
    if (ctx.error !== undefined) return `rendering failed: ${ctx.error}`;
    const hit = ctx.docs.some((d) => {
      if (!isRecord(d.value)) return false;
      const meta = isRecord(d.value['metadata']) ? d.value['metadata'] : {};
      return d.value['kind'] === p['kind'] && d.value['apiVersion'] === p['apiVersion'] && (p['name'] === undefined || meta['name'] === p['name']) && (p['namespace'] === undefined || meta['namespace'] === p['namespace']);
    });
    return hit ? undefined : `no ${String(p['kind'])} ${String(p['name'] ?? '')} among the documents`;
  },
  failedTemplate,
  notFailedTemplate: (ctx) => (ctx.error === undefined ? undefined : `the render failed: ${ctx.error}`),
  matchSnapshot: eachDoc((d, p, ctx) => {
    const { value } = one(d, p);
    return deepEqual(value ?? null, ctx.snapshot()) ? undefined : `${String(p['path'])} differs from the snapshot`;
  }),
};
