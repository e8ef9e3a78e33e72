// Sprig's list functions (Masterminds/sprig v3 list.go): each has a must- variant that returns the
// error; the plain one fails the template with the same message (Go's panic, recovered by
// text/template). Sprig: MIT licence, Copyright (C) 2013-2020 Masterminds.
import { fail } from '../template/exec';
import { type FuncMap, type GoFunc, goFunc } from '../template/func';
import { compareStrings, kindOf } from '../template/values';
import { deepEqual, empty, sliceOf, strslice, strval, toInt64 } from './convert';

/** Go's panic for reflect.TypeOf(nil).Kind(), which Sprig's list functions reach with nil. */
const nilDereference = 'runtime error: invalid memory address or nil pointer dereference';

/** The slice's elements, or Sprig's "Cannot <what> on type KIND" error (a reflect.Kind name). */
function listOr(v: unknown, what: string): unknown[] {
  if (v === null || v === undefined) fail(nilDereference);
  const l = sliceOf(v);
  if (l === undefined) fail(`Cannot ${what} on type ${kindOf(v)}`);
  return l;
}

function inList(haystack: unknown[], needle: unknown): boolean {
  return haystack.some((h) => deepEqual(needle, h));
}

function sliceList(list: unknown, ...indices: unknown[]): unknown {
  const l = sliceOf(list);
  if (l === undefined) fail(`list should be type of slice or array but ${list === null || list === undefined ? 'invalid' : kindOf(list)}`);
  if (l.length === 0) return null;
  let start = 0;
  let end = l.length;
  if (indices.length > 0) start = Number(toInt64(indices[0]));
  if (indices.length > 1) end = Number(toInt64(indices[1]));
  if (start < 0 || end > l.length || start > end) fail(`runtime error: slice bounds out of range [${start}:${end}] with capacity ${l.length}`);
  return l.slice(start, end);
}

function chunk(size: bigint, list: unknown): unknown[][] {
  const l = listOr(list, 'chunk');
  const n = Number(size);
  if (n <= 0) fail('runtime error: integer divide by zero');
  const out: unknown[][] = [];
  for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
  return out;
}

/** Both the must- form and the plain form of a list function. */
function pair(name: string, params: Parameters<typeof goFunc>[0], variadic: Parameters<typeof goFunc>[1], fn: GoFunc): FuncMap {
  const must = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
  return { [name]: goFunc(params, variadic, fn), [must]: goFunc(params, variadic, fn) };
}

const A = 'any' as const;

/** Sprig's list functions. */
export function listFuncs(): FuncMap {
  const first = (v: unknown): unknown => {
    const l = listOr(v, 'find first');
    return l.length === 0 ? null : l[0];
  };
  const last = (v: unknown): unknown => {
    const l = listOr(v, 'find last');
    return l.length === 0 ? null : l[l.length - 1];
  };
  const rest = (v: unknown): unknown => {
    const l = listOr(v, 'find rest');
    return l.slice(1);
  };
  const initial = (v: unknown): unknown => {
    const l = listOr(v, 'find initial');
    return l.slice(0, -1);
  };
  const push = (list: unknown, v: unknown): unknown[] => [...listOr(list, 'push'), v];
  return {
    list: goFunc([], A, (...v: unknown[]) => v),
    tuple: goFunc([], A, (...v: unknown[]) => v),
    ...pair('first', [A], undefined, first),
    ...pair('last', [A], undefined, last),
    ...pair('rest', [A], undefined, rest),
    ...pair('initial', [A], undefined, initial),
    ...pair('push', [A, A], undefined, push),
    ...pair('append', [A, A], undefined, push),
    ...pair('prepend', [A, A], undefined, (list: unknown, v: unknown) => [v, ...listOr(list, 'prepend')]),
    ...pair('reverse', [A], undefined, (v: unknown) => [...listOr(v, 'find reverse')].reverse()),
    ...pair('uniq', [A], undefined, (v: unknown) => {
      const out: unknown[] = [];
      for (const x of listOr(v, 'find uniq')) if (!inList(out, x)) out.push(x);
      return out;
    }),
    ...pair('without', [A], A, (list: unknown, ...omit: unknown[]) => listOr(list, 'find without').filter((x) => !inList(omit, x))),
    ...pair('has', [A, A], undefined, (needle: unknown, haystack: unknown) => {
      if (haystack === null || haystack === undefined) return false;
      return inList(listOr(haystack, 'find has'), needle);
    }),
    ...pair('compact', [A], undefined, (v: unknown) => listOr(v, 'compact').filter((x) => !empty(x))),
    ...pair('slice', [A], A, sliceList),
    ...pair('chunk', ['int', A], undefined, chunk),
    concat: goFunc([], A, (...lists: unknown[]) => lists.flatMap((l) => {
      if (l === null || l === undefined) fail(nilDereference);
      const x = sliceOf(l);
      if (x === undefined) fail(`Cannot concat type ${kindOf(l)} as list`);
      return x;
    })),
    sortAlpha: goFunc([A], undefined, (v: unknown) => {
      const l = sliceOf(v);
      if (l === undefined) return [strval(v)];
      return strslice(l).sort(compareStrings);
    }),
  };
}
