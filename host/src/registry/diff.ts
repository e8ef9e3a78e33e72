/**
 * A unified diff of two texts whose lines correspond one to one (pinning edits text inside lines
 * and never adds or removes a line break), with three lines of context.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const lines = (t: string): string[] => (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
  const a = lines(before);
  const b = lines(after);
  if (a.length !== b.length) return `--- a/${path}\n+++ b/${path}\n@@ whole file changed @@\n`;
  const changed = a.flatMap((line, i) => (line !== b[i] ? [i] : []));
  if (changed.length === 0) return '';
  const hunks: { start: number; end: number }[] = [];
  for (const i of changed) {
    const start = Math.max(0, i - context);
    const end = Math.min(a.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && start <= last.end + 1) last.end = end;
    else hunks.push({ start, end });
  }
  let out = `--- a/${path}\n+++ b/${path}\n`;
  for (const h of hunks) {
    const count = h.end - h.start + 1;
    out += `@@ -${h.start + 1},${count} +${h.start + 1},${count} @@\n`;
    for (let i = h.start; i <= h.end; i++) {
      if (a[i] === b[i]) out += ` ${a[i]}\n`;
      else out += `-${a[i]}\n+${b[i]}\n`;
    }
  }
  return out;
}
