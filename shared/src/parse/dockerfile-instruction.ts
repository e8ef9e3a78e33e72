/**
 * One Dockerfile instruction as the rules read it: a thin view over dockerfile-ast's instruction
 * (the parser dockerfile-language-service uses) with document offsets and a per-instruction memo.
 * Every call into dockerfile-ast goes through {@link guard}: where the library throws on odd input,
 * the instruction answers "nothing" (no arguments, no flags) instead of failing the whole file.
 */
import * as ast from 'dockerfile-ast';
import type { LineIndex } from '../text';
import type { Range } from '../types';

/** What instructions share: the text, the escape character and the line index. */
export interface SyntaxDoc {
  readonly text: string;
  readonly escape: string;
  lines(): LineIndex;
}

/** An argument of an instruction (escapes removed from its value). */
export type Argument = ast.Argument;
/** A `--name=value` flag. */
export type Flag = ast.Flag;
/** An ENV/ARG/LABEL property. */
export type Property = ast.Property;

/** Offsets `[start, end)` of a JSON string, quotes included. */
export interface JsonSpan {
  readonly start: number;
  readonly end: number;
}

/** A string of an exec-form JSON array. */
export class JsonString {
  constructor(
    private readonly json: ast.JSONArgument,
    /** Its document offsets, quotes included. */
    readonly span: JsonSpan,
  ) {}
  /** The string as dockerfile-ast gives it (quotes included, blanks dropped; read the text at `span` for the exact string). */
  getValue(): string {
    return this.json.getValue();
  }
  /** Range including the quotes. */
  getRange(): Range {
    return this.json.getRange();
  }
}

/** The value of `read()`, or `fallback` when dockerfile-ast throws on this input. */
export function guard<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

const NONE: readonly never[] = [];

const RAW_ARGUMENTS = Symbol('raw arguments');
type RawArgumentsCarrier = { [RAW_ARGUMENTS]?: ast.Argument[] };
type RawArgumentsReader = (this: ast.Instruction & RawArgumentsCarrier) => ast.Argument[];

/**
 * dockerfile-ast computes an instruction's arguments anew on every call, and its own code asks again
 * and again: the parser three times for every exec-form instruction (JSONInstruction's constructor,
 * ModifiableInstruction.getArguments reading the flags), then getFlags, getArgumentsRange, each FROM
 * image getter and getHeredocs. An instruction does not change after the parse, so its raw arguments
 * are kept on the instance at the first call and every call gets a copy of the list (callers modify
 * it: ModifiableInstruction.getArguments shifts the flags off). Installed once on the library's
 * class, so it serves every parse in the bundle, the parser's own calls included.
 */
function keepRawArguments(): void {
  const proto = ast.Instruction.prototype as unknown as { getRawArguments: RawArgumentsReader & { kept?: true } };
  if (proto.getRawArguments.kept) return;
  const compute = proto.getRawArguments;
  const kept: RawArgumentsReader & { kept?: true } = function (this: ast.Instruction & RawArgumentsCarrier): ast.Argument[] {
    const known = this[RAW_ARGUMENTS];
    if (known !== undefined) return known.slice();
    const args = compute.call(this);
    this[RAW_ARGUMENTS] = args;
    return args.slice();
  };
  kept.kept = true;
  proto.getRawArguments = kept;
}
keepRawArguments();

/** One instruction. Methods follow dockerfile-ast's names; `start`/`keywordEnd`/`end` are document offsets. */
export class Instruction {
  /** The keyword upper-cased. */
  readonly keyword: string;
  /** Offset of the keyword. */
  readonly start: number;
  /** Offset just after the keyword. */
  readonly keywordEnd: number;
  /** Offset just after the instruction's last character (here-documents included). */
  readonly end: number;
  // computed on first use; every field declared here so that all instructions share one shape
  private cArgs: readonly Argument[] | undefined = undefined;
  private cFlags: readonly Flag[] | undefined = undefined;
  private cJson: readonly JsonString[] | undefined = undefined;
  private cProps: readonly Property[] | undefined = undefined;
  private cMemo: Map<string, unknown> | undefined = undefined;

  constructor(
    readonly doc: SyntaxDoc,
    /** dockerfile-ast's instruction. */
    readonly node: ast.Instruction,
  ) {
    this.keyword = node.getKeyword();
    const lines = doc.lines();
    const range = node.getRange();
    this.start = lines.offsetAt(range.start);
    this.end = lines.offsetAt(range.end);
    this.keywordEnd = lines.offsetAt(node.getInstructionRange().end);
  }

  /** The keyword upper-cased (`RUN`). */
  getKeyword(): string {
    return this.keyword;
  }
  /** The keyword as written. */
  getInstruction(): string {
    return this.node.getInstruction();
  }
  /** From the keyword to the end of the last argument (here-documents included). */
  getRange(): Range {
    return this.node.getRange();
  }
  /** The keyword. */
  getInstructionRange(): Range {
    return this.node.getInstructionRange();
  }
  /** The instruction's text as written. */
  getTextContent(): string {
    return this.doc.text.substring(this.start, this.end);
  }
  /** The arguments after the flags. */
  getArguments(): readonly Argument[] {
    return (this.cArgs ??= guard<readonly Argument[]>(() => this.node.getArguments(), NONE));
  }
  /** From the first to the last argument; null without arguments. */
  getArgumentsRange(): Range | null {
    return guard(() => this.node.getArgumentsRange(), null);
  }
  /** The arguments' text without line continuations and comment lines; null without arguments. */
  getArgumentsContent(): string | null {
    return guard(() => this.node.getArgumentsContent(), null);
  }
  /** The flags (`--from=…`, `--mount=…`); empty for keywords without flags. */
  getFlags(): readonly Flag[] {
    const node = this.node;
    return (this.cFlags ??= node instanceof ast.ModifiableInstruction ? guard<readonly Flag[]>(() => node.getFlags(), NONE) : NONE);
  }
  /** COPY's `--from` flag when it is the only flag. */
  getFromFlag(): Flag | null {
    const node = this.node;
    return node instanceof ast.Copy ? guard(() => node.getFromFlag(), null) : null;
  }
  /** The strings of an exec-form argument list (ADD, CMD, COPY, ENTRYPOINT, RUN, SHELL, VOLUME); empty otherwise. */
  getJSONStrings(): readonly JsonString[] {
    if (!this.cJson) {
      const node = this.node;
      const lines = this.doc.lines();
      const strings = node instanceof ast.JSONInstruction ? guard<readonly ast.JSONArgument[]>(() => node.getJSONStrings(), NONE) : NONE;
      this.cJson = strings.map((j) => {
        const r = j.getRange();
        return new JsonString(j, { start: lines.offsetAt(r.start), end: lines.offsetAt(r.end) });
      });
    }
    return this.cJson;
  }
  /** The properties of ENV, ARG and LABEL; empty for other keywords. */
  getProperties(): readonly Property[] {
    const node = this.node;
    return (this.cProps ??= node instanceof ast.PropertyInstruction ? guard<readonly Property[]>(() => node.getProperties(), NONE) : NONE);
  }
  /** ARG's single property; null when ARG has none or several. */
  getProperty(): Property | null {
    const node = this.node;
    return node instanceof ast.Arg ? guard(() => node.getProperty(), null) : null;
  }
  private from<T>(read: (from: ast.From) => T, fallback: T): T {
    const node = this.node;
    return node instanceof ast.From ? guard(() => read(node), fallback) : fallback;
  }
  /** FROM's image as written (escapes removed); null without arguments. */
  getImage(): string | null {
    return this.from((f) => f.getImage(), null);
  }
  /** FROM's image range. */
  getImageRange(): Range | null {
    return this.from((f) => f.getImageRange(), null);
  }
  /** FROM's tag range (after `:`). */
  getImageTagRange(): Range | null {
    return this.from((f) => f.getImageTagRange(), null);
  }
  /** FROM's digest range (after `@`). */
  getImageDigestRange(): Range | null {
    return this.from((f) => f.getImageDigestRange(), null);
  }
  /** FROM's `AS name` as written; null without. */
  getBuildStage(): string | null {
    return this.from((f) => f.getBuildStage(), null);
  }
  /** FROM's stage name range. */
  getBuildStageRange(): Range | null {
    return this.from((f) => f.getBuildStageRange(), null);
  }
  /** ONBUILD's instruction; null for other keywords or an empty ONBUILD. */
  getTriggerInstruction(): Instruction | null {
    const node = this.node;
    const trigger = node instanceof ast.Onbuild ? guard(() => node.getTriggerInstruction(), null) : null;
    return trigger ? new Instruction(this.doc, trigger) : null;
  }
  /** The here-documents the instruction opens (RUN, COPY; dockerfile-ast reads none for ADD); empty where dockerfile-ast cannot read them. */
  getHeredocs(): readonly ast.Heredoc[] {
    const node = this.node;
    return node instanceof ast.Run || node instanceof ast.Copy ? guard<readonly ast.Heredoc[]>(() => node.getHeredocs(), NONE) : NONE;
  }
  /** A value derived from this instruction, computed once per key (the shell parse of a RUN, COPY's paths). */
  memo<T>(key: string, compute: () => T): T {
    const memo = (this.cMemo ??= new Map());
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  }
}
