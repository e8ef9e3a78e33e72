// What the workspace rules collect of a file is kept until a scan ends (the CLI) or for as long as
// the workspace is open (the language server). The strings a rule collects are slices of the file's
// text; kept as they are, each would keep the whole text alive. Workspace facts are a copy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintText, type WorkspaceFacts } from '../../shared/src/lint';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/**
 * A manifest with a workload and its image, padded with a comment of `bytes` (ASCII, so one byte
 * per character). The image and container name are plain scalars of 13 characters or more, which
 * V8 keeps as slices of the text.
 */
const manifest = (n: number, bytes: number): string =>
  `# ${String(n).repeat(bytes)}\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api-${n}, namespace: shop}\nspec:\n  selector: {matchLabels: {app: api-${n}}}\n  template:\n    metadata: {labels: {app: api-${n}}}\n    spec:\n      containers:\n        - name: container-with-a-long-name-${n}\n          image: registry.example.com/team/api-${n}:1.0.0\n`;

describe('workspace facts', () => {
  it('keep nothing of the text of the file they were collected from', () => {
    const files = 20;
    const bytes = 1_000_000;
    const before = heapUsed();
    const kept: WorkspaceFacts[] = [];
    for (let n = 0; n < files; n++) {
      const report = lintText(`file:///w/api-${n}.yaml`, manifest(n, bytes), { config: DEFAULT_CONFIG });
      assert.ok(report.workspace, 'the workspace rules collected facts');
      assert.ok(JSON.stringify(report.workspace.facts).includes(`registry.example.com/team/api-${n}:1.0.0`));
      kept.push(report.workspace);
    }
    const grown = heapUsed() - before;
    // 20 texts of 1 MB: slices kept in the facts would hold all of them (31 MB measured so)
    assert.ok(grown < 10_000_000, `${(grown / 1e6).toFixed(1)} MB kept for ${kept.length} files' facts`);
  });
});
