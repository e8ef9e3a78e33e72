// Ported from Go's src/text/template/parse/parse.go (Go 1.23: break/continue, else with).
// Copyright 2011 The Go Authors; BSD licence, see LICENSE-GO.md.
import { TemplateError } from './errors';
import { type Item, type ItemType, isKeyword, lex } from './lex';
import type {
  ArgNode, BranchNode, CommandNode, DelimNode, ListNode, Node, NumberNode, PipeNode, Source, VariableNode,
} from './nodes';
import { isEmptyTree, nodeString } from './nodes';
import { parseNumber } from './numbers';
import { goQuote, goUnquote } from './quote';

/** One parsed template: its name and body. */
export interface Tree {
  readonly name: string;
  readonly root: ListNode;
  readonly src: Source;
}

class ParseError extends Error {}

/** Deepest nesting of parentheses and control structures (Go's maxStackDepth). */
const maxStackDepth = 10000;

/**
 * Parses one file into trees: the file's own body under `name` and every `{{define}}`/`{{block}}`.
 * `hasFunction` says whether a function name is known (Go rejects unknown names while parsing).
 */
export function parseTemplates(name: string, text: string, hasFunction: (name: string) => boolean): Map<string, Tree> {
  const src: Source = { parseName: name, text };
  const items = lex(text, { breakOK: !hasFunction('break'), continueOK: !hasFunction('continue') });
  const treeSet = new Map<string, Tree>();
  const p = new Parser(name, src, items, hasFunction, treeSet);
  try {
    p.parse();
  } catch (e) {
    if (e instanceof RangeError) {
      const line = p.currentLine();
      const message = `template: ${name}:${line}: max expression depth exceeded`;
      throw new TemplateError(message, 'parse', name, line, -1, 'max expression depth exceeded');
    }
    if (e instanceof ParseError) {
      throw new TemplateError(e.message, 'parse', name, p.errorLine, -1, e.message.slice(`template: ${name}:${p.errorLine}: `.length));
    }
    throw e;
  }
  return treeSet;
}

class Parser {
  private i = 0;
  private furthest = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  private stackDepth = 0;
  errorLine = 0;

  constructor(
    private name: string,
    private readonly src: Source,
    private readonly items: readonly Item[],
    private readonly hasFunction: (name: string) => boolean,
    private readonly treeSet: Map<string, Tree>,
  ) {}

  private next(): Item {
    const item = this.items[Math.min(this.i, this.items.length - 1)]!;
    this.i++;
    if (this.i - 1 > this.furthest) this.furthest = this.i - 1;
    return item;
  }
  private backup(n = 1): void {
    this.i -= n;
  }
  private peek(): Item {
    const item = this.next();
    this.backup();
    return item;
  }
  private nextNonSpace(): Item {
    for (;;) {
      const t = this.next();
      if (t.typ !== 'space') return t;
    }
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  /** The line of the furthest token read (Go's t.token[0].line). */
  currentLine(): number {
    return this.items[Math.min(this.furthest, this.items.length - 1)]!.line;
  }

  private errorf(message: string): never {
    const line = this.currentLine();
    this.errorLine = line;
    throw new ParseError(`template: ${this.src.parseName}:${line}: ${message}`);
  }
  private expect(expected: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }
  private unexpected(token: Item, context: string): never {
    if (token.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.src.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  parse(): void {
    const root = this.newList(this.peek().pos);
    while (this.peek().typ !== 'eof') {
      if (this.peek().typ === 'leftDelim') {
        const at = this.i;
        this.next();
        if (this.nextNonSpace().typ === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = at;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    this.add(this.name, root);
  }

  private add(name: string, root: ListNode): void {
    const tree = this.treeSet.get(name);
    if (tree === undefined || isEmptyTree(tree.root)) {
      this.treeSet.set(name, { name, root, src: this.src });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const token = this.nextNonSpace();
    if (token.typ !== 'string' && token.typ !== 'rawString') this.unexpected(token, context);
    const name = this.unquote(token.val);
    this.expect('rightDelim', context);
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth };
    this.vars = ['$'];
    this.rangeDepth = 0;
    const { list, next } = this.itemList();
    if (next.type !== 'end') this.errorf(`unexpected ${nodeString(next)} in ${context}`);
    this.add(name, list);
    this.vars = saved.vars;
    this.rangeDepth = saved.rangeDepth;
  }

  private unquote(q: string): string {
    try {
      return goUnquote(q);
    } catch {
      this.errorf('invalid syntax');
    }
  }

  private itemList(): { list: ListNode; next: Node } {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return { list, next: n };
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'text':
        return { type: 'text', pos: token.pos, src: this.src, text: token.val };
      case 'leftDelim': {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block': return this.blockControl();
      case 'break': return this.loopControl('break', token);
      case 'continue': return this.loopControl('continue', token);
      case 'else': return this.elseControl();
      case 'end': return this.endControl();
      case 'if': return this.branch('if');
      case 'range': return this.branch('range');
      case 'template': return this.templateControl();
      case 'with': return this.branch('with');
    }
    this.backup();
    const t = this.peek();
    // variables are not popped: they persist until "end"
    return { type: 'action', pos: t.pos, src: this.src, line: t.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(kind: 'break' | 'continue', at: Item): Node {
    const token = this.nextNonSpace();
    if (token.typ !== 'rightDelim') this.unexpected(token, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos: at.pos, src: this.src, line: at.line };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: token.pos, src: this.src, line: token.line, isAssign: false, decl: [], cmds: [] };
    // declarations or assignments
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.next();
      // Go reads up to three tokens ahead here: in "$x foo" only "foo" tells an argument from a declaration
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().typ;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else {
        // "$x foo": $x is an argument, not a declaration
        this.backupTo(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case 'bool': case 'charConstant': case 'complex': case 'dot': case 'field': case 'identifier':
        case 'number': case 'nil': case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  /** Moves back so that the given token is the next one. */
  private backupTo(item: Item): void {
    while (this.i > 0 && this.items[this.i] !== item) this.i--;
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      switch (c.args[0]!.type) {
        case 'bool': case 'dot': case 'nil': case 'number': case 'string':
          this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private incrStackDepth(): void {
    if (++this.stackDepth > maxStackDepth) this.errorf('max expression depth exceeded');
  }

  private branch(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    this.incrStackDepth();
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let { list, next } = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        // "else if" / "else with": {{if a}}_{{else if b}}_{{end}} is {{if a}}_{{else}}{{if b}}_{{end}}{{end}}
        if ((context === 'if' && this.peek().typ === 'if') || (context === 'with' && this.peek().typ === 'with')) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.branch(context));
        } else {
          ({ list: elseList, next } = this.itemList());
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type: context, pos: pipe.pos, src: this.src, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
      this.stackDepth--;
    }
  }

  private endControl(): DelimNode {
    const t = this.expect('rightDelim', 'end');
    return { type: 'end', pos: t.pos, src: this.src, line: t.line };
  }

  private elseControl(): DelimNode {
    const peek = this.peekNonSpace();
    // "{{else if …" and "{{else with …" leave the keyword pending
    if (peek.typ === 'if' || peek.typ === 'with') return { type: 'else', pos: peek.pos, src: this.src, line: peek.line };
    const t = this.expect('rightDelim', 'else');
    return { type: 'else', pos: t.pos, src: this.src, line: t.line };
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth };
    this.vars = ['$'];
    this.rangeDepth = 0;
    const { list, next } = this.itemList();
    if (next.type !== 'end') this.errorf(`unexpected ${nodeString(next)} in ${context}`);
    this.add(name, list);
    this.vars = saved.vars;
    this.rangeDepth = saved.rangeDepth;
    return { type: 'template', pos: token.pos, src: this.src, line: token.line, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, src: this.src, line: token.line, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === 'string' || token.typ === 'rawString') return this.unquote(token.val);
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, src: this.src, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== undefined) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (node === undefined) return undefined;
    if (this.peek().typ !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos, src: this.src, ident: [...node.ident, ...fields] };
      case 'variable':
        return { type: 'variable', pos, src: this.src, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
    }
    return { type: 'chain', pos, src: this.src, node, field: fields };
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!this.hasFunction(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, src: this.src, ident: token.val };
      case 'dot': return { type: 'dot', pos: token.pos, src: this.src };
      case 'nil': return { type: 'nil', pos: token.pos, src: this.src };
      case 'variable': return this.useVar(token.pos, token.val);
      case 'field': return { type: 'field', pos: token.pos, src: this.src, ident: token.val.slice(1).split('.') };
      case 'bool': return { type: 'bool', pos: token.pos, src: this.src, value: token.val === 'true' };
      case 'charConstant': case 'complex': case 'number': {
        const n = parseNumber(token.val, token.typ);
        if (typeof n === 'string') this.errorf(n);
        return { type: 'number', pos: token.pos, src: this.src, ...n } satisfies NumberNode;
      }
      case 'leftParen': {
        this.incrStackDepth();
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        this.stackDepth--;
        return pipe;
      }
      case 'string': case 'rawString':
        return { type: 'string', pos: token.pos, src: this.src, quoted: token.val, text: this.unquote(token.val) };
    }
    this.backup();
    return undefined;
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.newVariable(pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${goQuote(v.ident[0]!)}`);
    return v;
  }

  private newVariable(pos: number, name: string): VariableNode {
    return { type: 'variable', pos, src: this.src, ident: name.split('.') };
  }

  private newList(pos: number): ListNode {
    return { type: 'list', pos, src: this.src, nodes: [] };
  }
}

/** A token as Go's item.String() prints it in "unexpected …" messages. */
function itemString(i: Item): string {
  if (i.typ === 'eof') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (isKeyword(i.typ)) return `<${i.val}>`;
  const runes = Array.from(i.val);
  if (runes.length > 10) return `${goQuote(runes.slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}
