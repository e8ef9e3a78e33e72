/**
 * Template functions and their Go signatures. A function without a signature takes any number of
 * interface{} arguments; one made with `goFunc` gets its arguments checked and converted as Go's
 * text/template does for a typed Go function (exec.go evalArg / validateType).
 */

/** A template function: arguments in, a value out; it throws a `FuncError` (or any Error) to fail. */
export type GoFunc = (...args: never[]) => unknown;

/** A map of function names to functions, as Go's template.FuncMap. */
export type FuncMap = Record<string, GoFunc>;

/**
 * Go parameter types: `any` is interface{}; `value` is reflect.Value (it may receive `undefined`,
 * no value); `list` is []interface{}; `strings` is []string; `map` is map[string]interface{}.
 */
export type GoType = 'any' | 'value' | 'string' | 'int' | 'int64' | 'float64' | 'bool' | 'list' | 'strings' | 'map' | 'bytes';

/** A function's Go signature. */
export interface GoSignature {
  readonly params: readonly GoType[];
  /** The element type of a final `...T` parameter. */
  readonly variadic?: GoType;
}

const signatures = new WeakMap<GoFunc, GoSignature>();

/** Gives a function a Go signature, so that calls are checked and converted as Go would. */
export function goFunc<F extends GoFunc>(params: readonly GoType[], variadic: GoType | undefined, fn: F): F {
  signatures.set(fn, variadic === undefined ? { params } : { params, variadic });
  return fn;
}

const anySignature: GoSignature = { params: [], variadic: 'any' };

/** The function's signature: its declared one, or `func(...interface{}) interface{}`. */
export function signatureOf(fn: GoFunc): GoSignature {
  return signatures.get(fn) ?? anySignature;
}

/** The Go spelling of a parameter type, for messages. */
export function goTypeName(t: GoType): string {
  switch (t) {
    case 'any': return 'interface {}';
    case 'value': return 'reflect.Value';
    case 'list': return '[]interface {}';
    case 'strings': return '[]string';
    case 'map': return 'map[string]interface {}';
    case 'bytes': return '[]uint8';
    default: return t;
  }
}

/** Merges function maps; later maps win, as repeated Funcs calls do in Go. */
export function combineFuncs(...maps: readonly FuncMap[]): FuncMap {
  const out: FuncMap = Object.create(null) as FuncMap;
  for (const m of maps) for (const k of Object.keys(m)) out[k] = m[k]!;
  return out;
}
