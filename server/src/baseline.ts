// The baseline in the editor: `baseline:` of the folder's `.bollwerk.yaml` names the file; findings
// it lists are hidden or shown as hints (`bollwerk.baseline.display`), and the checklist counts them
// apart. Fingerprints are the command line's (shared/src/baseline), so both agree on what is new.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { parseBaseline } from '../../shared/src/baseline/file';
import { fingerprintFile } from '../../shared/src/baseline/fingerprint';
import type { Result } from '../../shared/src/types';

/** A loaded baseline: its fingerprints and the directory its file paths are relative to. */
export interface LoadedBaseline {
  readonly fingerprints: ReadonlySet<string>;
  readonly dir: string;
}

/** Reads the baseline a folder's configuration names; undefined (with a log line) when it cannot be used. */
export async function loadBaseline(folderUri: string, file: string | undefined, log: (m: string) => void): Promise<LoadedBaseline | undefined> {
  const folder = URI.parse(folderUri);
  if (file === undefined || folder.scheme !== 'file') return undefined;
  const path = join(folder.fsPath, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    log(`baseline ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
  const parsed = parseBaseline(text);
  if ('problem' in parsed) {
    log(`baseline ${path}: ${parsed.problem}`);
    return undefined;
  }
  return { fingerprints: new Set(parsed.baseline.entries.map((e) => e.fingerprint)), dir: dirname(path) };
}

/** The results of one file (its text given) that the baseline lists. */
export function baselinedResults(baseline: LoadedBaseline | undefined, uri: string, text: string | undefined, results: readonly Result[]): ReadonlySet<Result> {
  const file = URI.parse(uri);
  if (!baseline || results.length === 0 || file.scheme !== 'file') return new Set();
  const rel = relative(baseline.dir, file.fsPath).split(sep).join('/');
  return new Set(fingerprintFile(rel, text, results).filter((f) => baseline.fingerprints.has(f.fingerprint)).map((f) => f.result));
}

/** Reads a closed file's text for fingerprinting (undefined when it cannot be read). */
export async function diskText(uri: string): Promise<string | undefined> {
  try {
    return await readFile(URI.parse(uri).fsPath, 'utf8');
  } catch {
    return undefined;
  }
}
