// Shared helpers of the CLI tests: run `main` in-process with captured streams, spawn the built
// bundle, and make throw-away workspaces in the temp directory.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { main } from '../../cli/src/main';

/** The repository root. */
export const ROOT = resolve(__dirname, '../..');
/** The built CLI bundle. */
export const CLI = join(ROOT, 'dist/cli.js');
/** The sample workspace of the README. */
export const SAMPLE = join(ROOT, 'test/fixtures/sample');

/** What a CLI run produced. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files written through --output, by absolute path. */
  readonly written: Map<string, string>;
}

/** Runs `main` in-process with captured output; the environment has no locale unless given. */
export async function runMain(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    writeFile: (path, text) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      written.set(path, text);
    },
  });
  return { code, stdout, stderr, written };
}

/** Builds dist/ once per test process (for the tests that spawn the real bin). */
let built = false;
export function buildOnce(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  built = true;
}

/** Spawns `node dist/cli.js args…`. */
export function spawnCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
// node --test runs each test file in its own process: the directories it made go when it ends
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory, removed when the test process exits. */
export function tempDir(prefix = 'bollwerk-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A temp directory holding the given files (path → content). */
export function workspace(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** A temp copy of the sample workspace. */
export function sampleCopy(): string {
  const dir = tempDir();
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}
