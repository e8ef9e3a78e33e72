// Ported from Go's src/text/template/parse/node.go: the parse tree and how its nodes print.
// Copyright 2011 The Go Authors; BSD licence, see LICENSE-GO.md.
import { goQuote } from './quote';

/** The source a node was parsed from, for error locations. */
export interface Source {
  /** The name of the parsed file (Go's Tree.ParseName). */
  readonly parseName: string;
  readonly text: string;
}

interface Base {
  readonly pos: number;
  readonly src: Source;
}

/** A run of plain text. */
export interface TextNode extends Base { readonly type: 'text'; readonly text: string }
/** `{{pipeline}}`. */
export interface ActionNode extends Base { readonly type: 'action'; readonly line: number; readonly pipe: PipeNode }
/** `{{break}}` / `{{continue}}`. */
export interface LoopControlNode extends Base { readonly type: 'break' | 'continue'; readonly line: number }
/** A pipeline: optional declarations and commands separated by `|`. */
export interface PipeNode extends Base {
  readonly type: 'pipe';
  readonly line: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}
/** One command: a function, field or value and its arguments. */
export interface CommandNode extends Base { readonly type: 'command'; readonly args: ArgNode[] }
/** A function name. */
export interface IdentifierNode extends Base { readonly type: 'identifier'; readonly ident: string }
/** `$x.Field…`. */
export interface VariableNode extends Base { readonly type: 'variable'; readonly ident: string[] }
/** `.`. */
export interface DotNode extends Base { readonly type: 'dot' }
/** `nil`. */
export interface NilNode extends Base { readonly type: 'nil' }
/** `.A.B`. */
export interface FieldNode extends Base { readonly type: 'field'; readonly ident: string[] }
/** `(pipeline).A.B`. */
export interface ChainNode extends Base { readonly type: 'chain'; readonly node: ArgNode; readonly field: string[] }
/** `true` / `false`. */
export interface BoolNode extends Base { readonly type: 'bool'; readonly value: boolean }
/** A number constant with each interpretation that fits. */
export interface NumberNode extends Base {
  readonly type: 'number';
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  readonly int: bigint;
  readonly float: number;
}
/** A quoted string: `quoted` as written, `text` unquoted. */
export interface StringNode extends Base { readonly type: 'string'; readonly quoted: string; readonly text: string }
/** A list of nodes. */
export interface ListNode extends Base { readonly type: 'list'; readonly nodes: Node[] }
/** `{{if}}`, `{{range}}`, `{{with}}`. */
export interface BranchNode extends Base {
  readonly type: 'if' | 'range' | 'with';
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}
/** `{{template "name" pipeline}}`. */
export interface TemplateNode extends Base { readonly type: 'template'; readonly line: number; readonly name: string; readonly pipe: PipeNode | undefined }
/** `{{end}}` and `{{else}}` while parsing. */
export interface DelimNode extends Base { readonly type: 'end' | 'else'; readonly line: number }

/** Nodes that can be operands of a command. */
export type ArgNode = IdentifierNode | VariableNode | DotNode | NilNode | FieldNode | ChainNode | BoolNode | NumberNode | StringNode | PipeNode;
/** Any node. */
export type Node = TextNode | ActionNode | LoopControlNode | CommandNode | ListNode | BranchNode | TemplateNode | DelimNode | ArgNode;

/** The node as Go's String() prints it (used in error contexts). */
export function nodeString(n: Node, quoteText = false): string {
  const out: string[] = [];
  writeNode(n, out, quoteText);
  return out.join('');
}

function writeNode(n: Node, out: string[], quoteText: boolean): void {
  switch (n.type) {
    case 'text': out.push(quoteText ? goQuote(n.text) : n.text); return;
    case 'action': out.push('{{'); writeNode(n.pipe, out, quoteText); out.push('}}'); return;
    case 'break': out.push('{{break}}'); return;
    case 'continue': out.push('{{continue}}'); return;
    case 'pipe':
      if (n.decl.length > 0) {
        n.decl.forEach((v, i) => {
          if (i > 0) out.push(', ');
          writeNode(v, out, quoteText);
        });
        out.push(n.isAssign ? ' = ' : ' := ');
      }
      n.cmds.forEach((c, i) => {
        if (i > 0) out.push(' | ');
        writeNode(c, out, quoteText);
      });
      return;
    case 'command':
      n.args.forEach((a, i) => {
        if (i > 0) out.push(' ');
        if (a.type === 'pipe') {
          out.push('(');
          writeNode(a, out, quoteText);
          out.push(')');
        } else writeNode(a, out, quoteText);
      });
      return;
    case 'identifier': out.push(n.ident); return;
    case 'variable': out.push(n.ident.join('.')); return;
    case 'dot': out.push('.'); return;
    case 'nil': out.push('nil'); return;
    case 'field': for (const id of n.ident) out.push('.', id); return;
    case 'chain':
      if (n.node.type === 'pipe') {
        out.push('(');
        writeNode(n.node, out, quoteText);
        out.push(')');
      } else writeNode(n.node, out, quoteText);
      for (const f of n.field) out.push('.', f);
      return;
    case 'bool': out.push(n.value ? 'true' : 'false'); return;
    case 'number': out.push(n.text); return;
    case 'string': out.push(n.quoted); return;
    case 'list': for (const x of n.nodes) writeNode(x, out, quoteText); return;
    case 'if': case 'range': case 'with':
      out.push(`{{${n.type} `);
      writeNode(n.pipe, out, quoteText);
      out.push('}}');
      writeNode(n.list, out, quoteText);
      if (n.elseList) {
        out.push('{{else}}');
        writeNode(n.elseList, out, quoteText);
      }
      out.push('{{end}}');
      return;
    case 'template':
      out.push(`{{template ${goQuote(n.name)}`);
      if (n.pipe) {
        out.push(' ');
        writeNode(n.pipe, out, quoteText);
      }
      out.push('}}');
      return;
    case 'end': out.push('{{end}}'); return;
    case 'else': out.push('{{else}}'); return;
  }
}

/** True when the tree holds nothing but space (Go's IsEmptyTree). */
export function isEmptyTree(n: Node | undefined): boolean {
  if (n === undefined) return true;
  if (n.type === 'list') return n.nodes.every(isEmptyTree);
  if (n.type === 'text') return n.text.trim() === '' && !/[^\s]/.test(n.text);
  return false;
}

/** Go's ErrorContext: `NAME:LINE:COL` (COL a 0-based byte offset) and the node's text. */
export function errorContext(n: Node): { location: string; line: number; column: number; context: string } {
  const text = n.src.text.slice(0, n.pos);
  const nl = text.lastIndexOf('\n');
  const lineStart = nl + 1;
  let column = 0;
  for (let i = lineStart; i < n.pos; i++) {
    const c = text.charCodeAt(i);
    column += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
  }
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
  return { location: `${n.src.parseName}:${line}:${column}`, line, column, context: nodeString(n) };
}
