import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { collapseIds, withRuleTables } from '../../scripts/readme-tables';

// docs/rules.md is the target of every diagnostic's codeDescription link and of SARIF helpUri, and
// the README's rule tables are what a reader compares tools by: both must show the catalogue as it is.
it('docs/rules.md, the README rule tables and CHECKABLE.md are generated from the current catalogue', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-docs.ts', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `generated docs are out of date; run \`npx tsx scripts/generate-docs.ts\`\n${r.stdout}${r.stderr}`);
});

it('the README tables replace only what stands between their markers', () => {
  const kinds = ['dockerfile', 'compose', 'kubernetes', 'pipeline'];
  const readme = kinds.map((k) => `intro ${k}\n<!-- rules:${k} -->\nold table\n<!-- /rules:${k} -->\nafter ${k}`).join('\n');
  const out = withRuleTables(readme);
  assert.ok(!out.includes('old table'));
  for (const k of kinds) assert.match(out, new RegExp(`intro ${k}\\n<!-- rules:${k} -->\\n\\| Rule \\| Severity [^]*?\\n<!-- /rules:${k} -->\\nafter ${k}`));
  assert.match(out, /\| `dockerfile\/prefer-copy` \| warning \| /);
  assert.match(out, /<!-- rules:pipeline -->\n[^]*\| `ci\/workflow-permissions` \| warning \| [^]*<!-- \/rules:pipeline -->/);
  assert.throws(() => withRuleTables('no markers'), /rules:dockerfile/);
});

it('long numbered runs of peer ids are shortened, short ones kept whole', () => {
  const run = Array.from({ length: 15 }, (_, i) => `checkov:CKV2_DOCKER_${i + 2}`);
  assert.deepEqual(collapseIds(['hadolint:DL3002', ...run, 'trivy:DS001']), ['hadolint:DL3002', 'checkov:CKV2_DOCKER_2…16', 'trivy:DS001']);
  assert.deepEqual(collapseIds(['trivy:KSV008', 'trivy:KSV009', 'trivy:KSV010']), ['trivy:KSV008', 'trivy:KSV009', 'trivy:KSV010']);
});
