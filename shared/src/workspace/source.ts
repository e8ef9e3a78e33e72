import { isUtf8 } from 'node:buffer';
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, sep } from 'node:path';
import type { Note } from '../lint';

/** A file's text (BOM removed, `bom` remembers it for writing back), or why it was skipped. */
export type Source = { readonly text: string; readonly bom: boolean } | { readonly note: Note };

/**
 * readFileSync's options as one constant object: given the string 'utf8', Node copies its defaults
 * into a new object on every call, and each copy missed V8's megamorphic cache three times.
 */
const UTF8 = Object.freeze({ encoding: 'utf8', flag: 'r' } as const);

const note = (code: Note['code'], en: string, de: string): { note: Note } => ({ note: { code, message: { en, de } } });

/**
 * Reads a file as UTF-8 text, unless it is larger than `maxBytes`: the size is checked on the open
 * descriptor before anything is read (and the text again, for a file that grew meanwhile). Binary
 * content (NUL bytes), invalid UTF-8 and unreadable files become notes instead of exceptions.
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
    if (size > maxBytes) return tooLarge(size, maxBytes);
    // one native call reads and decodes the whole file; the checks below look at the text
    const text = readFileSync(fd, UTF8);
    // UTF-8 takes at least one byte per UTF-16 unit: a longer text is from a file that grew since fstat
    if (text.length > maxBytes) return tooLarge(text.length, maxBytes);
    // a NUL character comes only from a NUL byte
    if (text.includes('\0')) return note('binary', 'skipped: binary content (NUL bytes)', 'übersprungen: binärer Inhalt (NUL-Bytes)');
    // the decoder puts U+FFFD where bytes are not UTF-8; only then are the bytes looked at again
    if (text.includes('\uFFFD') && !isUtf8(readBytes(fd, size))) return note('invalid-utf8', 'skipped: not valid UTF-8', 'übersprungen: kein gültiges UTF-8');
    const bom = text.charCodeAt(0) === 0xfeff;
    return { text: bom ? text.slice(1) : text, bom };
  } catch (e) {
    return unreadable(e);
  } finally {
    closeSync(fd);
  }
}

const tooLarge = (size: number, maxBytes: number): { note: Note } =>
  note('too-large', `skipped: ${size} bytes, larger than maxFileBytes (${maxBytes})`, `übersprungen: ${size} Bytes, größer als maxFileBytes (${maxBytes})`);

/** The first `size` bytes of an open file, read from its start. */
function readBytes(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, buf, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return buf.subarray(0, read);
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
