import { isUtf8 } from 'node:buffer';
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, sep } from 'node:path';
import { CHART_FILE, isChartFile, isKustomizationFile } from '../../../shared/src/deployable-names';
import type { Note } from '../../../shared/src/lint';

/** A file's text (BOM removed, `bom` remembers it for writing back), or why it was skipped. */
export type Source = { readonly text: string; readonly bom: boolean } | { readonly note: Note };

/**
 * readFileSync's options as one constant object: given the string 'utf8', Node copies its defaults
 * into a new object on every call, and each copy missed V8's megamorphic cache three times.
 */
const UTF8 = Object.freeze({ encoding: 'utf8', flag: 'r' } as const);

/**
 * The same for a path, opened non-blocking, so that a named pipe put in a regular file's place
 * cannot hang the scan. Node takes numeric flags wherever it takes flags (they pass through the
 * same conversion as fs.open's); its type declarations name only strings for readFileSync.
 */
const UTF8_NONBLOCKING = Object.freeze({ encoding: 'utf8', flag: (constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)) as unknown as string } as const);

const note = (code: Note['code'], en: string, de: string): { note: Note } => ({ note: { code, message: { en, de } } });

/**
 * Reads a file as UTF-8 text, unless it is larger than `maxBytes`: the size is checked on the open
 * descriptor before anything is read (and the text again, for a file that grew meanwhile). Binary
 * content (NUL bytes), invalid UTF-8 and unreadable files become notes instead of exceptions.
 *
 * `knownSize` is the size of a regular file that the caller has just taken from a stat of `path`
 * (a file named on the command line). The file is then read in one native call, without a
 * descriptor of its own: open, fstat, read and close cost a third of the time of reading the
 * file when each is a call. A file that changed in between is still handled: one that grew past
 * `maxBytes` is read whole before its text's length finds it too large (the one case where this
 * path reads more than the limit), a directory fails to read, and a named pipe is opened non-blocking.
 */
export function readSource(path: string, maxBytes: number, knownSize?: number): Source {
  if (knownSize !== undefined && knownSize <= maxBytes) {
    let text: string;
    try {
      text = readFileSync(path, UTF8_NONBLOCKING);
    } catch (e) {
      return unreadable(e);
    }
    // what needs the bytes again (U+FFFD: invalid UTF-8 or not) is read through a descriptor below
    if (!text.includes('\uFFFD')) return checked(text, maxBytes);
  }
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
    // the decoder puts U+FFFD where bytes are not UTF-8; only then are the bytes looked at again
    if (text.length <= maxBytes && !text.includes('\0') && text.includes('\uFFFD') && !isUtf8(readBytes(fd, size))) {
      return note('invalid-utf8', 'skipped: not valid UTF-8', 'übersprungen: kein gültiges UTF-8');
    }
    return checked(text, maxBytes);
  } catch (e) {
    return unreadable(e);
  } finally {
    closeSync(fd);
  }
}

/** The text of a file read whole, or why it is skipped: too large, or binary. */
function checked(text: string, maxBytes: number): Source {
  // UTF-8 takes at least one byte per UTF-16 unit: a longer text is from a file that grew since its size was taken
  if (text.length > maxBytes) return tooLarge(text.length, maxBytes);
  // a NUL character comes only from a NUL byte
  if (text.includes('\0')) return note('binary', 'skipped: binary content (NUL bytes)', 'übersprungen: binärer Inhalt (NUL-Bytes)');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom };
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

/** The first `bytes` bytes of a file as text (invalid UTF-8 replaced), or undefined when it cannot be read. */
export function readHead(path: string, bytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.allocUnsafe(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Whether each folder lies in a Helm chart, by folder path: a scan asks for every file. */
const chartFolders = new Map<string, boolean>();

/**
 * True when a file lies in a folder tree with a `Chart.yaml` in its own folder or any folder
 * above: a Helm chart, whose files are templates until rendered. Only `Chart.yaml` makes a chart,
 * as for Helm's loader (and for {@link chartRoots}).
 */
export function inChartTree(path: string): boolean {
  return chartFolder(dirname(path));
}

function chartFolder(dir: string): boolean {
  const known = chartFolders.get(dir);
  if (known !== undefined) return known;
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const parent = dirname(dir);
  const found = existsSync(`${prefix}${CHART_FILE}`) || (parent !== dir && chartFolder(parent));
  if (chartFolders.size > 100_000) chartFolders.clear();
  chartFolders.set(dir, found);
  return found;
}

/** The chart folders among scanned files: folders holding a `Chart.yaml`, not inside another such folder (a subchart is rendered with its parent). */
export function chartRoots(files: readonly string[]): string[] {
  const dirs = files.filter(isChartFile).map((f) => dirname(f)).sort();
  return dirs.filter((d) => !dirs.some((o) => o !== d && (d.startsWith(`${o}/`) || d.startsWith(`${o}\\`))));
}

/** True when the files hold a chart or a kustomization: a scan then runs the deploy stages (deployables.ts). */
export function hasDeployables(files: readonly string[]): boolean {
  return files.some((f) => isChartFile(f) || isKustomizationFile(f));
}

/** Whether a `.dockerignore` (or `<Dockerfile name>.dockerignore`) sits beside a Dockerfile. */
export function hasDockerignore(dockerfilePath: string): boolean {
  const dir = dirname(dockerfilePath);
  // joined by hand: asked for every Dockerfile of a scan, and the directory of a path is already normal
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return existsSync(`${prefix}.dockerignore`) || existsSync(`${prefix}${basename(dockerfilePath)}.dockerignore`);
}
