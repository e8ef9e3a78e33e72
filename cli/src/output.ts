import { accessSync, constants, lstatSync, mkdirSync, statSync } from 'node:fs';
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
