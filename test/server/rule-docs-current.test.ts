import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';

// docs/rules.md is the target of every diagnostic's codeDescription link and of SARIF helpUri:
// it must list every rule of the catalogue as it is now.
it('docs/rules.md is generated from the current catalogue', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/server/generate-rule-docs.ts', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `docs/rules.md is out of date; run \`npx tsx test/server/generate-rule-docs.ts\`\n${r.stdout}${r.stderr}`);
});
