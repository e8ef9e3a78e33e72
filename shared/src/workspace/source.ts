import { isUtf8 } from 'node:buffer';
import { closeSync, constants, existsSync, openSync, readSync, fstatSync } from 'node:fs';
import { basename, dirname, sep } from 'node:path';
import type { Note } from '../lint';

/** A file's text (BOM removed, `bom` remembers it for writing back), or why it was skipped. */
export type Source = { readonly text: string; readonly bom: boolean } | { readonly note: Note };

const note = (code: Note['code'], en: string, de: string): { note: Note } => ({ note: { code, message: { en, de } } });

/**
 * Reads a file as UTF-8 text without ever loading more than `maxBytes`: the size is checked on
 * the open descriptor first. Binary content (NUL bytes), invalid UTF-8 and unreadable files
 * become notes instead of exceptions.
 */
export function readSource(path: string, maxBytes: number): Source {
  let fd: number;
  try {
    // non-blocking, so that a named pipe given as a path cannot hang the scan
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return unreadable(e);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return note('unreadable', 'skipped: not a regular file', 'übersprungen: keine reguläre Datei');
    const size = stat.size;
    if (size > maxBytes) return note('too-large', `skipped: ${size} bytes, larger than maxFileBytes (${maxBytes})`, `übersprungen: ${size} Bytes, größer als maxFileBytes (${maxBytes})`);
    const buf = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = buf.subarray(0, read);
    if (bytes.includes(0)) return note('binary', 'skipped: binary content (NUL bytes)', 'übersprungen: binärer Inhalt (NUL-Bytes)');
    // isUtf8 is the native equivalent of a fatal TextDecoder, without building the string twice
    if (!isUtf8(bytes)) return note('invalid-utf8', 'skipped: not valid UTF-8', 'übersprungen: kein gültiges UTF-8');
    const text = bytes.toString('utf8');
    const bom = text.charCodeAt(0) === 0xfeff;
    return { text: bom ? text.slice(1) : text, bom };
  } catch (e) {
    return unreadable(e);
  } finally {
    closeSync(fd);
  }
}

function unreadable(e: unknown): { note: Note } {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  return note('unreadable', `skipped: cannot be read (${code})`, `übersprungen: nicht lesbar (${code})`);
}

/** Whether a `.dockerignore` (or `<Dockerfile name>.dockerignore`) sits beside a Dockerfile. */
export function hasDockerignore(dockerfilePath: string): boolean {
  const dir = dirname(dockerfilePath);
  // joined by hand: asked for every Dockerfile of a scan, and the directory of a path is already normal
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return existsSync(`${prefix}.dockerignore`) || existsSync(`${prefix}${basename(dockerfilePath)}.dockerignore`);
}
