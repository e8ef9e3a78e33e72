import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { Localized } from '../../../shared/src/types';

/** Why a file was not written back. */
export type WriteSkip = 'outside' | 'hard-link' | 'changed' | 'not-file' | 'error';

/** The outcome of writing one file back: written, or skipped with a message for the user. */
export type WriteOutcome = { readonly written: true } | { readonly written: false; readonly skip: WriteSkip; readonly message: Localized };

/** The real paths of the scanned roots, against which every write is checked. */
export interface WriteRoots {
  readonly real: readonly string[];
}

/** Resolves the roots once (links and `..` removed); a root that does not exist is left out. */
export function writeRoots(roots: readonly string[]): WriteRoots {
  const real: string[] = [];
  for (const r of roots) {
    try {
      real.push(realpathSync(r));
    } catch {
      // nothing under it can be written either
    }
  }
  return { real };
}

const inside = (path: string, roots: WriteRoots): boolean => roots.real.some((r) => path === r || path.startsWith(r.endsWith(sep) ? r : r + sep));

const skip = (kind: WriteSkip, en: string, de: string): WriteOutcome => ({ written: false, skip: kind, message: { en, de } });

/**
 * Writes `next` over a file that held `expected` when it was read, or says why not:
 * - a file whose real path (after links) lies outside the scanned roots is not written;
 * - a file with more than one hard link is not written (another name may lie outside the roots);
 * - a file whose content is no longer `expected` is not written (an edit made meanwhile stays);
 * - otherwise the text goes to a new temporary file in the same folder (created exclusively, with
 *   the file's mode and, where allowed, its owner) that is then renamed over the real file, so a
 *   reader sees the old or the new text and a link stays a link.
 */
export function writeBack(path: string, expected: string, next: string, roots: WriteRoots): WriteOutcome {
  let real: string;
  try {
    real = lstatSync(path).isSymbolicLink() ? realpathSync(path) : realpathSync(dirname(path)) + sep + basename(path);
  } catch (e) {
    return failed(e);
  }
  if (!inside(real, roots)) {
    return skip('outside', `not written: it is a link to ${real}, outside the scanned folders`, `nicht geschrieben: Verweis auf ${real}, außerhalb der geprüften Ordner`);
  }
  try {
    const st = statSync(real);
    if (!st.isFile()) return skip('not-file', 'not written: not a regular file', 'nicht geschrieben: keine reguläre Datei');
    if (st.nlink > 1) {
      return skip('hard-link', `not written: the file has ${st.nlink} hard links, which may lie outside the scanned folders`, `nicht geschrieben: die Datei hat ${st.nlink} harte Verweise, die außerhalb der geprüften Ordner liegen können`);
    }
    if (readFileSync(real, 'utf8') !== expected) {
      return skip('changed', 'not written: the file changed since it was read; run again', 'nicht geschrieben: die Datei wurde seit dem Lesen geändert; erneut ausführen');
    }
    replace(real, next, st.mode & 0o7777, st.uid, st.gid);
    return { written: true };
  } catch (e) {
    return failed(e);
  }
}

function failed(e: unknown): WriteOutcome {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  return skip('error', `not written (${code})`, `nicht geschrieben (${code})`);
}

/** Writes a temporary file beside `path` and renames it over `path`. */
function replace(path: string, text: string, mode: number, uid: number, gid: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.bollwerk-tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    writeFileSync(fd, text);
    try {
      fchownSync(fd, uid, gid);
    } catch {
      // only the owner's own files can be given away; the mode still carries over
    }
    fchmodSync(fd, mode);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}
