import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { collectEvidence, evidenceAt, treeEvidence } from '../shared/src/checklist/evidence';
import { EVIDENCE } from '../shared/src/checklist/evidence-catalogue';
import { ITEMS } from '../shared/src/checklist/index';
import { checklistStatus, rulesByItem } from '../shared/src/checklist/status';
import { DEFAULT_CONFIG } from '../shared/src/config';
import { memoryTree } from '../shared/src/file-tree';
import { diskTree } from '../host/src/workspace/file-tree';
import { runMain } from './cli/helpers';
import { checklistHtml, checklistMarkdown } from '../shared/src/report/index';
import { buildChecklist } from '../server/src/checklist';

const FIXTURES = join(__dirname, 'fixtures/evidence');
// The scanned kinds follow the fixture: a repository without CI has no pipeline files.
const status = (evidence: ReturnType<typeof collectEvidence>) =>
  new Map(checklistStatus({ results: [], kinds: new Set(evidence.ci ? ['dockerfile', 'kubernetes', 'pipeline'] : ['dockerfile', 'kubernetes']), config: DEFAULT_CONFIG, evidence }).map((s) => [s.id, s]));

describe('checklist evidence', () => {
  it('declares evidence only for catalogue items, and with the rules backs at least 130 of 200', () => {
    for (const id of Object.keys(EVIDENCE)) assert.ok(ITEMS.some((i) => i.id === id), id);
    const rules = rulesByItem();
    assert.ok(ITEMS.filter((i) => rules.has(i.id) || EVIDENCE[i.id]).length >= 130);
  });

  it('a repository with a complete pipeline: items pass with file and line, at most 60 stay manual', () => {
    const ev = treeEvidence(diskTree(join(FIXTURES, 'good')));
    assert.equal(ev.ci, true);
    const s = status(ev);
    const trivy = s.get('CL-1.3.1')!;
    assert.equal(trivy.state, 'passed');
    assert.deepEqual(trivy.evidence!.map((h) => `${h.path}:${h.line}`), ['.github/workflows/release.yml:27']);
    const expect: Record<string, string> = {
      'CL-1.2.1': '.github/dependabot.yml:3', 'CL-1.3.2': '.github/workflows/release.yml:30', 'CL-1.3.5': '.github/workflows/release.yml:39',
      'CL-2.3.3': 'k8s/policy.yaml:19', 'CL-3.1.3': 'k8s/policy.yaml:21', 'CL-4.2.1': '.github/workflows/release.yml:18',
      'CL-4.2.2': '.github/workflows/release.yml:46', 'CL-4.2.3': '.github/workflows/release.yml:19', 'CL-4.2.4': '.github/workflows/release.yml:49',
      'CSVS-3.7': '.github/workflows/release.yml:56', 'ART-4.5': 'falco/rules.yaml:18', 'CSC-3.1.2': 'chart/Chart.yaml:1', 'CSC-4.2.2': 'k8s/policy.yaml:37',
    };
    for (const [id, at] of Object.entries(expect)) {
      assert.equal(s.get(id)!.state, 'passed', id);
      assert.equal(`${s.get(id)!.evidence![0]!.path}:${s.get(id)!.evidence![0]!.line}`, at, id);
    }
    assert.deepEqual(s.get('CSVS-3.7')!.evidence!.map((h) => `${h.path}:${h.line}`), ['.github/workflows/release.yml:56', 'k8s/policy.yaml:9']);
    assert.ok([...s.values()].filter((x) => x.state === 'manual').length <= 60);
  });

  it('every located piece of evidence is what its line proves (the hover reads lines as the checklist does)', () => {
    const ev = treeEvidence(diskTree(join(FIXTURES, 'good')));
    let checked = 0;
    for (const [item, hits] of ev.byItem)
      for (const h of hits) {
        if (h.path === '.git/HEAD') continue;
        const text = readFileSync(join(FIXTURES, 'good', h.path), 'utf8');
        assert.ok(evidenceAt(h.path, text.split('\n')[h.line - 1]!, h.line - 1).some((e) => e.items.includes(item) && e.what.en === h.what.en), `${item} at ${h.path}:${h.line}`);
        checked++;
      }
    assert.ok(checked >= 40, `${checked} hits checked`);
  });

  it('a repository with CI but without the evidence: those items fail', () => {
    const s = status(treeEvidence(diskTree(join(FIXTURES, 'bad'))));
    for (const id of ['CL-1.2.1', 'CL-1.3.2', 'CL-1.3.5', 'CL-4.2.1', 'CSVS-3.7', 'CL-4.3.4']) {
      assert.equal(s.get(id)!.state, 'failed', id);
      assert.equal(s.get(id)!.evidenceMissing, true, id);
    }
    // The scan exists, only its threshold is missing.
    assert.equal(s.get('CL-1.3.1')!.state, 'passed');
  });

  it('a repository without CI configuration: evidence items stay manual', () => {
    const ev = treeEvidence(diskTree(join(FIXTURES, 'no-ci')));
    assert.equal(ev.ci, false);
    const s = status(ev);
    // CL-1.2.1 is also served by dockerfile/base-image-eol, whose pass decides it here
    for (const id of ['CL-4.1.3', 'CL-4.2.1', 'CSVS-3.7', 'ART-1.9']) assert.equal(s.get(id)!.state, 'manual', id);
  });

  it('an attestation stands in for evidence the CI configuration lacks; comments prove nothing', () => {
    const ev = collectEvidence([{ path: '.gitlab-ci.yml', text: '# trivy image --exit-code 1 app\nbuild:\n  script: [make]\n' }]);
    assert.equal(ev.byItem.has('CL-1.3.1'), false);
    const s = checklistStatus({ results: [], kinds: new Set(), config: { ...DEFAULT_CONFIG, attestations: [{ item: 'CL-1.3.1', by: 'Dana', date: '2026-12-01' }] }, evidence: ev });
    assert.equal(s.find((x) => x.id === 'CL-1.3.1')!.state, 'attested');
  });

  it('counts included GitLab files as CI configuration', () => {
    const ev = collectEvidence([{ path: 'ci/release.gitlab-ci.yml', text: 'scan:\n  script: [trivy image --exit-code 1 app]\n' }]);
    assert.equal(ev.ci, true);
    assert.deepEqual(ev.byItem.get('CL-1.3.1')!.map((h) => `${h.path}:${h.line}`), ['ci/release.gitlab-ci.yml:2']);
  });

  it('reads trees of any shape without throwing', () => {
    const ev = treeEvidence(memoryTree({ '.github/workflows/a.yml': new Uint8Array([0, 1, 2]), 'renovate.json': '{}', 'x/.git/HEAD': 'ref' }));
    assert.equal(ev.ci, false);
    assert.equal(ev.byItem.get('CL-1.2.1')![0]!.path, 'renovate.json');
  });

  it('bollwerk checklist prints the evidence with its location', async () => {
    const r = await runMain(['checklist', join(FIXTURES, 'good')]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /✔ CL-1\.3\.2 +passed .*\n +passed — \.github\/workflows\/release\.yml:30 scan fails on CRITICAL/);
    const json = JSON.parse((await runMain(['checklist', '--format', 'json', join(FIXTURES, 'bad')])).stdout) as { items: { id: string; state: string; evidenceMissing?: boolean }[] };
    assert.deepEqual(json.items.find((i) => i.id === 'CL-1.3.5'), { ...json.items.find((i) => i.id === 'CL-1.3.5'), state: 'failed', evidenceMissing: true });
  });

  it('the compliance report (HTML, Markdown) and the editor checklist carry the evidence', () => {
    const evidence = treeEvidence(diskTree(join(FIXTURES, 'good')));
    const statuses = checklistStatus({ results: [], kinds: new Set(['pipeline']), config: DEFAULT_CONFIG, evidence });
    const options = { lang: 'en' as const, baseUri: 'file:///', level: 'L2' as const, tool: { name: 'bollwerk', version: '0', informationUri: 'https://example.com' }, filesChecked: 1 };
    assert.match(checklistHtml(statuses, options), /<li>passed — \.github\/workflows\/release\.yml:30 scan fails on CRITICAL<\/li>/);
    assert.match(checklistMarkdown(statuses, { ...options, lang: 'de' }), /\| CL-1\.3\.5 \| ✔ erfüllt \| .* \| erfüllt — \.github\/workflows\/release\.yml:39 Image-Signatur/);
    const { response } = buildChecklist([], new Set(['pipeline']), DEFAULT_CONFIG, 1, 'r1', new Set(), evidence);
    assert.deepEqual(response.items.find((i) => i.id === 'CL-4.2.1')!.evidence!.map((h) => h.line), [18]);
  });
});
