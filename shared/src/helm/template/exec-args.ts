// Ported from Go's src/text/template/exec.go (evalArg for constants, idealConstant, validateType):
// how a value or a constant becomes the argument of a Go-typed function parameter.
// Copyright 2011 The Go Authors; BSD licence, see LICENSE-GO.md.
import { type GoType, goTypeName } from './func';
import type { BoolNode, NumberNode, StringNode } from './nodes';
import { nodeString } from './nodes';
import { GoStruct, isGoMap, typeName } from './values';

/** Reports an execution error at the node being evaluated; never returns. */
export type Errorf = (message: string) => never;

/** A constant with no type from context: float64 when written as one, else int (exec.go idealConstant). */
export function idealConstant(c: NumberNode, errorf: Errorf): unknown {
  // Go's isHexInt: 0x… without a p exponent (no sign allowed); isRuneInt: a character constant
  const isHexInt = /^0[xX]/.test(c.text) && !/[pP]/.test(c.text);
  if (c.isFloat && !isHexInt && !c.text.startsWith("'") && /[.eEpP]/.test(c.text)) return c.float;
  if (c.isInt) return c.int;
  if (c.isUint) errorf(`${c.text} overflows int`);
  return undefined;
}

/** `nil` written as an argument: allowed where Go's type can be nil. */
export function nilArg(typ: GoType, errorf: Errorf): unknown {
  if (typ === 'value') return undefined;
  if (typ === 'any' || typ === 'list' || typ === 'strings' || typ === 'map' || typ === 'bytes') return null;
  return errorf(`cannot assign nil to ${goTypeName(typ)}`);
}

/** A constant written as an argument of a parameter type (evalBool, evalFloat, evalInteger, evalString, evalEmptyInterface). */
export function constantArg(typ: GoType, n: BoolNode | NumberNode | StringNode, errorf: Errorf): unknown {
  switch (typ) {
    case 'bool':
      if (n.type === 'bool') return n.value;
      return errorf(`expected bool; found ${nodeString(n)}`);
    case 'float64':
      if (n.type === 'number' && n.isFloat) return n.float;
      return errorf(`expected float; found ${nodeString(n)}`);
    case 'int': case 'int64':
      if (n.type === 'number' && n.isInt) return n.int;
      return errorf(`expected integer; found ${nodeString(n)}`);
    case 'string':
      if (n.type === 'string') return n.text;
      return errorf(`expected string; found ${nodeString(n)}`);
    case 'any': case 'value':
      if (n.type === 'bool') return n.value;
      if (n.type === 'number') return idealConstant(n, errorf);
      return n.text;
  }
  return errorf(`can't handle ${nodeString(n)} for arg of type ${goTypeName(typ)}`);
}

/** validateType: a computed value passed where Go wants the type (untyped: no type at all, as for a chain's receiver). */
export function validateType(value: unknown, typ: GoType, untyped: boolean, errorf: Errorf): unknown {
  if (value === undefined) {
    // an untyped nil interface{}: accepted as nil
    if (untyped || typ === 'value') return undefined;
    if (typ === 'any' || typ === 'list' || typ === 'strings' || typ === 'map' || typ === 'bytes') return null;
    errorf(`invalid value; expected ${goTypeName(typ)}`);
  }
  if (typ === 'any' || typ === 'value') return value;
  if (assignable(value, typ)) return value;
  return errorf(`wrong type for value; expected ${goTypeName(typ)}; got ${typeName(value)}`);
}

/** Whether a value can be passed where Go wants the type (nil is handled before). */
function assignable(v: unknown, typ: GoType): boolean {
  const u = v instanceof GoStruct && v.options.underlying !== undefined ? v.options.underlying : v;
  switch (typ) {
    case 'string': return typeof v === 'string';
    case 'int': case 'int64': return typeof v === 'bigint';
    case 'float64': return typeof v === 'number';
    case 'bool': return typeof v === 'boolean';
    case 'list': return v === null || Array.isArray(u);
    case 'strings': return v === null || (Array.isArray(u) && u.every((x) => typeof x === 'string'));
    case 'map': return v === null || isGoMap(u);
    case 'bytes': return v === null || u instanceof Uint8Array;
    default: return true;
  }
}
