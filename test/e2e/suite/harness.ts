// A small test harness for the extension host: no test framework can be loaded there without
// bundling, and the runner needs only names, durations and errors.
import * as vscode from 'vscode';

/** The outcome of one test. */
export interface TestResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

interface TestCase {
  readonly name: string;
  readonly fn: () => Promise<void>;
  readonly timeoutMs: number;
}

const cases: TestCase[] = [];

/** Registers a test; tests run in registration order and may build on each other's state. */
export function test(name: string, fn: () => Promise<void>, timeoutMs = 30_000): void {
  cases.push({ name, fn, timeoutMs });
}

function withTimeout(p: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Runs every registered test; a failing test does not stop the others. */
export async function runAll(log: (line: string) => void): Promise<TestResult[]> {
  const results: TestResult[] = [];
  // BOLLWERK_E2E_GREP (run.mjs --grep) runs only the tests whose name contains it
  const grep = process.env.BOLLWERK_E2E_GREP;
  for (const c of grep ? cases.filter((x) => x.name.includes(grep)) : cases) {
    const start = Date.now();
    try {
      await withTimeout(c.fn(), c.timeoutMs, c.name);
      results.push({ name: c.name, ok: true, ms: Date.now() - start });
      log(`✔ ${c.name} (${Date.now() - start} ms)`);
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      results.push({ name: c.name, ok: false, ms: Date.now() - start, error });
      log(`✖ ${c.name} (${Date.now() - start} ms)\n${error}`);
    }
  }
  return results;
}

/**
 * Waits until `probe` returns a value other than undefined/false, re-checking whenever one of
 * `events` fires and at least every 100 ms, until the deadline. Never a fixed sleep.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, options: { timeoutMs?: number; events?: vscode.Event<unknown>[] } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let wake: (() => void) | undefined;
  const subscriptions = (options.events ?? []).map((e) => e(() => wake?.()));
  try {
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(100, left));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    for (const s of subscriptions) s.dispose();
  }
}

/** Throws with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Throws unless the two values are equal (compared as JSON). */
export function equal<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
