/**
 * Go's text/template for the Helm renderer: a set of named templates parsed from many files
 * (defines shared across them), executed with JSON-like data and a FuncMap into a string.
 *
 * Values: see values.ts (`undefined` = no value, `null` = nil, objects = maps in sorted key order,
 * arrays = slices, number = float64, bigint = int, `goStruct(…)` = structs whose function fields
 * are methods). Functions: `FuncMap` entries, optionally typed with `goFunc`; a function fails by
 * throwing (`FuncError`), which the template reports as `error calling NAME: message`.
 */
import { builtinFuncs } from './builtins';
import { TemplateError } from './errors';
import { type Budget, type ExecHost, type MissingKey, execute, stackExhausted } from './exec';
import type { FuncMap, GoFunc } from './func';
import { isEmptyTree } from './nodes';
import { type Tree, parseTemplates } from './parse';
import { goQuote } from './quote';
import { SourceRecorder } from './source-map';

export { FuncError, TemplateError, isLimitError } from './errors';
export type { TemplateErrorKind } from './errors';
export type { MissingKey } from './exec';
export { fail } from './exec';
export { formatValue, sprint, sprintf, sprintln } from './fmt';
export { combineFuncs, goFunc, signatureOf } from './func';
export type { FuncMap, GoFunc, GoSignature, GoType } from './func';
export { goQuote } from './quote';
export { SourceRecorder, alignSegments, deleteAll, lineColumn, segmentAt, templatePosition } from './source-map';
export type { CallSite, OutputOrigin, OutputSegment, ValueRef } from './source-map';
export { GoStruct, goStruct, isGoMap, isTrue, kindOf, sortedKeys, typeName } from './values';
export type { GoKind, GoMap, GoStructOptions } from './values';

/** Options of a template set. */
export interface TemplateOptions {
  /** Go's missingkey option: `default` prints "<no value>", `zero` gives nil, `error` fails. */
  readonly missingKey?: MissingKey;
  /** Deepest nesting of {{template}} calls and nested executions (include, tpl). Default 1000. */
  readonly maxDepth?: number;
  /** Most steps (nodes walked, range iterations, function calls) of one top-level execution. Default 10,000,000. */
  readonly maxSteps?: number;
  /** Most output characters of one top-level execution, nested ones counted too. Default 64 Mi. */
  readonly maxOutput?: number;
  /** The set's own name, as "no template … associated with template NAME" says. Default `gotpl` (Helm's). */
  readonly name?: string;
}

/** Go's predefined functions, shared by every set (frozen). */
const builtins: FuncMap = Object.freeze(builtinFuncs());

/** The budget of the execution running now, shared between a set and its clones. */
interface Runtime {
  active: Budget | undefined;
  /** The recorder of the execution running now, when it keeps a source map: nested executions record too. */
  recorder?: SourceRecorder | undefined;
}

/**
 * A snapshot shared by a set and its clones: templates and functions that none of them changes any
 * more. Each set keeps its own additions on top, so a clone (Helm's tpl makes one per call) costs
 * no copy of a chart's hundreds of templates and functions.
 */
interface Shared {
  readonly trees: ReadonlyMap<string, Tree>;
  readonly funcs: Readonly<FuncMap>;
}

const emptyShared: Shared = { trees: new Map(), funcs: Object.freeze(Object.create(null) as FuncMap) };

/** A set of named templates with their functions. */
export class TemplateSet {
  private shared: Shared = emptyShared;
  private trees = new Map<string, Tree>();
  private funcs: FuncMap = Object.create(null) as FuncMap;
  private readonly runtime: Runtime;
  private readonly options: Required<TemplateOptions>;

  constructor(funcs: FuncMap = {}, options: TemplateOptions = {}, runtime?: Runtime) {
    Object.assign(this.funcs, funcs);
    this.options = {
      missingKey: options.missingKey ?? 'default',
      maxDepth: options.maxDepth ?? 1000,
      maxSteps: options.maxSteps ?? 10_000_000,
      maxOutput: options.maxOutput ?? 64 * 1024 * 1024,
      name: options.name ?? 'gotpl',
    };
    this.runtime = runtime ?? { active: undefined };
  }

  /** Adds or replaces functions (Go's Funcs); they must be there before the templates that use them are parsed. */
  addFuncs(funcs: FuncMap): this {
    Object.assign(this.funcs, funcs);
    return this;
  }

  /** Parses one file under its name; its defines join the set, replacing earlier ones (an empty body never replaces). Throws a parse `TemplateError`. */
  parse(name: string, text: string, cache?: Map<string, { readonly text: string; readonly trees: ReadonlyMap<string, Tree> }>): void {
    // with `cache` (the last text parsed under each file name), a file parsed before by a set with
    // the same functions is not parsed again: trees are never changed
    const hit = cache?.get(name);
    let parsed = hit && hit.text === text ? hit.trees : undefined;
    if (!parsed) {
      parsed = parseTemplates(name, text, (f) => this.hasFunction(f));
      cache?.set(name, { text, trees: parsed });
    }
    for (const [n, tree] of parsed) {
      if (this.lookup(n) !== undefined && isEmptyTree(tree.root)) continue;
      this.trees.set(n, tree);
    }
  }

  /** True when a template of that name is defined. */
  has(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  /** The defined template names, sorted. */
  names(): string[] {
    return [...new Set([...this.shared.trees.keys(), ...this.trees.keys()])].sort();
  }

  /** A copy with the same templates, functions and options; parsing into it leaves this set alone. Executions of both share one budget. */
  clone(): TemplateSet {
    // fold this set's own additions into a new snapshot that both sets then stand on
    if (this.trees.size > 0 || Object.keys(this.funcs).length > 0) {
      const trees = new Map(this.shared.trees);
      for (const [n, t] of this.trees) trees.set(n, t);
      const funcs = Object.freeze(Object.assign(Object.create(null) as FuncMap, this.shared.funcs, this.funcs));
      this.shared = { trees, funcs };
      this.trees = new Map();
      this.funcs = Object.create(null) as FuncMap;
    }
    const copy = new TemplateSet({}, this.options, this.runtime);
    copy.shared = this.shared;
    return copy;
  }

  private lookup(name: string): Tree | undefined {
    return this.trees.get(name) ?? this.shared.trees.get(name);
  }

  private func(name: string): GoFunc | undefined {
    const own = Object.prototype.hasOwnProperty.call(this.funcs, name) ? this.funcs : Object.prototype.hasOwnProperty.call(this.shared.funcs, name) ? this.shared.funcs : undefined;
    return own?.[name];
  }

  /**
   * Executes a named template with data and returns its text. Called from a template function
   * while another execution runs (include, tpl), it shares that execution's budget one level deeper.
   * With a recorder (top-level executions), every run of output is recorded with its origin; a
   * nested execution of a recorded one records too and leaves its run for the calling function
   * (`SourceRecorder.nested`). Throws a `TemplateError`.
   */
  execute(name: string, data: unknown, recorder?: SourceRecorder): string {
    const tree = this.lookup(name);
    if (tree === undefined) {
      const message = `template: no template ${goQuote(name)} associated with template ${goQuote(this.options.name)}`;
      throw new TemplateError(message, 'exec', name, 0, 0, message);
    }
    const outer = this.runtime.active;
    const budget: Budget = outer ?? {
      maxDepth: this.options.maxDepth, maxSteps: this.options.maxSteps, maxOutput: this.options.maxOutput, depth: 0, steps: 0, output: 0,
    };
    if (outer) {
      if (budget.depth >= budget.maxDepth) {
        const message = `template: ${name}: exceeded maximum template depth (${budget.maxDepth})`;
        throw new TemplateError(message, 'limit', name, 0, 0, `exceeded maximum template depth (${budget.maxDepth})`);
      }
      budget.depth++;
    }
    this.runtime.active = budget;
    const top = this.runtime.recorder;
    if (!outer) this.runtime.recorder = recorder;
    const rec = outer ? top && new SourceRecorder(top) : recorder;
    try {
      const text = execute(this.host(), tree, data, budget, rec);
      if (outer && rec !== undefined) rec.nested.push({ text, segments: rec.segments });
      return text;
    } catch (e) {
      if (e instanceof RangeError || e === stackExhausted) {
        if (outer) throw stackExhausted;
        const detail = 'exceeded maximum template depth (the stack ran out)';
        throw new TemplateError(`template: ${name}: ${detail}`, 'limit', name, 0, 0, detail);
      }
      throw e;
    } finally {
      if (outer) budget.depth--;
      this.runtime.active = outer;
      this.runtime.recorder = top;
    }
  }

  private hasFunction(name: string): boolean {
    return this.func(name) !== undefined || Object.prototype.hasOwnProperty.call(builtins, name);
  }

  private host(): ExecHost {
    return {
      lookup: (n) => this.lookup(n),
      func: (n): { fn: GoFunc; builtin: boolean } | undefined => {
        // user functions shadow builtins, as in Go's findFunction
        const fn = this.func(n);
        if (fn !== undefined) return { fn, builtin: false };
        if (Object.prototype.hasOwnProperty.call(builtins, n)) return { fn: builtins[n]!, builtin: true };
        return undefined;
      },
      missingKey: this.options.missingKey,
    };
  }
}
