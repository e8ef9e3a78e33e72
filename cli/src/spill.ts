// Byte chunks put aside while a scan runs and read back when its report is written: in memory up to
// a limit, beyond it in a file of a private temporary folder, so that the memory a scan's findings
// take does not grow with the repository. The folder is removed when the spill is closed.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a chunk lies in the spill. */
export interface SpillRef {
  readonly offset: number;
  readonly length: number;
}

/** Chunks written once and read back by their reference. */
export interface Spill {
  put(bytes: Uint8Array): SpillRef;
  get(ref: SpillRef): Buffer;
  /** Bytes put so far. */
  readonly size: number;
  /** Whether the chunks went to a file. */
  readonly onDisk: boolean;
  /** Releases the memory and removes the file; safe to call more than once. */
  close(): void;
}

/** Chunks held in memory up to this many bytes together; the spill then moves them to a file. */
export const SPILL_MEMORY_BYTES = 16 * 1024 * 1024;

/**
 * A new spill; `memoryBytes` is how much it holds in memory before it uses a file, `dir` the folder
 * the file's folder is made in. Where no file can be made there, it keeps holding the chunks in memory.
 */
export function createSpill(memoryBytes: number = SPILL_MEMORY_BYTES, dir: string = tmpdir()): Spill {
  let held: Map<number, Uint8Array> | undefined = new Map();
  let folder: string | undefined;
  let fd: number | undefined;
  let size = 0;
  // a temporary folder that cannot be made or written keeps the chunks in memory: the scan goes on
  let noDisk = false;
  const toDisk = (): void => {
    try {
      folder = mkdtempSync(join(dir, 'bollwerk-scan-'));
      fd = openSync(join(folder, 'results.bin'), 'w+', 0o600);
      for (const [offset, bytes] of held!) writeAll(fd, bytes, offset);
      held = undefined;
    } catch {
      noDisk = true;
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
      folder = undefined;
    }
  };
  return {
    put(bytes) {
      const ref = { offset: size, length: bytes.length };
      if (held && !noDisk && size + bytes.length > memoryBytes) toDisk();
      if (held) held.set(size, bytes);
      else writeAll(fd!, bytes, size);
      size += bytes.length;
      return ref;
    },
    get(ref) {
      if (held) {
        const bytes = held.get(ref.offset);
        if (!bytes || bytes.length !== ref.length) throw new Error(`no chunk at ${ref.offset}`);
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      }
      const out = Buffer.allocUnsafe(ref.length);
      for (let read = 0; read < ref.length; ) {
        const n = readSync(fd!, out, read, ref.length - read, ref.offset + read);
        if (n === 0) throw new Error(`the spill file ended at ${ref.offset + read}`);
        read += n;
      }
      return out;
    },
    get size() {
      return size;
    },
    get onDisk() {
      return held === undefined;
    },
    close() {
      held = new Map();
      if (fd !== undefined) {
        closeSync(fd);
        fd = undefined;
      }
      if (folder !== undefined) {
        rmSync(folder, { recursive: true, force: true });
        folder = undefined;
      }
    },
  };
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written, position + written);
}
