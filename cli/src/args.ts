import type { Lang, Level } from '../../shared/src/types';

/** Output formats of `scan`. */
export type ScanFormat = 'text' | 'json' | 'sarif' | 'gitlab';
/** Output formats of `checklist`. */
export type ChecklistFormat = 'text' | 'json' | 'markdown' | 'html';
/** Threshold of `--fail-on`. */
export type FailOn = 'error' | 'warning' | 'info' | 'never';

/** Options every command shares. */
interface Common {
  readonly output: string | undefined;
  readonly lang: Lang | undefined;
  readonly level: Level | undefined;
  readonly config: string | undefined;
}

/** A parsed command line. */
export type Command =
  | { readonly command: 'help' }
  | { readonly command: 'version' }
  | (Common & { readonly command: 'scan'; readonly paths: string[]; readonly format: ScanFormat; readonly fix: boolean; readonly failOn: FailOn; readonly includeTestData: boolean; readonly resolveImages: boolean; readonly baseline: string | undefined })
  | (Common & { readonly command: 'baseline'; readonly paths: string[]; readonly check: boolean; readonly baseline: string | undefined; readonly includeTestData: boolean })
  | (Common & { readonly command: 'rules'; readonly format: 'text' | 'json' })
  | (Common & { readonly command: 'checklist'; readonly paths: string[]; readonly format: ChecklistFormat; readonly includeTestData: boolean })
  | { readonly command: 'pin'; readonly args: string[] }
  | { readonly command: 'render'; readonly args: string[] };

/** A usage error: one line for the user. */
export class UsageError extends Error {}

const VALUES: Record<string, readonly string[] | null> = {
  '--format': null, // checked per command
  '--output': null,
  '--level': ['L1', 'L2', 'L3'],
  '--fail-on': ['error', 'warning', 'info', 'never'],
  '--config': null,
  '--lang': ['en', 'de'],
  '--baseline': null,
};
type Named = 'scan' | 'rules' | 'checklist' | 'baseline';
const FORMATS: Record<Named, readonly string[]> = {
  scan: ['text', 'json', 'sarif', 'gitlab'],
  baseline: [],
  rules: ['text', 'json'],
  checklist: ['text', 'json', 'markdown', 'html'],
};
const FLAGS: Record<Named, readonly string[]> = {
  scan: ['--format', '--output', '--fix', '--level', '--fail-on', '--config', '--lang', '--include-test-data', '--resolve-images', '--baseline'],
  baseline: ['--output', '--check', '--baseline', '--level', '--config', '--lang', '--include-test-data'],
  rules: ['--format', '--output', '--level', '--lang'],
  checklist: ['--format', '--output', '--level', '--config', '--lang', '--include-test-data'],
};
/** Options without a value. */
const SWITCHES = new Set(['--fix', '--include-test-data', '--resolve-images', '--check']);

const list = (values: readonly string[]): string => values.join('|');

/** Parses the arguments after `bollwerk`; throws UsageError with a one-line message. */
export function parseArgs(argv: readonly string[]): Command {
  const first = argv[0];
  if (first === 'pin') return { command: 'pin', args: argv.slice(1) };
  if (first === 'render') return { command: 'render', args: argv.slice(1) };
  const command = first === 'scan' || first === 'rules' || first === 'checklist' || first === 'baseline' ? first : 'scan';
  const rest = command === first ? argv.slice(1) : argv;
  const values = new Map<string, string>();
  const paths: string[] = [];
  const switches = new Set<string>();
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    if (arg === '--version' || arg === '-v') return { command: 'version' };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!FLAGS[command].includes(name)) {
      throw new UsageError(FLAGS.scan.includes(name) || FLAGS.baseline.includes(name) ? `option ${name} does not apply to 'bollwerk ${command}'` : `unknown option ${name}`);
    }
    if (SWITCHES.has(name)) {
      if (eq > 0) throw new UsageError(`option ${name} takes no value`);
      switches.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = rest[++i];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`option ${name} needs a value`);
    }
    const allowed = name === '--format' ? FORMATS[command] : VALUES[name];
    if (allowed && !allowed.includes(value)) throw new UsageError(`invalid value '${value}' for ${name} (expected ${list(allowed)})`);
    if (value === '') throw new UsageError(`option ${name} needs a value`);
    values.set(name, value);
  }
  const common: Common = {
    output: values.get('--output'),
    lang: values.get('--lang') as Lang | undefined,
    level: values.get('--level') as Level | undefined,
    config: values.get('--config'),
  };
  if (command === 'rules') {
    if (paths.length) throw new UsageError(`'bollwerk rules' takes no paths (got '${paths[0]}')`);
    return { ...common, command, format: (values.get('--format') ?? 'text') as 'text' | 'json' };
  }
  const scanPaths = paths.length ? paths : ['.'];
  const includeTestData = switches.has('--include-test-data');
  if (command === 'baseline') return { ...common, command, paths: scanPaths, check: switches.has('--check'), baseline: values.get('--baseline'), includeTestData };
  if (command === 'checklist') return { ...common, command, paths: scanPaths, format: (values.get('--format') ?? 'text') as ChecklistFormat, includeTestData };
  return { ...common, command, paths: scanPaths, format: (values.get('--format') ?? 'text') as ScanFormat, fix: switches.has('--fix'), failOn: (values.get('--fail-on') ?? 'error') as FailOn, includeTestData, resolveImages: switches.has('--resolve-images'), baseline: values.get('--baseline') };
}
