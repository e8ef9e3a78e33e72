// The hover of a finding: the checklist items first, code as code, documentation links without a website.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../shared/src/lint';
import { docsLinks, shippedRuleDocs } from '../../server/src/docs-location';
import { evidencePath } from '../../server/src/action-handlers';
import { evidenceHover, hoverAt, mergeHovers } from '../../server/src/hover';
import { docMarkdown } from '../../server/src/rule-docs';

const URI = 'file:///w/Dockerfile';
const TEXT = 'FROM node:20\nCOPY . /app\nCMD ["node", "app.js"]\n';
const results = lintText(URI, TEXT).results.filter((r) => r.ruleId === 'dockerfile/no-root-user');
const valueOf = (h: ReturnType<typeof hoverAt>): string => {
  assert.ok(h);
  return (h.contents as { value: string }).value;
};

describe('finding hover', () => {
  it('leads with the title, then the checklist items (document, id, levels), then message, why and fix', () => {
    assert.equal(results.length, 1);
    const md = valueOf(hoverAt(results, results[0]!.range.start, 'en'));
    const title = md.indexOf('**Run the container as a non-root user**');
    const firstItem = md.search(/\n- .+ · `(CSVS|CL)-[0-9.]+`/);
    const why = md.indexOf('**Why:**');
    const fix = md.indexOf('**How to fix:**');
    assert.ok(title === 0 && title < firstItem && firstItem < why && why < fix, md);
    assert.ok(firstItem < 300, `the first citation is ${firstItem} characters in`);
    assert.match(md, /`CSVS-3\.[0-9.]+` \(CSVS levels: [L123, ]+\): /);
  });

  it('renders the code of the rule docs as code (no escaped backticks)', () => {
    const md = valueOf(hoverAt(results, results[0]!.range.start, 'en'));
    assert.ok(md.includes('`USER 10001:10001`'), md);
    assert.ok(!md.includes('\\`'), md);
    assert.equal(docMarkdown('run `a*b` then *c*'), 'run `a*b` then \\*c\\*');
    assert.equal(docMarkdown('a lone ` stays literal'), 'a lone \\` stays literal');
  });

  it('links the rule documentation with a command in VS Code and with the shipped docs/rules.md elsewhere', () => {
    const vscode = valueOf(hoverAt(results, results[0]!.range.start, 'en', docsLinks(true).hover));
    assert.ok(vscode.includes(`[\`dockerfile/no-root-user\`](command:bollwerk.showRuleDocs?${encodeURIComponent('["dockerfile/no-root-user"]')})`), vscode);
    const other = valueOf(hoverAt(results, results[0]!.range.start, 'de', docsLinks(false).hover));
    assert.match(other, /\]\(file:\/\/\/.*\/docs\/rules\.md#dockerfileno-root-user\)/);
    for (const md of [vscode, other]) assert.ok(!md.includes('github.com/bollwerk'), md);
    assert.equal(docsLinks(false, null).hover('dockerfile/no-root-user'), undefined, 'no link when the file is not there');
    assert.equal(shippedRuleDocs('/'), undefined);
  });

  it('puts the findings before the Dockerfile reference', () => {
    const findings = hoverAt(results, results[0]!.range.start, 'en');
    const merged = mergeHovers(findings, { contents: 'Set the base image' });
    assert.match(valueOf(merged), /^\*\*Run the container[\s\S]*\n\n---\n\nSet the base image$/);
    assert.equal(mergeHovers(null, { contents: 'x' })?.contents, 'x');
    assert.equal(mergeHovers(null, null), null);
  });
});

describe('evidence hover', () => {
  const WORKFLOW = 'on: push\njobs:\n  release:\n    steps:\n      # trivy image --exit-code 1 app\n      - uses: aquasecurity/trivy-action@0.28.0\n        with: {image-ref: app, exit-code: "1", severity: "CRITICAL,HIGH"}\n      - run: make\n';

  const lineOf = (n: number): string => WORKFLOW.split('\n')[n]!;

  it('shows on a workflow line the checklist items it proves, with their text', () => {
    const h = evidenceHover('.github/workflows/release.yml', lineOf(5), { line: 5, character: 12 }, 'en');
    const md = valueOf(h);
    assert.match(md, /^\*\*Evidence: image scan\*\*\n\nThis line proves these checklist items:\n\n/);
    for (const id of ['CL-1.3.1', 'ART-1.7', 'CSC-1.1.1']) assert.ok(md.includes(`\`${id}\``), `${id} in ${md}`);
    assert.deepEqual(h!.range, { start: { line: 5, character: 6 }, end: { line: 5, character: 46 } });
    const threshold = valueOf(evidenceHover('.github/workflows/release.yml', lineOf(6), { line: 6, character: 8 }, 'de'));
    assert.match(threshold, /^\*\*Nachweis: Scan scheitert an CRITICAL\*\*\n\nDiese Zeile weist diese Checklistenpunkte nach:/);
    assert.ok(threshold.includes('`CL-1.3.2`'), threshold);
  });

  it('shows nothing on comments, on lines that prove nothing and outside CI configuration', () => {
    assert.equal(evidenceHover('.github/workflows/release.yml', lineOf(4), { line: 4, character: 10 }, 'en'), null);
    assert.equal(evidenceHover('.github/workflows/release.yml', lineOf(7), { line: 7, character: 10 }, 'en'), null);
    assert.equal(evidenceHover('.github/workflows/release.yml', '', { line: 99, character: 0 }, 'en'), null);
    assert.equal(evidenceHover('docs/release.yml', lineOf(5), { line: 5, character: 12 }, 'en'), null);
  });

  it('reads the path relative to the workspace folder, else the path of the URI', () => {
    assert.equal(evidencePath('file:///w/repo/.github/workflows/a%20b.yml', 'file:///w/repo'), '.github/workflows/a b.yml');
    assert.equal(evidencePath('file:///w/repo/k8s/p.yaml', 'file:///w/repo/'), 'k8s/p.yaml');
    assert.equal(evidencePath('file:///elsewhere/.gitlab-ci.yml', 'file:///w/repo'), '/elsewhere/.gitlab-ci.yml');
    assert.equal(evidencePath('untitled:Untitled-1', undefined), 'Untitled-1');
  });
});
