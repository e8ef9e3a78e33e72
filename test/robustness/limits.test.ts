import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { defineDockerfileRule, defineYamlRule } from '../../shared/src/define';
import { checkLimits, countDocuments, MAX_DEPTH, MAX_DOCUMENTS, MAX_STAGE_COMMENT_PAIRS, nestingDepth, stagesAndComments, utf8Length } from '../../shared/src/limits';
import { parseDockerfile } from '../../shared/src/parse/dockerfile';
import { INTERNAL_ERROR } from '../../shared/src/engine-rules';
import { lintText, withoutParsed } from '../../shared/src/lint';
import { flatten } from '../../shared/src/report/common';
import { jsonReport } from '../../shared/src/report/json';
import { sarifReport } from '../../shared/src/report/sarif';
import { textReport } from '../../shared/src/report/text';
import { isMap } from '../../shared/src/parse/yaml';
import { loadIndex, readEntry } from './corpus';
import { aliasBomb, deepNesting } from './mutators';
import { elapsedMs, reportProblems } from './invariants';

/** Reports the root map of every document, so tests can see which documents were checked. */
const everyDocument = defineYamlRule({
  id: 'k8s/every-document',
  kind: 'kubernetes',
  title: { en: 'every document', de: 'jedes Dokument' },
  severity: 'info',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: { default: { en: 'document {n}', de: 'Dokument {n}' } },
  docs: { rationale: { en: '', de: '' }, fix: { en: '', de: '' }, bad: '', good: '' },
  fixable: false,
  check: (file) => file.documents.flatMap((d) => (isMap(d.doc.contents) ? [{ range: d.rangeOf(d.doc.contents), args: { n: d.index } }] : [])),
});

/** Reports every FROM (to produce very many findings). */
const everyFrom = defineDockerfileRule({
  id: 'dockerfile/every-from',
  kind: 'dockerfile',
  title: { en: 'every FROM', de: 'jedes FROM' },
  severity: 'info',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: { default: { en: 'FROM', de: 'FROM' } },
  docs: { rationale: { en: '', de: '' }, fix: { en: '', de: '' }, bad: '', good: '' },
  fixable: false,
  check: (file) => file.stages.map((s) => ({ range: s.from.getInstructionRange() })),
});

const K8S = 'file:///limits/manifest.yaml';
const pod = (i: number): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n`;
const lintK8s = (text: string, rules = [everyDocument]) => lintText(K8S, text, { kind: 'kubernetes', rules, config: DEFAULT_CONFIG });
const codes = (text: string): string[] => lintK8s(text).notes.map((n) => n.code);
/** The not-checked findings of a report: rule, severity, English message. */
const notChecked = (report: { results: readonly { ruleId: string; severity: string; message: { en: string } }[] }): string[][] => report.results.filter((r) => r.ruleId === 'bollwerk/not-checked').map((r) => [r.ruleId, r.severity, r.message.en]);

/** Block nesting: `depth` keys, each indented one more level. */
const blockNesting = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';

describe('limits: size', () => {
  it('counts UTF-8 bytes like Buffer.byteLength, surrogate pairs and lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')), { seed: 42, numRuns: 2000 });
    assert.equal(utf8Length('ä€😀'), 2 + 3 + 4);
    assert.equal(utf8Length('x'.repeat(100), 10), 11, 'stops past the limit');
  });

  it('skips a file over maxFileBytes in bytes, also when it is under the limit in characters', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${'ä'.repeat(50)}\n`;
    const config = { ...DEFAULT_CONFIG, maxFileBytes: 100 };
    assert.ok(text.length <= 100 && Buffer.byteLength(text) > 100);
    const report = lintText(K8S, text, { kind: 'kubernetes', rules: [everyDocument], config });
    assert.deepEqual(report.notes.map((n) => n.code), ['too-large']);
    assert.deepEqual(notChecked(report), [['bollwerk/not-checked', 'warning', 'Not (fully) checked: skipped: larger than 100 bytes (maxFileBytes)']], 'a skipped file is a finding of its own');
    assert.equal(report.results.length, 1);
    assert.match(report.notes[0]!.message.en, /larger than 100 bytes \(maxFileBytes\)/);
    assert.match(report.notes[0]!.message.de, /größer als 100 Bytes/);
    assert.equal(lintText(K8S, text, { kind: 'kubernetes', rules: [everyDocument], config: { ...config, maxFileBytes: 200 } }).notes.length, 0);
  });

  for (const [name, uri, unit] of [
    ['a 50 MB YAML string', K8S, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n---\n'],
    ['a 50 MB Dockerfile', 'file:///limits/Dockerfile', 'FROM alpine\nRUN echo hello world && apk add --no-cache curl\n'],
  ] as const) {
    it(`${name} returns a too-large note quickly, the process survives`, () => {
      const text = unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length));
      assert.ok(text.length >= 50 * 1024 * 1024);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const report = lintText(uri, text); // default config (10 MB), whole catalogue, kind detected
      const ms = elapsedMs(started, cpu);
      assert.deepEqual(report.notes.map((n) => n.code), ['too-large']);
      assert.deepEqual(report.results.map((r) => r.ruleId), ['bollwerk/not-checked']);
      assert.ok(ms < 1500, `took ${ms.toFixed(0)} ms`);
    });
  }
});

describe('limits: nesting depth', () => {
  it(`checks ${MAX_DEPTH} levels and skips ${MAX_DEPTH + 1} (block maps)`, () => {
    assert.deepEqual(codes(`${pod(0)}spec:\n${blockNesting(MAX_DEPTH - 2).replace(/^/gm, '  ')}`), []);
    const deep = `${pod(0)}spec:\n${blockNesting(MAX_DEPTH).replace(/^/gm, '  ')}`;
    const report = lintK8s(deep);
    assert.deepEqual(report.notes.map((n) => n.code), ['too-deep']);
    assert.deepEqual(report.results.map((r) => r.ruleId), ['bollwerk/not-checked'], 'a skipped file has one finding: that it was not checked');
    assert.match(report.notes[0]!.message.en, /nested deeper than 100 levels \(line \d+\)/);
    assert.match(report.notes[0]!.message.de, /tiefer als 100 Ebenen/);
  });

  it('counts flow brackets, `- ` items and JSON', () => {
    for (const shape of [0, 1, 2, 3]) {
      assert.ok(nestingDepth(deepNesting(90, shape)).depth <= MAX_DEPTH, `shape ${shape} at 90`);
      assert.ok(nestingDepth(deepNesting(MAX_DEPTH + 5, shape)).depth > MAX_DEPTH, `shape ${shape} at ${MAX_DEPTH + 5}`);
    }
    const json = `{"apiVersion": "v1", "kind": "Pod", "spec": ${'{"a": '.repeat(150)}1${'}'.repeat(150)}}`;
    assert.deepEqual(codes(json), ['too-deep']);
    assert.equal(nestingDepth('a:\n  - [1, {b: [2]}]\n').depth, 5);
    assert.equal(nestingDepth('- - - x\n').depth, 3);
  });

  it('ignores brackets and indentation inside block scalars, quotes and comments', () => {
    const literal = `${pod(0)}data:\n  script: |\n${Array.from({ length: 300 }, (_, i) => `    ${' '.repeat(i)}[{`).join('\n')}\n  other: 1\n`;
    assert.equal(nestingDepth(literal).depth, 2);
    const quoted = `${pod(0)}data:\n  a: "${'['.repeat(300)}"\n  b: '${'{'.repeat(300)}'\n  c: x # ${'['.repeat(300)}\n  d: [a, "]]]", '}}']\n`;
    assert.equal(nestingDepth(quoted).depth, 3, 'data, d and one flow sequence');
    assert.deepEqual(codes(literal), []);
    assert.deepEqual(codes(quoted), []);
  });

  it('survives nesting far beyond the parser, without a stack overflow', () => {
    for (const text of [`${pod(0)}spec: ${'['.repeat(200_000)}`, `${pod(0)}spec: ${'{a: '.repeat(100_000)}`, `${pod(0)}spec:\n${'- '.repeat(200_000)}x`]) {
      const report = lintText(K8S, text, { kind: 'kubernetes' });
      assert.deepEqual(report.notes.map((n) => n.code), ['too-deep']);
    }
  });

  it('no file of the real-world corpus reaches a limit (the deepest is far below it)', () => {
    let deepest = 0;
    let mostDocs = 0;
    for (const entry of loadIndex()) {
      if (entry.kind === 'dockerfile') continue;
      const text = readEntry(entry);
      deepest = Math.max(deepest, nestingDepth(text).depth);
      mostDocs = Math.max(mostDocs, countDocuments(text).count);
      const limits = checkLimits(text, entry.kind, DEFAULT_CONFIG.maxFileBytes);
      assert.ok(!limits.skip && limits.notes.length === 0, `${entry.path} hits a limit`);
    }
    console.log(`corpus: deepest nesting ${deepest} levels, most documents in a file ${mostDocs}`);
    assert.ok(deepest > 10 && deepest < MAX_DEPTH / 2, `deepest ${deepest}`);
  });
});

describe('limits: document count', () => {
  it('empty documents and comment-only documents do not count: 1,001 empty `---` then a privileged Pod is checked whole', () => {
    const privileged = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n';
    for (const filler of ['---\n', '---\n# comment\n\n', '--- # comment\n']) {
      const text = filler.repeat(MAX_DOCUMENTS + 1) + '---\n' + privileged;
      assert.equal(countDocuments(text).count, 1, JSON.stringify(filler));
      const report = lintText(K8S, text, { kind: 'kubernetes', config: DEFAULT_CONFIG });
      assert.deepEqual(report.notes, []);
      const lines = text.split('\n').length;
      assert.deepEqual(report.results.filter((r) => r.ruleId === 'k8s/privileged').map((r) => r.range.start.line), [lines - 2]);
    }
    const padded = Array.from({ length: MAX_DOCUMENTS + 1 }, (_, i) => `---\n---\n${pod(i)}`).join('');
    assert.deepEqual(countDocuments(padded, MAX_DOCUMENTS), { count: MAX_DOCUMENTS + 1, cutAt: padded.lastIndexOf('---\napiVersion') }, 'the cut is at the marker of the first document past the limit');
    assert.equal(countDocuments('--- {a: 1}\n--- |\n  x\n---\n').count, 2, 'content on the marker line counts');
  });

  it(`checks ${MAX_DOCUMENTS} documents fully; beyond that only the first ${MAX_DOCUMENTS}, with a note`, () => {
    const exact = Array.from({ length: MAX_DOCUMENTS }, (_, i) => pod(i)).join('---\n');
    const full = lintK8s(exact);
    assert.deepEqual(full.notes, []);
    assert.equal(full.results.length, MAX_DOCUMENTS);

    const text = Array.from({ length: MAX_DOCUMENTS + 500 }, (_, i) => pod(i)).join('---\n');
    const report = lintK8s(text);
    assert.deepEqual(report.notes.map((n) => n.code), ['too-many-documents']);
    const own = report.results.filter((r) => r.ruleId !== 'bollwerk/not-checked');
    assert.equal(own.length, MAX_DOCUMENTS, 'findings of the first documents only');
    assert.equal(own.at(-1)!.message.en, `document ${MAX_DOCUMENTS - 1}`);
    assert.equal(own.at(-1)!.range.start.line, (MAX_DOCUMENTS - 1) * 5);
    assert.deepEqual(notChecked(report), [['bollwerk/not-checked', 'warning', 'Not (fully) checked: partly checked: 1500 YAML documents; only the first 1000 (lines 1–4999) were checked']]);
    assert.match(report.notes[0]!.message.en, /1500 YAML documents; only the first 1000 \(lines 1–4999\) were checked/);
    assert.match(report.notes[0]!.message.de, /nur die ersten 1000 \(Zeilen 1–4999\)/);
    assert.deepEqual(reportProblems(text, report), [], 'ranges stay valid in the whole file');
  });

  it('counts documents with content, started by --- or by content after ...; not empty ones', () => {
    assert.equal(countDocuments('a: 1\n---\nb: 2\n...\nc: 3\n...\n---\n---\n').count, 3);
    assert.equal(countDocuments('# only a comment\n').count, 0);
    assert.equal(countDocuments('%YAML 1.2\n---\na: 1\n').count, 1);
    const many = '---\n'.repeat(5000);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = lintK8s(many);
    assert.ok(elapsedMs(started, cpu) < 1000, 'empty documents are cheap');
    assert.deepEqual(report.notes, [], 'empty documents are no reason to stop checking');
  });

  it('an alias bomb is neither expanded nor slow', () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = lintText(K8S, `${pod(0)}${aliasBomb(10)}\n`, { kind: 'kubernetes' });
    assert.ok(elapsedMs(started, cpu) < 1000);
    assert.deepEqual(reportProblems(`${pod(0)}${aliasBomb(10)}\n`, report), []);
  });

  it('lines of 10 MB minus a bit are fine: no note, linear time', () => {
    const text = `${pod(0)}  annotations:\n    long: ${'x'.repeat(9_000_000)}\n`;
    const started = performance.now();
    const cpu = process.cpuUsage();
    assert.deepEqual(codes(text), []);
    assert.ok(elapsedMs(started, cpu) < 2000);
  });
});

describe('limits: Dockerfile stages × comments (dockerfile-ast assigns comments to stages in their product)', () => {
  const DOCKER = 'file:///limits/Dockerfile';
  it(`skips a Dockerfile with more than ${MAX_STAGE_COMMENT_PAIRS} stage × comment pairs with a note, quickly`, () => {
    const text = 'FROM alpine\n# c\n'.repeat(1001);
    assert.deepEqual(stagesAndComments(text), { stages: 1001, comments: 1001 });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = lintText(DOCKER, text);
    assert.ok(elapsedMs(started, cpu) < 1000, `took ${elapsedMs(started, cpu).toFixed(0)} ms`);
    assert.deepEqual(report.notes.map((n) => n.code), ['too-complex']);
    assert.deepEqual(report.results, []);
    assert.match(report.notes[0]!.message.en, /1001 build stages with 1001 comment lines/);
    assert.match(report.notes[0]!.message.de, /1001 Build-Stufen mit 1001 Kommentarzeilen/);
    const tenMb = lintText(DOCKER, 'FROM a\n# c\n'.repeat(800_000));
    assert.deepEqual(tenMb.notes.map((n) => n.code), ['too-complex']);
  });

  it('checks a Dockerfile at the bound, and counts indented and lower-case lines', () => {
    const text = 'FROM alpine\n# c\n'.repeat(1000);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = lintText(DOCKER, text);
    assert.ok(elapsedMs(started, cpu) < 2000, `took ${elapsedMs(started, cpu).toFixed(0)} ms`);
    assert.deepEqual(report.notes, []);
    assert.ok(report.results.some((r) => r.ruleId === 'dockerfile/no-root-user'), 'the file was checked');
    assert.deepEqual(stagesAndComments('  from a AS b\n\t# c\nRUN x # not a comment line\nFROMX\n'), { stages: 1, comments: 1 });
  });

  it('parses 1 MB of FROM lines and 1 MB of comment lines (each alone) in linear time', () => {
    for (const text of ['FROM a\n'.repeat(150_000), 'FROM a\n' + '# c\n'.repeat(250_000)]) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const file = parseDockerfile(DOCKER, text);
      assert.ok(elapsedMs(started, cpu) < 5000, `took ${elapsedMs(started, cpu).toFixed(0)} ms`);
      assert.equal(file.stages.length + file.ast.comments.length, text.startsWith('FROM a\nFROM') ? 150_000 : 250_001);
    }
  });

  it('follows a chain of 8,000 stages each built on the previous one in linear time in every rule (exec-form was cubic, compose/implicit-root-user quadratic)', () => {
    const text = 'FROM a AS s0\n' + Array.from({ length: 8000 }, (_, i) => `FROM s${i} AS s${i + 1}\nCMD x\n`).join('');
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = lintText(DOCKER, text);
    assert.ok(elapsedMs(started, cpu) < 5000, `took ${elapsedMs(started, cpu).toFixed(0)} ms`);
    assert.equal(report.results.filter((r) => r.ruleId === 'dockerfile/exec-form').length, 8000);
    const facts = report.workspace?.facts['compose/implicit-root-user'] as { stages: unknown[] } | undefined;
    assert.equal(facts?.stages.length, 8001, 'the workspace rules read every stage');
  });

  it('splits 20,000 stages into their instructions in linear time (was quadratic)', () => {
    const text = 'FROM a\nRUN b\n'.repeat(20_000);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const file = parseDockerfile(DOCKER, text);
    assert.ok(elapsedMs(started, cpu) < 3000, `took ${elapsedMs(started, cpu).toFixed(0)} ms`);
    assert.equal(file.stages.length, 20_000);
    assert.ok(file.stages.every((s) => s.instructions.length === 2 && s.instructions[1]!.getKeyword() === 'RUN'));
  });

  it('a rule reporting 100,000+ findings does not overflow the stack (results were spread into push)', () => {
    const text = 'FROM a\n'.repeat(150_000);
    const report = lintText(DOCKER, text, { rules: [everyFrom] });
    assert.equal(report.results.length, 150_000);
  });

  it('every report format takes a file of 200,000 findings (flatten spread them into push: the CLI ended with an internal error)', () => {
    const report = withoutParsed(lintText(DOCKER, 'FROM a\n'.repeat(200_000), { rules: [everyFrom] }));
    const scan = { reports: [report], workspaceResults: [], notes: [] };
    const tool = { name: 'bollwerk', version: '0', informationUri: 'https://example.com' };
    assert.equal(flatten(scan).results.length, 200_000);
    assert.equal((JSON.parse(jsonReport(scan, { lang: 'en', baseUri: 'file:///limits', tool })) as { results: unknown[] }).results.length, 200_000);
    const sarif = JSON.parse(sarifReport(scan, { lang: 'en', rootUri: 'file:///limits', tool, rules: [] })) as { runs: { results: unknown[] }[] };
    assert.equal(sarif.runs[0]!.results.length, 200_000);
    assert.equal(textReport(scan, { lang: 'en', baseUri: 'file:///limits', color: false }).split('\n').filter((l) => l.includes('every-from')).length, 200_000);
  });

  it('a script of 200,000 commands behind sh -c is split without overflowing the stack (its commands were spread into push)', () => {
    const report = lintText(DOCKER, `FROM alpine:3.20\nRUN sh -c '${'apk add x;'.repeat(200_000)}'\nUSER app\n`);
    assert.deepEqual(report.results.filter((r) => r.ruleId === INTERNAL_ERROR.id).map((r) => r.message.en), []);
    // apk-no-cache reports each of the 200,000 `apk add` (its findings were spread into push too)
    assert.equal(report.results.filter((r) => r.ruleId === 'dockerfile/apk-no-cache').length, 200_000);
  });
});
