/**
 * Characters that must not reach a terminal as they are: C0 controls (line breaks, ESC), DEL, C1
 * controls (CSI, NEL), the Unicode line and paragraph separators, and bidirectional overrides,
 * which reorder what is shown.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Shows control characters of a file name, object name or message as escapes (`\n`, `\x1b`, `\u202e`), so that no line or terminal sequence can be forged. */
export function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
