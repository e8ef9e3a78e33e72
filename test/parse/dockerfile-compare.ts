// Describes a Dockerfile the same way with dockerfile-ast and with Bollwerk's parser, so that the
// differential tests can compare the two descriptions field by field.
import { isDeepStrictEqual } from 'node:util';
import * as ast from 'dockerfile-ast';
import { parseDockerfileSyntax, type Instruction } from '../../shared/src/parse/dockerfile-syntax';
import type { Range } from '../../shared/src/types';

type R = string | null;

/** Marks a field where dockerfile-ast throws (a bug of dockerfile-ast); ours is then only required not to throw. */
export const THROWS = '<dockerfile-ast throws>';
const r = (range: Range | null | undefined): R => (range ? `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}` : null);

/** A plain description of one instruction. */
export type Described = Record<string, unknown>;

const MODIFIABLE = new Set(['ADD', 'COPY', 'FROM', 'RUN', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME']);
const JSON_KEYWORDS = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME']);
const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN']);

interface AstLike {
  getKeyword(): string;
  getRange(): Range;
  getInstructionRange(): Range;
  getArguments(): { getValue(): string; getRange(): Range }[];
  getArgumentsRange(): Range | null;
  getArgumentsContent(): string | null;
}

function common(i: AstLike): Described {
  return {
    keyword: i.getKeyword(),
    range: r(i.getRange()),
    keywordRange: r(i.getInstructionRange()),
    args: i.getArguments().map((a) => [a.getValue(), r(a.getRange())]),
    argsRange: r(i.getArgumentsRange()),
    argsContent: i.getArgumentsContent(),
  };
}

function describeAst(i: ast.Instruction): Described {
  const d = common(i as unknown as AstLike);
  const k = i.getKeyword();
  const any = i as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (MODIFIABLE.has(k)) {
    d.flags = (any.getFlags!() as ast.Flag[]).map((f) => [f.getName(), f.getValue(), r(f.getRange()), r(f.getNameRange()), r(f.getValueRange())]);
  }
  if (JSON_KEYWORDS.has(k)) d.json = (any.getJSONStrings!() as ast.JSONArgument[]).map((j) => [j.getValue(), r(j.getRange())]);
  if (k === 'ENV' || k === 'ARG' || k === 'LABEL') {
    d.properties = (any.getProperties!() as ast.Property[]).map((p) => [p.getName(), p.getValue(), r(p.getNameRange()), r(p.getValueRange()), r(p.getRange())]);
  }
  if (k === 'ARG') d.property = (any.getProperty!() as ast.Property | null)?.getName() ?? null;
  if (i instanceof ast.From) {
    d.from = [i.getImage(), r(i.getImageRange()), r(i.getImageTagRange()), r(i.getImageDigestRange()), i.getBuildStage(), r(i.getBuildStageRange())];
  }
  if (HEREDOC_KEYWORDS.has(k)) {
    try {
      d.heredocs = (any.getHeredocs!() as ast.Heredoc[]).map((h) => [h.getName(), r(h.getStartRange()), r(h.getNameRange()), r(h.getContentRange()), r(h.getDelimiterRange())]);
    } catch {
      // dockerfile-ast reads past its list of here-documents when a line break ends the first line without any `<<` word
      d.heredocs = THROWS;
    }
  }
  if (i instanceof ast.Onbuild) {
    const t = i.getTriggerInstruction();
    d.trigger = t ? describeAst(t) : null;
  }
  return d;
}

function describeOwn(i: Instruction, rangeOf: (a: number, b: number) => Range): Described {
  const d = common(i as unknown as AstLike);
  const k = i.getKeyword();
  if (MODIFIABLE.has(k)) d.flags = i.getFlags().map((f) => [f.getName(), f.getValue(), r(f.getRange()), r(f.getNameRange()), r(f.getValueRange())]);
  if (JSON_KEYWORDS.has(k)) d.json = i.getJSONStrings().map((j) => [j.getValue(), r(j.getRange())]);
  if (k === 'ENV' || k === 'ARG' || k === 'LABEL') {
    d.properties = i.getProperties().map((p) => [p.getName(), p.getValue(), r(p.getNameRange()), r(p.getValueRange()), r(p.getRange())]);
  }
  if (k === 'ARG') d.property = i.getProperty()?.getName() ?? null;
  if (k === 'FROM') d.from = [i.getImage(), r(i.getImageRange()), r(i.getImageTagRange()), r(i.getImageDigestRange()), i.getBuildStage(), r(i.getBuildStageRange())];
  if (HEREDOC_KEYWORDS.has(k)) {
    d.heredocs = i.heredocSpans().map((h) => [
      h.name,
      r(rangeOf(h.start, h.end)),
      r(rangeOf(h.nameStart, h.nameEnd)),
      h.content ? r(rangeOf(h.content[0], h.content[1])) : null,
      h.delimiter ? r(rangeOf(h.delimiter[0], h.delimiter[1])) : null,
    ]);
  }
  if (k === 'ONBUILD') {
    const t = i.getTriggerInstruction();
    d.trigger = t ? describeOwn(t, rangeOf) : null;
  }
  return d;
}

/** Both descriptions of a file: escape character, directives, comments and instructions. */
export function describeBoth(text: string): { theirs: Described; ours: Described } {
  const a = ast.DockerfileParser.parse(text);
  const o = parseDockerfileSyntax(text);
  const theirs = {
    escape: a.getEscapeCharacter(),
    directives: a.getDirectives().map((d) => [d.getName(), d.getValue(), r(d.getRange()), r(d.getNameRange()), r(d.getValueRange())]),
    comments: a.getComments().map((c) => r(c.getRange())),
    instructions: a.getInstructions().map(describeAst),
  };
  const ours = {
    escape: o.escape,
    directives: o.directives.map((d) => [d.name, d.value, r(o.rangeOf(d.start, d.end)), r(o.rangeOf(d.nameStart, d.nameEnd)), r(o.rangeOf(d.valueStart, d.valueEnd))]),
    comments: o.comments.map((c) => r(o.rangeOf(c.start, c.end))),
    instructions: o.instructions.map((i) => describeOwn(i, o.rangeOf)),
  };
  return { theirs, ours };
}

/** The paths where two descriptions differ, with both values (at most `max`). */
export function differences(a: unknown, b: unknown, path = '', max = 5, out: string[] = []): string[] {
  if (out.length >= max || isDeepStrictEqual(a, b)) return out;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, k) => differences(x, b[k], `${path}[${k}]`, max, out));
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, max, out);
    return out;
  }
  out.push(`${path}: dockerfile-ast ${JSON.stringify(a)} / ours ${JSON.stringify(b)}`);
  return out;
}

/** Differences between dockerfile-ast and Bollwerk's parser on one text. */
export function compareParsers(text: string, max = 5): string[] {
  const { theirs, ours } = describeBoth(text);
  dropThrowing(theirs, ours);
  return differences(theirs, ours, '', max);
}

/** Replaces our answer by the marker wherever dockerfile-ast threw (ours was computed and did not throw). */
function dropThrowing(theirs: unknown, ours: unknown): void {
  if (!theirs || !ours || typeof theirs !== 'object' || typeof ours !== 'object') return;
  for (const [key, value] of Object.entries(theirs)) {
    const mine = (ours as Record<string, unknown>)[key];
    if (value === THROWS && mine !== undefined) (ours as Record<string, unknown>)[key] = THROWS;
    else dropThrowing(value, mine);
  }
}
