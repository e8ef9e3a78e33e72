// Ported from Go's src/text/template/exec.go: walking the parse tree with data, variables and
// their scope, pipelines, field and method evaluation, function calls with Go's argument rules,
// if/with/range (maps in key order, integers, break and continue) and template calls.
// Copyright 2011 The Go Authors; BSD licence, see LICENSE-GO.md.
// Differences: limits on depth, steps and output size stop a template that would not end.
import { FuncError, TemplateError } from './errors';
import { constantArg, idealConstant, nilArg, validateType } from './exec-args';
import { formatValue } from './fmt';
import { type GoFunc, type GoType, signatureOf } from './func';
import type { ArgNode, BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode, TemplateNode, VariableNode } from './nodes';
import { errorContext, nodeString } from './nodes';
import type { Tree } from './parse';
import { goQuote } from './quote';
import { alignSegments, deleteAll, SourceRecorder, withVia, type OutputOrigin, type OutputSegment, type ValueRef } from './source-map';
import { GoStruct, hasOwn, isGoMap, isTrue, sortedKeys, typeName, underlying } from './values';

/** What to do with a missing map key (Go's missingkey option). */
export type MissingKey = 'default' | 'zero' | 'error';

/** The execution budget shared by a template run and the runs it starts (include, tpl). */
export interface Budget {
  readonly maxDepth: number;
  readonly maxSteps: number;
  readonly maxOutput: number;
  depth: number;
  steps: number;
  output: number;
}

/** What the executor needs from its template set. */
export interface ExecHost {
  lookup(name: string): Tree | undefined;
  func(name: string): { fn: GoFunc; builtin: boolean } | undefined;
  readonly missingKey: MissingKey;
}

const MISSING: unique symbol = Symbol('missing');

/** Thrown (preallocated, so that throwing needs no stack) when the JavaScript stack runs out. */
export const stackExhausted = new Error('stack exhausted');
type Final = unknown;

class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}
const walkBreak = new LoopSignal('break');
const walkContinue = new LoopSignal('continue');

/** A reflect.Value standing for the builtins that take reflect.Value: they may see `undefined`. */
const builtinValue: GoType = 'value';

/** Runs a template tree with data and returns its text. */
export function execute(host: ExecHost, tree: Tree, data: unknown, budget: Budget, recorder?: SourceRecorder): string {
  // Execute(w, nil): reflect.ValueOf(nil) is no value
  if (data === null) data = undefined;
  const s = new State(host, tree, budget, [{ name: '$', value: data }], recorder);
  s.walk(data, tree.root);
  return s.out.join('');
}

interface Variable {
  name: string;
  value: unknown;
  /** The value is held in an interface{} (a range element): field errors name `interface {}` as its type. */
  iface?: boolean;
}

class State {
  readonly out: string[] = [];
  node: Node | undefined;
  /** errorf for the helpers of exec-args.ts. */
  private readonly err = (message: string): never => this.errorf(message);
  /** Dot is a range element held in an interface{} (Go's reflect.Value of Kind Interface). */
  private dotIface = false;

  constructor(
    private readonly host: ExecHost,
    private tmpl: Tree,
    private readonly budget: Budget,
    private vars: Variable[],
    /** Records the origin of each write (source maps); absent, nothing is tracked. */
    private readonly rec?: SourceRecorder,
  ) {}

  /** The values node the running action read last (source maps only). */
  private lastRef: ValueRef | undefined;

  /** The last string with segments (a nested execution's output) the running action produced or read (source maps only). */
  private lastRun: string | undefined;

  private noteRef(container: unknown, key?: string): void {
    if (this.rec !== undefined && container !== null && typeof container === 'object') this.lastRef = key === undefined ? { container } : { container, key };
  }

  /** Notes a value read from a variable: a nested execution's output prints with its segments (source maps only). */
  private noteRun(value: unknown): void {
    if (this.rec !== undefined && typeof value === 'string' && this.rec.strings.has(value)) this.lastRun = value;
  }

  /**
   * Takes the run of the nested execution a function call started (include, tpl) off the recorder
   * and keeps its segments for the string it returned: each origin inside names the call in `via`;
   * template text parsed from the call's first argument (tpl's text) stands for that argument's
   * values node, at the call.
   */
  private takeRun(mark: number, node: Node, argv: readonly unknown[], argRef: ValueRef | undefined, result: unknown): void {
    const rec = this.rec!;
    const run = rec.nested[rec.nested.length - 1]!;
    rec.nested.length = mark;
    if (typeof result !== 'string') return;
    let segments: readonly OutputSegment[] | undefined = run.segments;
    if (result !== run.text) {
      // tpl removes `<no value>` from its output
      const cleaned = deleteAll(run.text, run.segments, '<no value>');
      segments = cleaned.text === result ? cleaned.segments : undefined;
    }
    if (segments === undefined) return;
    const via = { source: node.src, offset: node.pos };
    const parsed = argv[0];
    const call: OutputOrigin = argRef ? { kind: 'action', source: node.src, offset: node.pos, value: argRef } : { kind: 'action', source: node.src, offset: node.pos };
    const mapped = segments.map((s) => ({
      start: s.start,
      end: s.end,
      origin: s.origin.kind === 'text' && s.origin.source.text === parsed ? call : withVia(s.origin, via),
    }));
    rec.strings.set(result, mapped);
    this.lastRun = result;
  }

  private at(n: Node): void {
    this.node = n;
  }

  errorf(message: string, kind: 'exec' | 'limit' = 'exec', cause?: unknown): never {
    const name = this.tmpl.name;
    if (this.node === undefined) {
      throw new TemplateError(`template: ${name}: ${message}`, kind, name, 0, 0, message, { cause });
    }
    const { location, line, column, context } = errorContext(this.node);
    throw new TemplateError(
      `template: ${location}: executing ${goQuote(name)} at <${context}>: ${message}`,
      kind, this.node.src.parseName, line, column, message, { cause },
    );
  }

  private step(): void {
    if (++this.budget.steps > this.budget.maxSteps) this.errorf(`exceeded maximum template steps (${this.budget.maxSteps})`, 'limit');
  }

  private write(s: string, origin?: OutputOrigin): void {
    if (this.rec !== undefined && origin !== undefined) this.rec.add(s, origin);
    this.budget.output += s.length;
    if (this.budget.output > this.budget.maxOutput) this.errorf(`exceeded maximum output size (${this.budget.maxOutput} bytes)`, 'limit');
    this.out.push(s);
  }

  // variables
  private mark(): number {
    return this.vars.length;
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i] = { name, value };
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: unknown): void {
    this.vars[this.vars.length - n] = { name: this.vars[this.vars.length - n]!.name, value };
  }
  private variable(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!;
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: unknown, node: Node): void {
    this.at(node);
    this.step();
    switch (node.type) {
      case 'action': {
        this.lastRef = undefined;
        this.lastRun = undefined;
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break': throw walkBreak;
      case 'continue': throw walkContinue;
      case 'if': case 'with': this.walkIfOrWith(dot, node); return;
      case 'list': for (const n of node.nodes) this.walk(dot, n); return;
      case 'range': this.walkRange(dot, node); return;
      case 'template': this.walkTemplate(dot, node); return;
      case 'text': this.write(node.text, this.rec && { kind: 'text', source: node.src, offset: node.pos }); return;
      default: this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) {
        if (node.type === 'with') this.walkWithDot(val, false, node.list);
        else this.walk(dot, node.list);
      } else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  /** Walks a list with a new dot, restoring whether the old dot was interface-held afterwards. */
  private walkWithDot(dot: unknown, iface: boolean, list: Node): void {
    const saved = this.dotIface;
    this.dotIface = iface;
    try {
      this.walk(dot, list);
    } finally {
      this.dotIface = saved;
    }
  }

  private walkRange(dot: unknown, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = underlying(this.evalPipeline(dot, r.pipe));
      const mark = this.mark();
      const decl = r.pipe.decl;
      const oneIteration = (index: unknown, elem: unknown): boolean => {
        this.step();
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            // with two variables the index comes first; with one, the element
            this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          } else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index);
        }
        if (!r.pipe.isAssign) for (const v of this.vars.slice(mark - decl.length, mark)) v.iface = true;
        try {
          this.walkWithDot(elem, true, r.list);
        } catch (e) {
          if (e === walkBreak) return false;
          if (e !== walkContinue) throw e;
        } finally {
          this.pop(mark);
        }
        return true;
      };
      if (Array.isArray(val) || val instanceof Uint8Array) {
        if (val.length > 0) {
          for (let i = 0; i < val.length; i++) {
            const elem = val instanceof Uint8Array ? BigInt(val[i]!) : val[i];
            if (!oneIteration(BigInt(i), elem)) break;
          }
          return;
        }
      } else if (isGoMap(val)) {
        const keys = sortedKeys(val);
        if (keys.length > 0) {
          for (const k of keys) if (!oneIteration(k, val[k])) break;
          return;
        }
      } else if (typeof val === 'bigint') {
        if (decl.length > 1) this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
        if (val > 0n) {
          for (let i = 0n; i < val; i++) if (!oneIteration(undefined, i)) break;
          return;
        }
      } else if (val === undefined || val === null) {
        // an invalid value is likely a nil map: not an error
      } else {
        this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const tmpl = this.host.lookup(t.name);
    if (tmpl === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.budget.depth >= this.budget.maxDepth) this.errorf(`exceeded maximum template depth (${this.budget.maxDepth})`, 'limit');
    // variables declared by the pipeline persist
    dot = this.evalPipeline(dot, t.pipe);
    // with a source map, the called template records on its own, and its origins name this call
    const rec = this.rec && new SourceRecorder(this.rec);
    const inner = new State(this.host, tmpl, this.budget, [{ name: '$', value: dot }], rec);
    this.budget.depth++;
    try {
      inner.walk(dot, tmpl.root);
    } catch (e) {
      // the JavaScript stack ran out: unwind without doing work, the outermost execute reports it
      if (e instanceof RangeError) throw stackExhausted;
      throw e;
    } finally {
      this.budget.depth--;
      for (const s of inner.out) this.out.push(s);
      if (rec !== undefined) {
        const via = { source: t.src, offset: t.pos };
        this.rec!.addMapped(inner.out.join(''), rec.segments.map((s) => ({ start: s.start, end: s.end, origin: withVia(s.origin, via) })));
      }
    }
  }

  evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
    if (pipe === undefined) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // an interface{} holding nil becomes no value
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        // a parenthesized pipeline: its arguments are inside, final must be absent
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': {
        const value = this.evalVariableNode(dot, first, cmd.args, final);
        this.noteRun(value);
        return value;
      }
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot':
        this.noteRef(dot);
        return dot;
      case 'nil': this.errorf('nil is not a command');
      case 'number': return this.idealConstant(first);
      case 'string': return first.text;
    }
  }

  private idealConstant(c: NumberNode): unknown {
    this.at(c);
    return idealConstant(c, this.err);
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: readonly ArgNode[], final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, this.dotIface, field, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: readonly ArgNode[], final: Final): unknown {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'any', chain.node, true);
    return this.evalFieldChain(dot, pipe, false, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: unknown, v: VariableNode, args: readonly ArgNode[], final: Final): unknown {
    this.at(v);
    const variable = this.variable(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return variable.value;
    }
    return this.evalFieldChain(dot, variable.value, variable.iface === true, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, iface: boolean, node: Node, ident: readonly string[], args: readonly ArgNode[], final: Final): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      // a map element is held in an interface{}; a struct field has its own type
      const fromMap = !(receiver instanceof GoStruct && hasOwn(receiver.fields, ident[i]!));
      receiver = this.evalField(dot, ident[i]!, node, [], MISSING, receiver, iface);
      iface = fromMap;
    }
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver, iface);
  }

  private evalField(dot: unknown, fieldName: string, node: Node, args: readonly ArgNode[], final: Final, receiver: unknown, iface: boolean): unknown {
    if (receiver === undefined) {
      if (this.host.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    const typ = iface ? 'interface {}' : typeName(receiver);
    if (receiver === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    let target: unknown = receiver;
    if (receiver instanceof GoStruct) {
      if (hasOwn(receiver.fields, fieldName)) {
        const f = receiver.fields[fieldName];
        if (typeof f === 'function') return this.evalCall(dot, f as GoFunc, false, node, fieldName, args, final);
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return f;
      }
      target = receiver.options.underlying;
    }
    if (isGoMap(target)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (hasOwn(target, fieldName)) {
        this.noteRef(target, fieldName);
        return target[fieldName];
      }
      switch (this.host.missingKey) {
        case 'zero': return null;
        case 'error': this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
        default: return undefined;
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: readonly ArgNode[] | undefined, final: Final): unknown {
    this.at(node);
    const name = node.ident;
    const found = this.host.func(name);
    if (found === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, found.fn, found.builtin, cmd, name, args, final);
  }

  private evalCall(dot: unknown, fn: GoFunc, isBuiltin: boolean, node: Node, name: string, allArgs: readonly ArgNode[] | undefined, final: Final): unknown {
    this.step();
    const args = allArgs ? allArgs.slice(1) : [];
    const sig = signatureOf(fn);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (sig.variadic !== undefined) {
      numFixed = sig.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${sig.params.length} got ${args.length}`);
    } else if (numIn !== sig.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${sig.params.length} got ${numIn}`);
    }
    // the builtins and/or short-circuit
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: unknown;
      for (const arg of args) {
        v = this.evalArg(dot, builtinValue, arg);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, builtinValue);
      return v;
    }
    const argv: unknown[] = [];
    let i = 0;
    // with a source map: the values node of the first argument (tpl's text), and the nested runs so far
    let argRef: ValueRef | undefined;
    const mark = this.rec?.nested.length ?? 0;
    if (this.rec !== undefined && numFixed > 0 && args.length > 0) {
      const saved = this.lastRef;
      this.lastRef = undefined;
      argv.push(this.evalArg(dot, sig.params[0]!, args[0]!));
      argRef = this.lastRef;
      this.lastRef ??= saved;
      i = 1;
    }
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, sig.params[i]!, args[i]!));
    if (sig.variadic !== undefined) for (; i < args.length; i++) argv.push(this.evalArg(dot, sig.variadic, args[i]!));
    if (final !== MISSING) {
      const t = sig.variadic !== undefined && numIn - 1 >= numFixed ? sig.variadic : sig.params[numIn - 1]!;
      argv.push(this.validateType(final, t));
    }
    if (isBuiltin && name === 'call') argv.unshift(nodeString(args[0]!));
    let result: unknown;
    try {
      result = (fn as (...a: unknown[]) => unknown)(...argv);
    } catch (e) {
      if (e instanceof RangeError || e === stackExhausted) throw stackExhausted;
      this.at(node);
      const message = e instanceof Error ? e.message : String(e);
      const kind = e instanceof TemplateError && e.kind === 'limit' ? 'limit' : 'exec';
      this.errorf(`error calling ${name}: ${message}`, kind, e);
    }
    if (this.rec !== undefined && this.rec.nested.length > mark) this.takeRun(mark, node, argv, argRef, result);
    return result === undefined ? null : result;
  }

  private evalArg(dot: unknown, typ: GoType, n: ArgNode, untyped = false): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        this.noteRef(dot);
        return this.validateType(dot, typ, untyped);
      case 'nil': return nilArg(typ, this.err);
      case 'field': return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ, untyped);
      case 'variable': {
        const value = this.evalVariableNode(dot, n, [], MISSING);
        this.noteRun(value);
        return this.validateType(value, typ, untyped);
      }
      case 'pipe': return this.validateType(this.evalPipeline(dot, n), typ, untyped);
      case 'identifier': return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), typ, untyped);
      case 'chain': return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ, untyped);
    }
    return constantArg(typ, n, this.err);
  }

  private validateType(value: unknown, typ: GoType, untyped = false): unknown {
    return validateType(value, typ, untyped, this.err);
  }

  private printValue(n: Node, v: unknown): void {
    this.at(n);
    const origin: OutputOrigin | undefined = this.rec && (this.lastRef ? { kind: 'action', source: n.src, offset: n.pos, value: this.lastRef } : { kind: 'action', source: n.src, offset: n.pos });
    if (v === undefined) {
      this.write('<no value>', origin);
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    const text = formatValue(v);
    const mapped = origin && this.lastRun !== undefined ? this.mappedRun(text, origin) : undefined;
    if (mapped) {
      this.budget.output += text.length;
      if (this.budget.output > this.budget.maxOutput) this.errorf(`exceeded maximum output size (${this.budget.maxOutput} bytes)`, 'limit');
      this.rec!.addMapped(text, mapped);
      this.out.push(text);
      return;
    }
    this.write(text, origin);
  }

  /** The segments of printed text made from the action's nested run (as it is, or re-indented, trimmed); undefined when it is not. */
  private mappedRun(text: string, origin: OutputOrigin): readonly OutputSegment[] | undefined {
    const run = this.lastRun!;
    const segments = this.rec!.strings.get(run);
    if (segments === undefined) return undefined;
    if (text === run) return segments;
    return alignSegments(run, segments, text, origin);
  }
}

/** Throws a function error with Go's message (for builtins and Sprig). */
export function fail(message: string): never {
  throw new FuncError(message);
}
