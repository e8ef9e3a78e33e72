// `bollwerk render DIR`: prints what `kustomize build DIR` prints. The tree is read from the disk root,
// so bases outside DIR (`../base`) resolve as kustomize resolves them; only local files are read.
import { resolve } from 'node:path';
import { buildKustomization, type BuildOptions } from '../../shared/src/kustomize/build';
import { diskTree } from '../../host/src/workspace/file-tree';
import { UsageError } from './args';
import type { CliIo } from './commands';

/** Parsed `render` arguments for a kustomization folder. */
export interface RenderKustomizeArgs {
  readonly dir: string;
  readonly options: BuildOptions;
}

const REORDER = ['legacy', 'none'] as const;
const RESTRICTORS = ['LoadRestrictionsRootOnly', 'LoadRestrictionsNone'] as const;

/** Parses `DIR [--reorder legacy|none] [--load-restrictor …]`; throws UsageError. */
export function parseRenderArgs(args: readonly string[]): RenderKustomizeArgs {
  let dir: string | undefined;
  let reorder: BuildOptions['reorder'];
  let loadRestrictor: BuildOptions['loadRestrictor'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      if (dir !== undefined) throw new UsageError(`'bollwerk render' takes one folder (got '${dir}' and '${arg}')`);
      dir = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (name === '--reorder') {
      if (!REORDER.includes(value as never)) throw new UsageError(`invalid value '${value ?? ''}' for --reorder (expected legacy|none)`);
      reorder = value as BuildOptions['reorder'];
    } else if (name === '--load-restrictor') {
      if (!RESTRICTORS.includes(value as never)) throw new UsageError(`invalid value '${value ?? ''}' for --load-restrictor (expected ${RESTRICTORS.join('|')})`);
      loadRestrictor = value as BuildOptions['loadRestrictor'];
    } else throw new UsageError(`unknown option ${name}`);
  }
  if (dir === undefined) throw new UsageError("'bollwerk render' needs a folder");
  return { dir, options: { ...(reorder ? { reorder } : {}), ...(loadRestrictor ? { loadRestrictor } : {}) } };
}

/** Builds the kustomization and prints it; 0 on success, 1 when the build fails, 2 for usage errors. */
export function runRenderKustomize(args: readonly string[], io: CliIo): number {
  let parsed: RenderKustomizeArgs;
  try {
    parsed = parseRenderArgs(args);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`bollwerk: ${e.message} (see bollwerk --help)\n`);
      return 2;
    }
    throw e;
  }
  const abs = resolve(io.cwd, parsed.dir);
  const result = buildKustomization(diskTree('/'), abs.slice(1), parsed.options);
  if (!result.ok) {
    const where = result.error.file ? ` (/${result.error.file}${result.error.line ? `:${result.error.line}` : ''})` : '';
    io.stderr.write(`Error: ${result.error.message}${where}\n`);
    return 1;
  }
  io.stdout.write(result.yaml);
  return 0;
}
