import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, normalizeConfig, parseConfigText, type Config } from '../shared/src/config';
import { defineDockerfileRule, defineYamlRule } from '../shared/src/define';
import { lintText } from '../shared/src/lint';
import { detectKind } from '../shared/src/parse/kind';
import { splitDocuments } from '../shared/src/parse/yaml';
import type { RuleMeta } from '../shared/src/types';

const meta = (id: string, kind: RuleMeta['kind'], extra: Partial<RuleMeta> = {}): RuleMeta => ({
  id,
  kind,
  title: { en: id, de: id },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: { default: { en: 'found {what}', de: 'gefunden: {what}' } },
  docs: { rationale: { en: '', de: '' }, fix: { en: '', de: '' }, bad: '', good: '' },
  fixable: false,
  ...extra,
});

/** Reports every instruction's keyword. */
const everyInstruction = defineDockerfileRule({
  ...meta('dockerfile/every-instruction', 'dockerfile', { equivalents: ['hadolint:DL9999', 'checkov:CKV_DOCKER_99', 'trivy:DS099'] }),
  kind: 'dockerfile',
  check: (file) => file.instructions.map((i) => ({ range: i.getInstructionRange(), args: { what: i.getKeyword() } })),
});
const throwing = defineDockerfileRule({
  ...meta('dockerfile/throwing', 'dockerfile'),
  kind: 'dockerfile',
  check: () => {
    throw new Error('boom\nsecond line');
  },
});
/** Reports every Kubernetes object's kind, on the `kind` value, with the object's annotations. */
const everyObject = defineYamlRule({
  ...meta('k8s/every-object', 'kubernetes', { equivalents: ['kube-linter:every-object', 'checkov:CKV_K8S_99', 'trivy:KSV099'] }),
  kind: 'kubernetes',
  check: (file) =>
    file.objects.map((o) => ({ range: o.document.rangeOf(o.node.items.find((p) => String((p.key as { value?: unknown }).value) === 'kind')?.value as never), objectRange: o.range, annotations: o.annotations, args: { what: o.kind } })),
});

const lintD = (text: string, config: Config = DEFAULT_CONFIG) => lintText('file:///w/Dockerfile', text, { rules: [everyInstruction, throwing], config });
const lintK = (text: string, config: Config = DEFAULT_CONFIG) => lintText('file:///w/app.yaml', text, { rules: [everyObject], config });

describe('kind detection', () => {
  const cases: [string, string, string | undefined][] = [
    ['Dockerfile', '', 'dockerfile'],
    ['Containerfile', '', 'dockerfile'],
    ['api.Dockerfile', '', 'dockerfile'],
    ['Dockerfile.prod', '', 'dockerfile'],
    ['Dockerfile.dockerignore', '', undefined],
    ['compose.yaml', '', 'compose'],
    ['docker-compose.override.yml', '', 'compose'],
    ['compose.prod.yaml', '', 'compose'],
    ['stack.yaml', 'services:\n  a: {}\n', 'compose'],
    ['deploy.yaml', 'apiVersion: v1\nkind: Pod\n', 'kubernetes'],
    ['pod.json', '{"apiVersion": "v1", "kind": "Pod"}', 'kubernetes'],
    ['values.yaml', 'replicaCount: 1\n', undefined],
    ['README.md', 'apiVersion: v1\nkind: Pod\n', undefined],
  ];
  for (const [name, text, kind] of cases) it(`${name} → ${kind}`, () => assert.equal(detectKind(`file:///w/${name}`, text), kind));
});

describe('engine', () => {
  it('isolates a throwing rule: one internal-error result, the other rules still run', () => {
    const r = lintD('FROM alpine:3\nRUN true\n');
    assert.deepEqual(r.results.map((x) => x.ruleId), ['bollwerk/internal-error', 'dockerfile/every-instruction', 'dockerfile/every-instruction']);
    assert.match(r.results[0]!.message.en, /dockerfile\/throwing failed on this file \(boom\)/);
    assert.doesNotMatch(r.results[0]!.message.en, /second line|at /);
  });
  it('formats messages in both languages', () => {
    const r = lintD('FROM alpine:3\n');
    const f = r.results.find((x) => x.ruleId === 'dockerfile/every-instruction')!;
    assert.deepEqual(f.message, { en: 'found FROM', de: 'gefunden: FROM' });
  });
  it('applies levels and severity overrides from the configuration', () => {
    const l3only = defineDockerfileRule({ ...everyInstruction, kind: 'dockerfile', id: 'dockerfile/l3', levels: ['L3'] });
    const at = (level: 'L1' | 'L3', rules: Config['rules'] = {}) => lintText('file:///w/Dockerfile', 'FROM a\n', { rules: [l3only], config: { ...DEFAULT_CONFIG, level, rules } }).results;
    assert.equal(at('L1').length, 0);
    assert.equal(at('L3').length, 1);
    assert.equal(at('L1', { 'dockerfile/l3': 'error' })[0]?.severity, 'error', 'an explicit severity enables a rule at any level');
    assert.equal(at('L3', { 'dockerfile/l3': 'off' }).length, 0);
  });
  it('honours bollwerk-ignore on the line above, in the comment block above, trailing, and file-wide', () => {
    const text = [
      'FROM alpine:3',
      '# bollwerk-ignore dockerfile/every-instruction -- reason',
      'RUN a',
      '# bollwerk-ignore dockerfile/other,dockerfile/every-instruction',
      '# another comment',
      'RUN b',
      '# bollwerk-ignore dockerfile/other',
      'RUN c',
    ].join('\n');
    assert.deepEqual(lintD(text).results.filter((r) => r.ruleId !== 'bollwerk/internal-error').map((r) => r.range.start.line), [0, 7]);
    assert.equal(lintD(`FROM a\n# bollwerk-ignore-file dockerfile/every-instruction\nRUN b`).results.filter((r) => r.ruleId !== 'bollwerk/internal-error').length, 0);
  });
  it("honours hadolint, Checkov and Trivy comments only for the rule's equivalents", () => {
    const text = 'FROM a\n# hadolint ignore=DL3000,DL9999\nRUN a\n# trivy:ignore:AVD-DS-0099\nRUN b\n# hadolint ignore=DL3000\nRUN c\n';
    assert.deepEqual(lintD(text).results.filter((r) => r.ruleId !== 'bollwerk/internal-error').map((r) => r.range.start.line), [0, 6]);
    assert.equal(lintD('FROM a\n# hadolint global ignore=DL9999\nRUN b').results.filter((r) => r.ruleId !== 'bollwerk/internal-error').length, 0);
    assert.equal(lintD('# checkov:skip=CKV_DOCKER_99: accepted\nFROM a\nRUN b').results.filter((r) => r.ruleId !== 'bollwerk/internal-error').length, 0);
  });
  it('finds a suppression comment wherever one is read: no blank after #, tabs, any case for Checkov and Trivy, after other comments', () => {
    const cases = [
      'FROM a\n#bollwerk-ignore-file dockerfile/every-instruction\nRUN b',
      'FROM a\n#\t hadolint global ignore=DL9999\nRUN b',
      '# CHECKOV:SKIP=CKV_DOCKER_99\nFROM a\nRUN b',
      '# note: see #12\n# Trivy:Ignore:DS099\n# bollwerk-ignore-file dockerfile/every-instruction\nFROM a',
    ];
    for (const text of cases) assert.deepEqual(lintD(text).results.filter((r) => r.ruleId !== 'bollwerk/internal-error').map((r) => r.range.start.line), [], text);
    // a comment that only mentions a suppression word later is none
    assert.equal(lintD('FROM a\n# see hadolint ignore=DL9999\nRUN b').results.filter((r) => r.ruleId === 'dockerfile/every-instruction').length, 2);
  });
  it('suppresses a YAML finding through a comment above its object and through annotations', () => {
    const text = [
      '# bollwerk-ignore k8s/every-object -- test fixture',
      'apiVersion: v1',
      'kind: Pod',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  annotations:',
      '    ignore-check.kube-linter.io/every-object: "fine"',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  annotations:',
      '    checkov.io/skip1: CKV_K8S_99=accepted',
      '---',
      'apiVersion: v1',
      'kind: Pod # trivy:ignore:KSV099',
      '---',
      'apiVersion: v1',
      'kind: Service',
    ].join('\n');
    assert.deepEqual(lintK(text).results.map((r) => [r.range.start.line, r.message.en]), [[20, 'found Service']]);
  });
  it('reports YAML syntax errors of a recognised manifest as parse-error findings', () => {
    const r = lintK('apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n');
    assert.ok(r.results.some((x) => x.ruleId === 'bollwerk/parse-error' && x.range.start.line >= 2));
  });
  it('skips a template with a note: a file of a Helm chart, or one that fails to parse at `{{`', () => {
    const inChart = lintText('file:///w/chart/templates/deploy.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n', { rules: [everyObject], inChart: true });
    assert.deepEqual([inChart.results.length, inChart.notes.map((n) => n.code)], [0, ['templated']]);
    for (const text of ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-web\n', '{{- if .Values.on }}\napiVersion: v1\nkind: Pod\n{{- end }}\n', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  {{- range .Values.c }}\n  - name: {{ . }}\n  {{- end }}\n']) {
      const r = lintText('file:///w/deploy.yaml', text, { rules: [everyObject], kind: 'kubernetes' });
      assert.deepEqual([r.results.length, r.notes.map((n) => n.code)], [0, ['templated']], text);
    }
  });
  it('checks whatever parses, `{{` or `templates/` notwithstanding', () => {
    for (const [path, text] of [
      ['file:///w/templates/alertmanager.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: am\ndata:\n  slack.tmpl: |\n    {{ define "slack.title" }}{{ .CommonLabels.alertname }}{{ end }}\n'],
      ['file:///w/deploy.tmpl.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n'],
      ['file:///w/grafana.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: g}\ndata:\n  a: "{{ $labels.instance }} is down"\n'],
    ] as const) {
      const r = lintText(path, text, { rules: [everyObject] });
      assert.deepEqual([r.kind, r.notes, r.results.length], ['kubernetes', [], 1], path);
    }
    const broken = lintText('file:///w/broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: [\ndata:\n  t: "{{ x }}"\n', { rules: [everyObject] });
    assert.deepEqual(broken.notes, [], 'a parse error away from any `{{` is reported, not skipped');
    assert.ok(broken.results.some((r) => r.ruleId === 'bollwerk/parse-error'));
  });
  it('skips binary and oversized input with a note', () => {
    assert.equal(lintD('FROM a\u0000').notes[0]?.code, 'binary');
    assert.equal(lintD('FROM a\n'.repeat(100), { ...DEFAULT_CONFIG, maxFileBytes: 50 }).notes[0]?.code, 'too-large');
  });
  it('survives wrong types where maps belong', () => {
    for (const text of ['apiVersion: v1\nkind: Pod\nmetadata: 5\n', 'apiVersion: [v1]\nkind: Pod\n', '- apiVersion: v1\n  kind: Pod\n', 'apiVersion: v1\nkind: List\nitems: 3\n']) {
      assert.doesNotThrow(() => lintK(text));
    }
  });
  it('finds objects inside List kinds', () => {
    const r = lintK('apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n  - apiVersion: v1\n    kind: Service\n');
    assert.deepEqual(r.results.map((x) => x.message.en), ['found Pod', 'found Service']);
  });
});

describe('document splitting', () => {
  it('splits at column-0 markers only, keeping directives with their document', () => {
    const text = '%YAML 1.2\n---\na: 1\n---\nb: |\n  ---\n  x\n--- # c\nc: 3\n';
    const chunks = splitDocuments(text).map((c) => text.slice(c.start, c.end));
    assert.deepEqual(chunks, ['%YAML 1.2\n---\na: 1\n', '---\nb: |\n  ---\n  x\n', '--- # c\nc: 3\n']);
  });
});

describe('configuration', () => {
  it('normalises a valid configuration', () => {
    const { config, problems } = parseConfigText('level: L2\nrules:\n  dockerfile/prefer-copy: off\n  k8s/x: error\ntrustedRegistries: [registry.example.com]\nattestations:\n  - item: CL-6.1.1\n    by: Jana\n    date: 2026-11-02\n');
    assert.deepEqual(problems, []);
    assert.equal(config.level, 'L2');
    assert.deepEqual(config.rules, { 'dockerfile/prefer-copy': 'off', 'k8s/x': 'error' });
    assert.deepEqual(config.attestations, [{ item: 'CL-6.1.1', by: 'Jana', date: '2026-11-02' }]);
  });
  it('reports each problem with its key and keeps the valid part', () => {
    const { config, problems } = normalizeConfig({ level: 'L9', rules: { a: 'loud' }, trustedRegistries: 'x', bogus: 1 });
    assert.deepEqual(problems.map((p) => p.path).sort(), ['bogus', 'level', 'rules.a', 'trustedRegistries']);
    assert.equal(config.level, DEFAULT_CONFIG.level);
    assert.equal(parseConfigText('level: [').problems.length, 1);
    assert.equal(parseConfigText('- a').problems[0]?.message, 'the configuration must be a mapping');
  });
});
