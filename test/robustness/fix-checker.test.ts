import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineDockerfileRule, defineYamlRule } from '../../shared/src/define';
import { mapPair, isMap } from '../../shared/src/parse/yaml';
import type { FileRule, DockerfileFile, RawFinding, Rule, RuleMeta, YamlFile } from '../../shared/src/types';
import { checkFileFixes, type FixCheck } from './fix-safety';
import { FUZZ_CONFIG } from './invariants';

/** The fix-safety checker catches each kind of unsafe fix (rules with deliberately bad fixes). */

const meta = (id: string, kind: RuleMeta['kind']): RuleMeta => ({
  id,
  kind,
  title: { en: id, de: id },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: { default: { en: `${id} found`, de: `${id} gefunden` } },
  docs: { rationale: { en: '', de: '' }, fix: { en: '', de: '' }, bad: '', good: '' },
  fixable: true,
});
const title = { en: 'fix', de: 'beheben' };

/** A Dockerfile rule reporting each `ADD` keyword, with the fix `edit` builds. */
const addRule = (edit: (file: DockerfileFile, i: number) => RawFinding['fix']): FileRule<DockerfileFile> =>
  defineDockerfileRule({
    ...meta('dockerfile/test-add', 'dockerfile'),
    kind: 'dockerfile',
    check: (file) => file.instructions.flatMap((ins, i) => (ins.getKeyword() === 'ADD' ? [{ range: ins.getInstructionRange(), fix: edit(file, i) }] : [])),
  });
/** Reports each `RUN` keyword (a second rule, to see new findings). */
const runRule = defineDockerfileRule({
  ...meta('dockerfile/test-run', 'dockerfile'),
  kind: 'dockerfile',
  fixable: false,
  check: (file) => file.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => ({ range: i.getInstructionRange() })),
});
/** Reports a top-level `bad:` key, with the fix `newText` replacing its value. */
const yamlRule = (newText: string): FileRule<YamlFile> =>
  defineYamlRule({
    ...meta('k8s/test-bad', 'kubernetes'),
    kind: 'kubernetes',
    check: (file) =>
      file.documents.flatMap((d) => {
        const pair = isMap(d.doc.contents) ? mapPair(d.doc.contents, 'bad') : undefined;
        const value = pair?.value;
        if (!pair || !value || (value as { value?: unknown }).value === 'ok') return [];
        const range = d.rangeOf(value as never);
        return [{ range: d.keyRange(pair), fix: { title, edits: [{ range, newText }] } }];
      }),
  });

const checks = (text: string, kind: 'dockerfile' | 'kubernetes', rules: readonly Rule[]): FixCheck[] =>
  [...new Set(checkFileFixes(kind === 'dockerfile' ? 'Dockerfile' : 'm.yaml', text, kind, FUZZ_CONFIG, rules).failures.map((f) => f.check))].sort();

const keyword = (file: DockerfileFile, i: number) => file.instructions[i]!.getInstructionRange();

describe('fix-safety checker', () => {
  const docker = 'FROM alpine\nADD a /a\nCOPY b /b\n';
  it('passes a safe fix', () => {
    assert.deepEqual(checks(docker, 'dockerfile', [addRule((f, i) => ({ title, edits: [{ range: keyword(f, i), newText: 'COPY' }] }))]), []);
    assert.deepEqual(checks('bad: 1\nx: 2\n', 'kubernetes', [yamlRule('ok')]), []);
  });
  it('finding-remains: a fix that changes nothing relevant', () => {
    assert.deepEqual(checks(docker, 'dockerfile', [addRule((f, i) => ({ title, edits: [{ range: keyword(f, i), newText: 'ADD' }] }))]), ['finding-remains']);
  });
  it('not-idempotent: a fix offered again that changes the file again', () => {
    const grows = addRule((f, i) => ({ title, edits: [{ range: { start: f.instructions[i]!.getRange().end, end: f.instructions[i]!.getRange().end }, newText: ' x' }] }));
    assert.deepEqual(checks(docker, 'dockerfile', [grows]), ['finding-remains', 'no-fixed-point', 'not-idempotent']);
  });
  it('instructions-lost: a fix that swallows the next instruction', () => {
    const swallow = addRule((f, i) => ({ title, edits: [{ range: { start: keyword(f, i).start, end: f.instructions[i + 1]!.getRange().end }, newText: 'COPY a /a' }] }));
    assert.ok(checks(docker, 'dockerfile', [swallow]).includes('instructions-lost'));
  });
  it('new-finding: a fix that adds a finding of another rule', () => {
    const addsRun = addRule((f, i) => ({ title, edits: [{ range: keyword(f, i), newText: 'RUN' }] }));
    assert.deepEqual(checks(docker, 'dockerfile', [addsRun, runRule]), ['new-finding']);
  });
  it('line-breaks: a bare \\n in a CRLF file', () => {
    const lf = addRule((f, i) => ({ title, edits: [{ range: keyword(f, i), newText: 'COPY' }, { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, newText: '\nUSER app' }] }));
    assert.deepEqual(checks(docker.replace(/\n/g, '\r\n'), 'dockerfile', [lf]), ['line-breaks']);
  });
  it('edits: an edit outside the document, or overlapping edits', () => {
    const outside = addRule(() => ({ title, edits: [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } }, newText: 'x' }] }));
    assert.deepEqual(checks(docker, 'dockerfile', [outside]), ['edits']);
    const overlapping = addRule((f, i) => ({ title, edits: [{ range: keyword(f, i), newText: 'COPY' }, { range: keyword(f, i), newText: 'COPY' }] }));
    assert.deepEqual(checks(docker, 'dockerfile', [overlapping]), ['edits']);
  });
  it('parse: a YAML fix that breaks the syntax', () => {
    assert.deepEqual(checks('bad: 1\nx: 2\n', 'kubernetes', [yamlRule('[ok')]), ['parse']);
  });
  it('no-fixed-point: fixes that keep changing the file', () => {
    assert.ok(checks('bad: 1\n', 'kubernetes', [yamlRule('1\nbad: 2')]).includes('no-fixed-point'));
  });
});
