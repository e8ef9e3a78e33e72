// Reads a gzip-compressed tar archive (a packaged chart) into memory, bounded: Helm refuses
// archives that unpack to more than its limits, and so does this reader.
import { gunzipSync } from 'fflate';

/** One regular file of an archive. */
export interface TarFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Limits on what an archive may unpack to. */
export interface TarLimits {
  readonly maxTotalBytes: number;
  readonly maxFileBytes: number;
  readonly maxFiles: number;
}

/** Helm's defaults (pkg/chart/loader/archive: 100 MiB decompressed, 5 MiB per file), with a file count bound added. */
export const DEFAULT_TAR_LIMITS: TarLimits = { maxTotalBytes: 100 * 1024 * 1024, maxFileBytes: 5 * 1024 * 1024, maxFiles: 20_000 };

/** A broken or oversized archive. */
export class ArchiveError extends Error {}

const decoder = new TextDecoder();

function field(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return decoder.decode(end < 0 ? slice : slice.subarray(0, end));
}

function octal(block: Uint8Array, offset: number, length: number): number {
  if ((block[offset]! & 0x80) !== 0) {
    // base-256 encoding of large sizes
    let v = 0;
    for (let i = offset + 1; i < offset + length; i++) v = v * 256 + block[i]!;
    return v;
  }
  const text = field(block, offset, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new ArchiveError('archive/tar: invalid tar header');
  return parseInt(text, 8);
}

function paxPath(data: Uint8Array): string | undefined {
  const text = decoder.decode(data);
  let found: string | undefined;
  let i = 0;
  while (i < text.length) {
    const space = text.indexOf(' ', i);
    if (space < 0) break;
    const len = Number(text.slice(i, space));
    if (!Number.isInteger(len) || len <= 0) break;
    const record = text.slice(space + 1, i + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0 && record.slice(0, eq) === 'path') found = record.slice(eq + 1);
    i += len;
  }
  return found;
}

/** Un-gzips and reads a tar archive; only regular files are returned, in archive order. */
export function readTarGz(bytes: Uint8Array, limits: TarLimits = DEFAULT_TAR_LIMITS): TarFile[] {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(bytes);
  } catch (e) {
    throw new ArchiveError(`gzip: invalid header${e instanceof Error && e.message ? ` (${e.message})` : ''}`);
  }
  if (tar.length > limits.maxTotalBytes) throw new ArchiveError(`decompressed chart is larger than the maximum size ${limits.maxTotalBytes}`);
  return readTar(tar, limits);
}

/** Reads an uncompressed tar archive. */
export function readTar(tar: Uint8Array, limits: TarLimits = DEFAULT_TAR_LIMITS): TarFile[] {
  const files: TarFile[] = [];
  let offset = 0;
  let longName: string | undefined;
  let pax: string | undefined;
  while (offset + 512 <= tar.length) {
    const block = tar.subarray(offset, offset + 512);
    if (block.every((b) => b === 0)) break;
    const size = octal(block, 124, 12);
    const type = String.fromCharCode(block[156]!);
    const dataStart = offset + 512;
    if (dataStart + size > tar.length) throw new ArchiveError('unexpected EOF');
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = decoder.decode(data).replace(/\0+$/, '');
      continue;
    }
    if (type === 'x') {
      pax = paxPath(data);
      continue;
    }
    if (type === 'g') continue;
    const magic = field(block, 257, 6);
    const prefix = magic.startsWith('ustar') ? field(block, 345, 155) : '';
    const name = longName ?? pax ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100));
    longName = undefined;
    pax = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') continue;
    if (size > limits.maxFileBytes) throw new ArchiveError(`decompressed chart file "${name}" is larger than the maximum file size ${limits.maxFileBytes}`);
    if (files.length >= limits.maxFiles) throw new ArchiveError(`archive holds more than ${limits.maxFiles} files`);
    files.push({ name, data: data.slice() });
  }
  return files;
}
