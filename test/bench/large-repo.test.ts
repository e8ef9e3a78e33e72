// The large-repository part of `npm run bench` ((8), test/bench/large-repo.mjs) measures the
// language server through test/bench/large-repo-server.mjs: run here on a small folder, so that the
// two files keep fitting together (the bench itself runs only with `npm run bench`).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(join(ROOT, 'test/bench', file)).href)) as T;

interface Row {
  side: string;
  what: string;
  one: { wallMs: number; cpuMs: number; maxRssKb: number };
  ten: { wallMs: number; cpuMs: number; maxRssKb: number };
}
interface Goal {
  what: string;
  value: number;
  unit: string;
  met: boolean;
}

it('the server side of the large-repository bench measures dist/server.js and reports beside the CLI', async () => {
  const { measureLargeRepoServer } = await load<{ measureLargeRepoServer: (w: unknown, o: unknown) => Promise<{ rows: Row[]; goals: Goal[] }> }>('large-repo-server.mjs');
  const { largeRepoReport } = await load<{ largeRepoReport: (r: unknown) => string[] }>('large-repo.mjs');
  const folder = join(ROOT, 'test/fixtures/sample');
  const server = await measureLargeRepoServer({ one: folder, ten: folder, copies: 2, files: { one: 3, ten: 3 } }, { log: () => undefined });
  assert.equal(server.rows.length, 1);
  const [row] = server.rows;
  assert.equal(row!.side, 'server');
  for (const m of [row!.one, row!.ten]) {
    assert.ok(m.wallMs > 0 && Number.isFinite(m.cpuMs) && m.maxRssKb > 10 * 1024, JSON.stringify(m));
  }
  assert.deepEqual(server.goals.map((g) => g.unit), ['MB', 'ms', 'MB', 'ms']);
  for (const g of server.goals) assert.ok(Number.isFinite(g.value), g.what);
  const cli: Row = { side: 'cli', what: 'bollwerk scan --format json', one: { wallMs: 1000, cpuMs: 900, maxRssKb: 100 * 1024 }, ten: { wallMs: 9000, cpuMs: 8000, maxRssKb: 300 * 1024 } };
  const lines = largeRepoReport({ files: { one: 3, ten: 6 }, copies: 2, rows: [cli, ...server.rows], goals: server.goals });
  assert.ok(lines.some((l) => /^\s+server\s+bollwerk\/scanWorkspace\s+[\d.]+ s, [\d.]+ s, \d+ MB/.test(l)), lines.join('\n'));
  assert.ok(!lines.some((l) => l.includes('not present')), lines.join('\n'));
  assert.ok(lines.some((l) => /server peak RSS on 2 copies ≤ 800 MB .*: \d+ MB (met|NOT met)$/.test(l)), lines.join('\n'));
});
