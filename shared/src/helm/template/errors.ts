/**
 * The errors of parsing and executing templates. Messages are worded as Go's text/template words
 * them, since Helm prints them and its error goldens compare them.
 */

/** Where a template error happened. */
export type TemplateErrorKind = 'parse' | 'exec' | 'limit';

/** A parse or execution error: `template: NAME:LINE:COL: …` as Go prints it. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly kind: TemplateErrorKind,
    /** The name of the file (parse name) the error is in. */
    readonly templateName: string,
    /** 1-based line, 0 when unknown. */
    readonly line: number,
    /** Go's column: the 0-based byte offset in the line; -1 for parse errors, which name a line only. */
    readonly column: number,
    /** The message after the location and context, e.g. `nil pointer evaluating interface {}.y`. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TemplateError';
  }
}

/** What a template function throws to fail: the message is what Go's error value would say. */
export class FuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuncError';
  }
}

/** True when the error (or one it wraps) is a limit stop: depth, steps or output size. */
export function isLimitError(e: unknown): boolean {
  for (let x: unknown = e, i = 0; x instanceof Error && i < 100; x = x.cause, i++) {
    if (x instanceof TemplateError && x.kind === 'limit') return true;
  }
  return false;
}
