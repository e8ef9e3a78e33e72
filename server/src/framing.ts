import { Transform, type TransformCallback } from 'node:stream';

/** Longest header block accepted (the LSP sends two short fields). */
export const MAX_HEADER_BYTES = 8 * 1024;
/** Largest message body accepted. */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

const FIELD = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');

/** The body length a header block (without its final empty line) announces, or what is wrong with it. */
export function parseHeader(block: string): { readonly length: number } | { readonly problem: string } {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const m = FIELD.exec(line);
    if (!m) return { problem: `header line ${JSON.stringify(line.slice(0, 80))} is not 'Name: value'` };
    if (m[1]!.toLowerCase() !== 'content-length') continue;
    const value = m[2]!;
    if (!/^\d{1,12}$/.test(value)) return { problem: `Content-Length ${JSON.stringify(value.slice(0, 40))} is not a byte count` };
    const n = Number(value);
    if (n > MAX_BODY_BYTES) return { problem: `Content-Length ${n} is larger than ${MAX_BODY_BYTES}` };
    if (length !== undefined && length !== n) return { problem: 'two different Content-Length fields' };
    length = n;
  }
  return length === undefined ? { problem: 'no Content-Length field' } : { length };
}

/**
 * Checks the framing of a base-protocol stream (`Content-Length: n\r\n\r\n` + n bytes) before the
 * JSON-RPC reader sees it, and passes it on unchanged. The reader of vscode-jsonrpc stops answering
 * after some malformed headers (a negative length, a line without a colon) without a word; once a
 * header is malformed, where the next message starts is unknown, so this stream reports the
 * problem once and passes nothing more (the server then exits and the client restarts it).
 */
export class FramingGuard extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private failed = false;

  constructor(private readonly onMalformed: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (!this.failed && data.length > 0) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, data.length);
        this.push(data.subarray(0, n));
        this.remaining -= n;
        data = data.subarray(n);
        continue;
      }
      const header = this.pending.length ? Buffer.concat([this.pending, data]) : data;
      const end = header.indexOf(CRLFCRLF);
      const bare = header.indexOf(LFLF);
      if (bare !== -1 && (end === -1 || bare < end)) return this.fail('header lines must end with CRLF', done);
      if (end === -1) {
        if (header.length > MAX_HEADER_BYTES) return this.fail(`no end of the header within ${MAX_HEADER_BYTES} bytes`, done);
        this.pending = Buffer.from(header);
        break;
      }
      if (end > MAX_HEADER_BYTES) return this.fail(`no end of the header within ${MAX_HEADER_BYTES} bytes`, done);
      const parsed = parseHeader(header.subarray(0, end).toString('latin1'));
      if ('problem' in parsed) return this.fail(parsed.problem, done);
      this.push(header.subarray(0, end + 4));
      this.remaining = parsed.length;
      data = header.subarray(end + 4);
      this.pending = Buffer.alloc(0);
    }
    done();
  }

  private fail(problem: string, done: TransformCallback): void {
    this.failed = true;
    this.pending = Buffer.alloc(0);
    this.onMalformed(problem);
    done();
  }
}
