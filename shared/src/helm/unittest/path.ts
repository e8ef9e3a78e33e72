// The paths of helm-unittest assertions and `set` keys: `a.b[0].c`, `data["x.yaml"]`, `list[*].name`;
// a key may hold `/` (`metadata.labels.traefik/powpow`).

/** One step of a path: a map key, a list index, or every list element. */
export type Step = { readonly key: string } | { readonly index: number } | { readonly all: true };

/** Parses a path; throws on a malformed one. */
export function parsePath(text: string): Step[] {
  const path = text.trim().replace(/^"(.*)"$/s, '$1');
  const steps: Step[] = [];
  let i = 0;
  let key = '';
  const flush = (): void => {
    if (key !== '') steps.push({ key });
    key = '';
  };
  while (i < path.length) {
    const c = path[i]!;
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const end = path.indexOf(']', i);
      if (end < 0) throw new Error(`invalid path ${text}: missing ]`);
      const inner = path.slice(i + 1, end).trim();
      const quoted = /^(["'])(.*)\1$/s.exec(inner);
      if (quoted) {
        // a quoted key may hold ']' itself
        const close = path.indexOf(`${quoted[1]}]`, i + 2);
        steps.push({ key: path.slice(i + 2, close) });
        i = close + 2;
        continue;
      }
      if (inner === '*') steps.push({ all: true });
      else if (/^[0-9]+$/.test(inner)) steps.push({ index: Number(inner) });
      else throw new Error(`invalid path ${text}: bad index [${inner}]`);
      i = end + 1;
    } else {
      key += c;
      i++;
    }
  }
  flush();
  return steps;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The values a path reaches in a document ([*] fans out); empty when it reaches nothing. */
export function evaluate(doc: unknown, steps: readonly Step[]): unknown[] {
  let current: unknown[] = [doc];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if ('key' in step) {
        if (isRecord(v) && Object.prototype.hasOwnProperty.call(v, step.key)) next.push(v[step.key]);
      } else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (Array.isArray(v)) next.push(...v);
    }
    current = next;
  }
  return current;
}

/** Merges map b into map a in place, b winning (maps merge deeply). */
function mergeInto(a: Record<string, unknown>, b: Record<string, unknown>): void {
  for (const k of Object.keys(b)) {
    const x = a[k];
    const y = b[k];
    if (isRecord(x) && isRecord(y)) mergeInto(x, y);
    else a[k] = y;
  }
}

/** Sets a value at a path, creating maps and lists on the way and merging a map into a map there (helm-unittest's `set`). */
export function setPath(root: Record<string, unknown>, steps: readonly Step[], value: unknown): void {
  let cur: unknown = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const last = i === steps.length - 1;
    const nextStep = steps[i + 1];
    const fresh = (): unknown => (nextStep && 'index' in nextStep ? [] : Object.create(null));
    if ('key' in step && isRecord(cur)) {
      const existing = cur[step.key];
      if (last && isRecord(existing) && isRecord(value)) mergeInto(existing, value);
      else if (last) cur[step.key] = value;
      else {
        if (cur[step.key] === null || typeof cur[step.key] !== 'object') cur[step.key] = fresh();
        cur = cur[step.key];
      }
    } else if ('index' in step && Array.isArray(cur)) {
      while (cur.length <= step.index) cur.push(null);
      if (last) cur[step.index] = value;
      else {
        if (cur[step.index] === null || typeof cur[step.index] !== 'object') cur[step.index] = fresh();
        cur = cur[step.index];
      }
    } else throw new Error('cannot set a value through a scalar or with [*]');
  }
}
