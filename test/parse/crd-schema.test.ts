// A large CustomResourceDefinition's spec is left out of the `yaml` parse once js-yaml has read the
// whole document (shared/src/parse/crd-schema.ts): what the rules see and report stays the same.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CRD_SPAN_MIN_BYTES, crdSpecSpan } from '../../shared/src/parse/crd-schema';
import { lintText } from '../../shared/src/lint';
import { mapGet, parseChunk, parseManifestChunk, parseYaml, scalarString } from '../../shared/src/parse/yaml';

/** A schema property block of about 200 bytes, `n` times: enough to pass the size bound. */
const properties = (n: number, indent = '            '): string =>
  Array.from({ length: n }, (_, i) => `${indent}field${i}:\n${indent}  description: The field number ${i} of the resource, a string with some words in it.\n${indent}  type: string\n`).join('');

const crd = (options: { spec?: string; tail?: string; head?: string } = {}): string =>
  `${options.head ?? ''}apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
  labels:
    app: widgets
spec:
${options.spec ?? `  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
${properties(120)}`}${options.tail ?? ''}`;

describe('crdSpecSpan', () => {
  it('finds the value of spec in a large CRD and nothing else', () => {
    const text = crd({ tail: 'status:\n  acceptedNames:\n    kind: Widget\n' });
    assert.ok(text.length >= CRD_SPAN_MIN_BYTES);
    const span = crdSpecSpan(text)!;
    assert.ok(span);
    assert.equal(text.slice(span.start - 'spec:\n'.length, span.start), 'spec:\n');
    assert.equal(text.slice(span.end), 'status:\n  acceptedNames:\n    kind: Widget\n');
  });

  it('keeps sequence entries written at column 0 and comments in the span', () => {
    const spec = `  group: example.com\n# a comment at column 0\n  versions:\n${'  - name: v1\n    served: true\n'.repeat(800)}`;
    const text = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: w\nspec:\n${spec}extra:\n- a\n- b\n`;
    const span = crdSpecSpan(text)!;
    assert.equal(text.slice(span.end), 'extra:\n- a\n- b\n');
  });

  const refused: [string, string][] = [
    ['a small CRD', crd({ spec: '  group: example.com\n' })],
    ['another kind', crd().replace('kind: CustomResourceDefinition', 'kind: Widget')],
    ['another API group', crd().replace('apiextensions.k8s.io/v1', 'example.com/v1')],
    ['a key written twice in the schema', crd({ spec: `  group: example.com\n  group: other.com\n  names:\n${properties(200, '    ')}` })],
    ['a second kind after spec (the last one counts)', crd({ tail: 'kind: Pod\n' })],
    ['a syntax error in the schema', crd({ spec: `  group: example.com\n  names:\n${properties(200, '    ')}    bad: [unclosed\n` })],
    ['spec written twice', crd({ tail: 'spec:\n  group: b\n' })],
    ['spec in flow style', crd({ spec: '' }).replace('spec:\n', `spec: {group: example.com, x: "${'y'.repeat(CRD_SPAN_MIN_BYTES)}"}\n`)],
    ['a tab at a line start', crd({ spec: `  group: example.com\n\t\n  names:\n${properties(200, '    ')}` })],
    ['two documents in the chunk', `${crd()}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n`],
  ];
  for (const [name, text] of refused) {
    it(`parses whole: ${name}`, () => {
      // each is large enough to be read in two parts but for what its name says
      if (name !== 'a small CRD') assert.ok(text.length >= CRD_SPAN_MIN_BYTES, `${text.length} bytes`);
      assert.equal(crdSpecSpan(text), undefined);
    });
  }

  it('parses whole, at once, a CRD with an alias bomb outside spec (the comparison would expand it)', { timeout: 10_000 }, () => {
    const levels = ['  a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) levels.push(`  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const text = crd({ tail: `status:\n${levels.join('\n')}\n` });
    assert.equal(crdSpecSpan(text), undefined);
    // and the document, parsed whole, is read under yaml's bound on aliases
    assert.equal(parseYaml('file:///crd.yaml', text, 'kubernetes').documents.length, 1);
    // an anchor used inside spec only is no reason to parse whole
    assert.ok(crdSpecSpan(crd({ spec: `  group: example.com\n  a: &g [x]\n  b: *g\n  names:\n${properties(200, '    ')}` })));
  });
});

describe('parseManifestChunk', () => {
  it('gives spec no value and every other node its offset in the chunk', () => {
    const text = crd({ head: '# Source: chart/templates/crd.yaml\n', tail: 'status:\n  acceptedNames:\n    kind: Widget\n' });
    const parsed = parseManifestChunk(text);
    assert.equal(parsed.abridged, true);
    const whole = parseChunk(text).docs[0]!;
    const doc = parsed.docs[0]!;
    assert.equal(doc.errors.length, 0);
    assert.equal((mapGet(doc.contents, 'spec') as { value?: unknown }).value, null);
    assert.ok(mapGet(whole.contents, 'spec'));
    for (const path of [['metadata', 'name'], ['metadata', 'labels', 'app'], ['status', 'acceptedNames', 'kind']]) {
      const get = (d: typeof doc): { value: string | undefined; range: unknown } => {
        let node: unknown = d.contents;
        for (const k of path) node = mapGet(node, k);
        return { value: scalarString(node), range: (node as { range: unknown }).range };
      };
      assert.deepEqual(get(doc), get(whole), path.join('.'));
    }
    assert.deepEqual(doc.range, whole.range);
  });

  it('leaves the file model of a manifest whole: objects, names and ranges as a whole parse gives them', () => {
    const text = `${crd({ tail: 'status:\n  stored: [v1]\n' })}`;
    const file = parseYaml('file:///crd.yaml', text, 'kubernetes');
    const compose = parseYaml('file:///crd.yaml', text, 'compose');
    assert.equal(file.objects.length, 1);
    const o = file.objects[0]!;
    assert.deepEqual([o.apiVersion, o.kind, o.name, o.labels], ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', { app: 'widgets' }]);
    assert.deepEqual(o.range, compose.documents[0]!.rangeOf(compose.documents[0]!.doc.contents));
  });

  it('reads a cached abridged chunk whole for any other file kind', () => {
    const text = crd();
    const cache = new Map();
    parseYaml('file:///crd.yaml', text, 'kubernetes', { cache });
    const compose = parseYaml('file:///crd.yaml', text, 'compose', { cache });
    assert.ok(mapGet(compose.documents[0]!.doc.contents, 'spec'));
  });
});

describe('findings of a large CRD', () => {
  // each text is large enough for crdSpecSpan: js-yaml's refusal is what makes it parse whole
  const lint = (text: string): string[] => {
    assert.ok(text.length >= CRD_SPAN_MIN_BYTES, `${text.length} bytes`);
    return lintText('file:///crd.yaml', text, { kind: 'kubernetes' }).results.map((r) => `${r.ruleId} ${r.range.start.line}:${r.range.start.character}`);
  };

  it('a key written twice in the schema is reported where it is', () => {
    const text = crd({ spec: `  group: example.com\n  names:\n${properties(200, '    ')}  group: other.com\n` });
    const line = text.split('\n').findIndex((l) => l === '  group: other.com');
    assert.ok(lint(text).includes(`bollwerk/duplicate-key ${line}:2`), lint(text).join('\n'));
  });

  it('a syntax error in the schema is reported', () => {
    const text = crd({ spec: `  group: example.com\n  names:\n${properties(200, '    ')}    bad: [unclosed\n` });
    assert.ok(lint(text).some((f) => f.startsWith('bollwerk/parse-error ')), lint(text).join('\n'));
  });

  it('a Pod written after the CRD in the same file is checked', () => {
    const text = `${crd()}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      privileged: yes\n`;
    const line = text.split('\n').findIndex((l) => l.includes('privileged: yes'));
    assert.ok(lint(text).includes(`k8s/privileged ${line}:18`), lint(text).join('\n'));
  });
});
