// The helm-unittest runner itself: each assertion kind passes on a matching document and fails on
// a mismatch (so that a suite passing means something), with `not`, documentIndex, set and release.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryTree } from '../../shared/src/file-tree';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { runSuite } from '../../shared/src/helm/unittest/suite';

const CHART = {
  'Chart.yaml': 'apiVersion: v2\nname: ut\nversion: 1.0.0\n',
  'values.yaml': 'replicas: 1\nname: web\nports: [80, 443]\nfail: false\n',
  'templates/deploy.yaml': [
    '{{- if .Values.fail }}{{ fail "told to fail" }}{{ end -}}',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}-{{ .Values.name }}',
    '  namespace: {{ .Release.Namespace }}',
    '  labels: {app: "{{ .Values.name }}", "x.io/part": one}',
    'spec:',
    '  replicas: {{ .Values.replicas }}',
    '  ports: {{ toJson .Values.ports }}',
    '  items: [{name: a, v: 1}, {name: b, v: 2}]',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: svc}',
  ].join('\n'),
};

/** Runs one test with the given asserts (and test fields) and returns its failures. */
function failures(asserts: string, extra = ''): readonly string[] {
  const suite = `suite: s\ntemplates: [deploy.yaml]\ntests:\n- it: t\n${extra}  asserts:\n${asserts}`;
  const results = runSuite(memoryTree({ ...CHART, 'tests/s_test.yaml': suite }), '', 'tests/s_test.yaml', sprigFuncs());
  assert.equal(results.length, 1);
  return results[0]!.failures;
}

describe('helm-unittest runner', () => {
  it('equal, notEqual, isKind, isAPIVersion and hasDocuments, with documentIndex and default release', () => {
    assert.deepEqual(failures('  - equal: {path: metadata.name, value: RELEASE-NAME-web}\n    documentIndex: 0\n  - equal: {path: metadata.namespace, value: NAMESPACE}\n    documentIndex: 0\n  - isKind: {of: Service}\n    documentIndex: 1\n  - hasDocuments: {count: 2}\n  - isAPIVersion: {of: apps/v1}\n    documentIndex: 0\n'), []);
    assert.equal(failures('  - equal: {path: spec.replicas, value: 2}\n    documentIndex: 0\n').length, 1);
    assert.equal(failures('  - hasDocuments: {count: 3}\n').length, 1);
    assert.equal(failures('  - isKind: {of: Deployment}\n').length, 1, 'the Service is no Deployment');
  });
  it('paths with quoted keys, indexes and [*]', () => {
    assert.deepEqual(failures('  - equal: {path: \'metadata.labels["x.io/part"]\', value: one}\n    documentIndex: 0\n  - equal: {path: \'spec.items[1].v\', value: 2}\n    documentIndex: 0\n'), []);
    assert.equal(failures('  - equal: {path: \'spec.items[*].name\', value: a}\n    documentIndex: 0\n').length, 1);
  });
  it('contains, notContains, isSubset, matchRegex, isNull, exists and not', () => {
    assert.deepEqual(failures('  - contains: {path: spec.ports, content: 443}\n    documentIndex: 0\n  - notContains: {path: spec.ports, content: 8080}\n    documentIndex: 0\n  - contains: {path: spec.items, content: {name: b}, any: true}\n    documentIndex: 0\n  - isSubset: {path: metadata.labels, content: {app: web}}\n    documentIndex: 0\n  - matchRegex: {path: metadata.name, pattern: "^RELEASE-NAME-w.b$"}\n    documentIndex: 0\n  - isNull: {path: spec.missing}\n    documentIndex: 0\n  - exists: {path: spec.replicas}\n    documentIndex: 0\n  - equal: {path: spec.replicas, value: 5}\n    documentIndex: 0\n    not: true\n'), []);
    assert.equal(failures('  - contains: {path: spec.ports, content: 8080}\n    documentIndex: 0\n').length, 1);
    assert.equal(failures('  - isSubset: {path: metadata.labels, content: {app: db}}\n    documentIndex: 0\n').length, 1);
    assert.equal(failures('  - matchRegex: {path: metadata.name, pattern: "^db"}\n    documentIndex: 0\n').length, 1);
  });
  it('set and release fields reach the render', () => {
    assert.deepEqual(failures('  - equal: {path: metadata.name, value: r1-db}\n    documentIndex: 0\n  - equal: {path: spec.replicas, value: 3}\n    documentIndex: 0\n', '  set: {name: db, replicas: 3}\n  release: {name: r1}\n'), []);
  });
  it('failedTemplate and notFailedTemplate', () => {
    assert.deepEqual(failures('  - failedTemplate: {errorMessage: told to fail}\n', '  set: {fail: true}\n'), []);
    assert.equal(failures('  - failedTemplate: {errorMessage: something else}\n', '  set: {fail: true}\n').length, 1);
    assert.equal(failures('  - failedTemplate: {}\n').length, 1);
    assert.deepEqual(failures('  - notFailedTemplate: {}\n'), []);
  });
  it('reports an unknown assertion', () => {
    assert.match(failures('  - noSuchAssertion: {}\n')[0] ?? '', /unknown assertion/);
  });
});
