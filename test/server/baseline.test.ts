import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { runMain, workspace } from '../cli/helpers';
import type { ChecklistFindingsResult, ChecklistResponse } from '../../shared/src/protocol';
import { startServer } from './lsp-client';

const OLD = 'FROM alpine:3.20\nRUN curl https://x | sh\n';

/** A folder whose .bollwerk.yaml names a baseline written by the command line over OLD. */
async function baselinedFolder(): Promise<{ dir: string; folder: string; uri: string }> {
  const dir = workspace({ Dockerfile: OLD, '.bollwerk.yaml': 'baseline: .bollwerk-baseline.json\n' });
  const w = await runMain(['baseline', '.'], { cwd: dir });
  assert.equal(w.code, 0, w.stderr);
  return { dir, folder: pathToFileURL(dir).href, uri: pathToFileURL(join(dir, 'Dockerfile')).href };
}

describe('baseline in the editor', () => {
  for (const lang of ['en', 'de'] as const) {
    it(`shows baselined findings as hints by default and new ones as usual (${lang})`, async () => {
      const { folder, uri } = await baselinedFolder();
      const c = startServer();
      try {
        c.settings[folder] = { lang };
        await c.initialize({ pull: false, folders: [folder] });
        // moved down two lines, and a new finding below
        c.open(uri, `# app\n\n${OLD}RUN wget -qO- https://y | bash\n`);
        const p = await c.waitForPublish(uri);
        const pipes = p.diagnostics.filter((d) => d.code === 'dockerfile/no-pipe-to-shell').map((d) => [d.range.start.line, d.severity, String(d.message).slice(0, 17)]);
        assert.deepEqual(pipes, [
          [3, 4, lang === 'de' ? 'In der Baseline: ' : 'In the baseline: '],
          [4, 1, pipes[1]![2]],
        ]);
        assert.doesNotMatch(String(pipes[1]![2]), /Baseline|baseline/);
      } finally {
        await c.stop();
      }
    });
  }

  it('hides baselined findings with bollwerk.baseline.display: hide', async () => {
    const { folder, uri } = await baselinedFolder();
    const c = startServer();
    try {
      c.settings[folder] = { baseline: { display: 'hide' } };
      await c.initialize({ pull: false, folders: [folder] });
      c.open(uri, `${OLD}RUN wget -qO- https://y | bash\n`);
      const p = await c.waitForPublish(uri);
      assert.deepEqual(p.diagnostics.filter((d) => d.code === 'dockerfile/no-pipe-to-shell').map((d) => d.range.start.line), [2]);
      assert.equal(p.diagnostics.filter((d) => d.severity === 4).length, 0);
    } finally {
      await c.stop();
    }
  });
});

describe('baseline in the checklist', () => {
  it('counts baselined findings apart: they neither fail an item nor appear among its findings', async () => {
    const { folder, uri } = await baselinedFolder();
    const c = startServer();
    try {
      await c.initialize({ pull: false, folders: [folder] });
      const before = await c.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', {});
      const pipeItems = (r: ChecklistResponse) => r.items.filter((i) => i.rules.includes('dockerfile/no-pipe-to-shell') && i.activeRules.includes('dockerfile/no-pipe-to-shell'));
      const findings = async (itemId: string) => (await c.connection.sendRequest<ChecklistFindingsResult>('bollwerk/checklistFindings', { itemId, limit: 1000 })).findings.filter((f) => f.ruleId === 'dockerfile/no-pipe-to-shell');
      assert.ok(pipeItems(before).length > 0);
      for (const i of pipeItems(before)) {
        assert.equal((await findings(i.id)).length, 0, i.id);
        assert.ok((i.baselined ?? 0) >= 1, i.id);
      }
      c.open(uri, `${OLD}RUN wget -qO- https://y | bash\n`);
      await c.waitForPublish(uri);
      const after = await c.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', {});
      for (const i of pipeItems(after)) {
        assert.equal(i.state, 'failed', i.id);
        assert.deepEqual((await findings(i.id)).map((f) => f.range.start.line), [2], i.id);
      }
    } finally {
      await c.stop();
    }
  });
});
