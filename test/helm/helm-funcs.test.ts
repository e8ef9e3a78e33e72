// Helm's template functions and built-in objects (pkg/engine/funcs.go, files.go, engine.go,
// pkg/chart/common/capabilities.go), each checked through a rendered template.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryTree } from '../../shared/src/file-tree';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { helmTemplate, renderChart, type TemplateRequest } from '../../shared/src/helm/template-command';

/** Renders one template (plus extra chart files) and returns its text. */
function render(template: string, files: Record<string, string> = {}, options: Partial<TemplateRequest> = {}): string {
  const r = renderChart({
    tree: memoryTree({ 'Chart.yaml': 'apiVersion: v2\nname: fx\nversion: 1.2.3\nappVersion: "4.5"\n', 'templates/t.yaml': template, ...files }),
    sprig: sprigFuncs(),
    ...options,
  });
  assert.ok(!('failure' in r), 'failure' in r ? r.failure.error : '');
  return r.files.get('fx/templates/t.yaml')!;
}

describe('Helm functions', () => {
  it('toYaml writes go-yaml v2 and fromYaml/fromYamlArray read YAML 1.1, errors into the result', () => {
    assert.equal(render('a:{{ .Values.x | toYaml | nindent 2 }}', { 'values.yaml': 'x: {b: [1, "on"], a: yes}\n' }), 'a:\n  a: true\n  b:\n  - 1\n  - "on"');
    // YAML 1.1: on is true, 010 is octal
    assert.equal(render('{{ (fromYaml "k: on\\nm: 010").k }} {{ (fromYaml "k: on\\nm: 010").m }}'), 'true 8');
    assert.equal(render('{{ index (fromYamlArray "- a\\n- b") 1 }}'), 'b');
    assert.match(render('{{ (fromYaml "a: [").Error }}'), /^error converting YAML to JSON: yaml: line \d+: /);
  });
  it('toJson escapes HTML as Go does, fromJson gives float64 numbers and an Error key on bad input', () => {
    assert.equal(render('{{ dict "a" "<b>&" "n" 1 | toJson }}'), '{"a":"\\u003cb\\u003e\\u0026","n":1}');
    assert.equal(render('{{ (fromJson "{\\"n\\": 2}").n | printf "%T" }}'), 'float64');
    assert.match(render('{{ (fromJson "nope").Error }}'), /^invalid character/);
    assert.equal(render('{{ index (fromJsonArray "{}") 0 }}'), 'json: cannot unmarshal object into Go value of type []interface {}');
  });
  it('toToml writes BurntSushi/toml\'s layout', () => {
    assert.equal(render('{{ .Values.t | toToml }}', { 'values.yaml': 't: {b: x, num: 1, sub: {k: true}}\n' }), 'b = "x"\nnum = 1.0\n\n[sub]\n  k = true\n');
  });
  it('lookup gives an empty map without a cluster', () => {
    assert.equal(render('{{ lookup "v1" "Secret" "ns" "name" | toJson }}'), '{}');
  });
  it('required and fail stop the render with the message at the call', () => {
    const r = helmTemplate({ tree: memoryTree({ 'Chart.yaml': 'apiVersion: v2\nname: fx\nversion: 1.0.0\n', 'templates/t.yaml': '{{ fail "stop here" }}' }), sprig: sprigFuncs() });
    assert.equal(r.error, 'execution error at (fx/templates/t.yaml:1:3): stop here\n\nUse --debug flag to render out invalid YAML');
    const empty = helmTemplate({ tree: memoryTree({ 'Chart.yaml': 'apiVersion: v2\nname: fx\nversion: 1.0.0\n', 'templates/t.yaml': '{{ required "need v" "" }}' }), sprig: sprigFuncs() });
    assert.match(empty.error ?? '', /^execution error at \(fx\/templates\/t.yaml:1:3\): need v/);
  });
  it('tpl renders with the caller\'s .Template and can use defines from the chart', () => {
    const out = render('{{ tpl "{{ .Template.Name }} {{ .Template.BasePath }} {{ include \\"x\\" . }} {{ .Values.v }}" . }}', { 'templates/_h.tpl': '{{ define "x" }}X{{ end }}', 'values.yaml': 'v: "{{ 1 }}"\n' });
    assert.equal(out, 'fx/templates/t.yaml fx/templates X {{ 1 }}');
    assert.equal(render('[{{ tpl "" . }}]'), '[]');
  });
  it('a parent chart\'s define wins over a subchart\'s define of the same name', () => {
    const out = render('{{ include "name" . }}', {
      'templates/_h.tpl': '{{ define "name" }}parent{{ end }}',
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/templates/_h.tpl': '{{ define "name" }}sub{{ end }}',
    });
    assert.equal(out, 'parent');
  });
  it('missing values print nothing instead of <no value>', () => {
    assert.equal(render('[{{ .Values.missing }}]'), '[]');
  });
});

describe('Helm objects', () => {
  it('.Release, .Chart and .Template', () => {
    assert.equal(render('{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }}', {}, { releaseName: 'rel', namespace: 'ns' }), 'rel ns true false 1 Helm');
    assert.equal(render('{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.IsRoot }} {{ .Template.Name }}'), 'fx 1.2.3 4.5 true fx/templates/t.yaml');
  });
  it('.Capabilities: the default and given Kubernetes version, API versions with --api-versions added', () => {
    assert.equal(render('{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }}'), 'v1.34.0 v1.34.0 1.34');
    assert.equal(render('{{ .Capabilities.KubeVersion.Version }} {{ semverCompare ">=1.22-0" .Capabilities.KubeVersion.Version }}', {}, { kubeVersion: '1.22' }), 'v1.22 true');
    assert.equal(render('{{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "x.io/v1" }} {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" }}', {}, { apiVersions: ['x.io/v1'] }), 'true true false');
  });
  it('.Files: Get, GetBytes, Glob, Lines, AsConfig and AsSecrets over the non-template files', () => {
    const files = { 'files/a.txt': 'alpha\nbeta\n', 'files/b.conf': 'k=v', 'other/c.txt': 'c' };
    assert.equal(render('{{ .Files.Get "files/a.txt" | trim }} {{ len (.Files.GetBytes "files/b.conf") }} [{{ .Files.Get "none" }}]', files), 'alpha\nbeta 3 []');
    assert.equal(render('{{ range .Files.Lines "files/a.txt" }}<{{ . }}>{{ end }}', files), '<alpha><beta>');
    assert.equal(render('{{ (.Files.Glob "files/*").AsConfig }}', files), 'a.txt: |\n  alpha\n  beta\nb.conf: k=v');
    assert.equal(render('{{ (.Files.Glob "**.txt").AsSecrets }}', files), 'a.txt: YWxwaGEKYmV0YQo=\nc.txt: Yw==');
    assert.equal(render('{{ range $p, $_ := .Files.Glob "{files,other}/*.txt" }}{{ $p }} {{ end }}', files), 'files/a.txt other/c.txt ');
  });
});
