import { accessSync, closeSync, constants, lstatSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const coded = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code });

/**
 * Makes the missing folders of `dir`, one at a time from the first that exists. Node's recursive
 * mkdir retries without end where a folder cannot be made although its parent exists
 * (`/proc/self/x`: ENOENT under an existing folder); here any failure is thrown at once.
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const st = lstatSync(d, { throwIfNoEntry: false });
    if (st) {
      if (!(st.isDirectory() || (st.isSymbolicLink() && statSync(d).isDirectory()))) throw coded('ENOTDIR', `${d} is not a folder`);
      break;
    }
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/** Checks before any work that `--output` can be written: its folders exist or are made, and it is no folder and writable. */
export function prepareOutput(path: string): void {
  makeFolders(dirname(path));
  const st = statSync(path, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw coded('EISDIR', `${path} is a folder`);
  accessSync(st ? path : dirname(path), constants.W_OK);
}

/** A file written piece by piece. */
export interface OpenFile {
  write(text: string): void;
  close(): void;
}

/** Opens `path` for writing (truncated), its folders made first; pieces are written as they come. */
export function openOutputFile(path: string): OpenFile {
  makeFolders(dirname(path));
  const fd = openSync(path, 'w');
  return {
    write: (text) => {
      writeFileSync(fd, text);
    },
    close: () => closeSync(fd),
  };
}

/** Bytes of report text gathered before they are written out: few writes, little held. */
const BLOCK_CHARS = 64 * 1024;

/** Gathers small pieces of text into blocks for `out`; `flush` writes what is left. */
export function blockWriter(out: (text: string) => void): { write: (text: string) => void; flush: () => void } {
  let parts: string[] = [];
  let chars = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    const text = parts.join('');
    parts = [];
    chars = 0;
    out(text);
  };
  return {
    write: (text) => {
      parts.push(text);
      chars += text.length;
      if (chars >= BLOCK_CHARS) flush();
    },
    flush,
  };
}
