import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { normalizeConfig } from '../../shared/src/config';

const schema = JSON.parse(readFileSync(join(__dirname, '../../shared/schema/bollwerk.schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

/** Configurations both the schema and normalizeConfig accept. */
const VALID: readonly string[] = [
  '',
  'baseline: .bollwerk-baseline.json',
  'level: L1',
  'level: L3\nrules:\n  k8s/read-only-root-filesystem: error\n  dockerfile/prefer-copy: off\n  compose/privileged: false\n',
  'trustedRegistries: [registry.example.com, docker.io/library]\nignorePaths:\n  - vendor/\n  - "!keep.yaml"\n',
  'attestations:\n  - item: CL-6.1.1\n    by: Dana Auditor\n    date: "2026-11-01"\n    note: training held\n  - {item: CSVS-3.1, by: ops, date: "2026-10-02"}\n',
  'lang: de\nmaxFileBytes: 2000000\n',
  'pinning:\n  enabled: false\n  insecureRegistries: ["localhost:5000"]\n  cacheSeconds: 0\n  timeoutMs: 2500\n',
  '$schema: ./node_modules/bollwerk/shared/schema/bollwerk.schema.json\nlevel: L2\n',
  'helm:\n  charts/web:\n    valuesFiles: [env/prod.yaml]\n    set: [image.tag=1.27]\n    setString: [a=1]\n    releaseName: web\n    namespace: shop\n    kubeVersion: "1.30"\n    apiVersions: [monitoring.coreos.com/v1]\n  .: {}\n',
  'helm:\n  charts/web:\n    valuesFiles: [env/dev.yaml]\n    valueSets:\n      prod:\n        valuesFiles: [env/prod.yaml]\n        set: [replicas=3]\n      edge: {setString: [a=1]}\n',
];

/** Configurations both reject, with the key normalizeConfig names. */
const INVALID: readonly (readonly [string, string])[] = [
  ['baseline: 3', 'baseline'],
  ["baseline: ''", 'baseline'],
  ['level: L4', 'level'],
  ['level: 1', 'level'],
  ['rules:\n  dockerfile/prefer-copy: fatal\n', 'rules.dockerfile/prefer-copy'],
  ['rules:\n  dockerfile/prefer-copy: true\n', 'rules.dockerfile/prefer-copy'],
  ['rules: [a, b]', 'rules'],
  ['trustedRegistries: registry.example.com', 'trustedRegistries'],
  ['ignorePaths: [1, 2]', 'ignorePaths'],
  ['attestations:\n  - item: CL-6.1.1\n    by: Dana\n', 'attestations[0]'],
  ['attestations: {item: x}', 'attestations'],
  ['lang: fr', 'lang'],
  ['pinning: yes', 'pinning'],
  ['pinning:\n  enabled: sometimes\n', 'pinning.enabled'],
  ['maxFileBytes: 0', 'maxFileBytes'],
  ['maxFileBytes: big', 'maxFileBytes'],
  ['helm: [charts/web]', 'helm'],
  ['helm:\n  web: values.yaml\n', 'helm.web'],
  ['helm:\n  web:\n    valuesFiles: prod.yaml\n', 'helm.web.valuesFiles'],
  ['helm:\n  web:\n    releaseName: 5\n', 'helm.web.releaseName'],
  ['helm:\n  web:\n    values: {}\n', 'helm.web.values'],
  ['helm:\n  web:\n    valueSets: [prod]\n', 'helm.web.valueSets'],
  ['helm:\n  web:\n    valueSets:\n      default: {}\n', 'helm.web.valueSets.default'],
  ['helm:\n  web:\n    valueSets:\n      prod:\n        releaseName: p\n', 'helm.web.valueSets.prod.releaseName'],
  ['helm:\n  web:\n    valueSets:\n      prod:\n        valuesFiles: prod.yaml\n', 'helm.web.valueSets.prod.valuesFiles'],
  ['colour: blue', 'colour'],
  ['- a\n- b\n', ''],
];

describe('.bollwerk.yaml JSON Schema', () => {
  it('is a draft-07 schema with an English description on every property', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    const props = schema.properties as Record<string, { description?: string; properties?: Record<string, { description?: string }> }>;
    for (const [key, p] of Object.entries(props)) {
      assert.ok(p.description && p.description.length > 10, key);
      for (const [sub, q] of Object.entries(p.properties ?? {})) assert.ok(q.description, `${key}.${sub}`);
    }
  });
  it('names every key normalizeConfig knows', () => {
    const known = ['level', 'rules', 'trustedRegistries', 'ignorePaths', 'testDataPaths', 'attestations', 'lang', 'pinning', 'maxFileBytes', 'baseline', 'helm', '$schema'];
    assert.deepEqual(Object.keys(schema.properties as object).sort(), known.sort());
  });
  for (const text of VALID) {
    it(`accepts ${JSON.stringify(text).slice(0, 60)}`, () => {
      const raw = parse(text) ?? {};
      assert.ok(validate(raw), JSON.stringify(validate.errors));
      assert.deepEqual(normalizeConfig(raw).problems, []);
    });
  }
  for (const [text, path] of INVALID) {
    it(`rejects ${JSON.stringify(text).slice(0, 60)}`, () => {
      const raw = parse(text);
      assert.equal(validate(raw), false);
      assert.ok(normalizeConfig(raw).problems.some((p) => p.path === path), JSON.stringify(normalizeConfig(raw).problems));
    });
  }
});
