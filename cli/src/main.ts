// The `bollwerk` command line (PRODUCT.md §3). `main` takes the arguments and an IO object and
// returns the exit code, so that tests can call it without spawning a process. The bin (launch.ts)
// gives the process its V8 settings (v8-flags.ts) before it loads this module.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ToolInfo } from '../../shared/src/report/index';
import { parseArgs, UsageError } from './args';
import { runBaselineCommand, runChecklist, runRules, runScan, type CliIo } from './commands';
import { helpText, langFromEnv } from './help';
import { makeFolders, openOutputFile } from './output';
import { escapeControls } from '../../shared/src/report/escape';

/** The package version, read from the package.json above this file (bundle or sources). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'bollwerk' && pkg.version) return pkg.version;
      } catch {
        // not ours; keep looking
      }
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}

/** Tool identity in reports. */
export function toolInfo(): ToolInfo {
  return { name: 'bollwerk', version: packageVersion() };
}

/** Runs the command line; returns the exit code (0 clean, 1 findings, 2 usage or internal error). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    switch (cmd.command) {
      case 'help':
        io.stdout.write(helpText(langFromEnv(io.env)));
        return 0;
      case 'version':
        io.stdout.write(`${packageVersion()}\n`);
        return 0;
      case 'rules':
        return runRules(cmd, io);
      case 'checklist':
        return runChecklist(cmd, io, toolInfo());
      case 'pin': {
        // loaded on demand, from a bundle of its own (esbuild.mjs): the registry client pulls in undici
        // and Node's HTTP, TLS and crypto modules, which a scan never needs
        const { runPin } = require('./pin') as typeof import('./pin');
        return await runPin(cmd.args, io);
      }
      case 'render': {
        // loaded on demand: the renderers are not needed by the other commands
        const { holdsKustomization, runRender } = await import('./render');
        if (holdsKustomization(cmd.args, io.cwd)) return (await import('./render-kustomize')).runRenderKustomize(cmd.args, io);
        return runRender(cmd.args, io);
      }
      case 'scan': {
        // the registry client comes with the pin bundle, loaded only when asked for
        const refine = cmd.resolveImages ? (require('./pin') as typeof import('./pin')).imageUserRefiner(io) : undefined;
        return await runScan(cmd, io, toolInfo(), refine);
      }
      case 'baseline':
        return runBaselineCommand(cmd, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`bollwerk: ${escapeControls(e.message)} (see bollwerk --help)\n`);
      return 2;
    }
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    io.stderr.write(`bollwerk: internal error: ${escapeControls(detail ?? '')}${io.env.BOLLWERK_DEBUG ? `\n${(e as Error).stack ?? ''}` : ''}\n`);
    return 2;
  }
}

let stdoutReady = false;

/**
 * The process's standard output, on first use given the handler for a closed pipe (`bollwerk … | head`
 * ends the output quietly). Node sets the stream up when it is first asked for, which took about a
 * millisecond: a scan that writes its report to --output never needs it.
 */
function stdout(): NodeJS.WriteStream {
  if (!stdoutReady) {
    stdoutReady = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
  return process.stdout;
}

/** The IO of the real process; its output streams are set up when first used. */
export function processIo(): CliIo {
  return {
    get stdout() {
      return stdout();
    },
    get stderr() {
      return process.stderr;
    },
    cwd: process.cwd(),
    env: process.env,
    writeFile: (path, text) => {
      makeFolders(dirname(path));
      writeFileSync(path, text);
    },
    openFile: openOutputFile,
  };
}

/** Runs the command line in this process: arguments from argv, the exit code into process.exitCode. */
export function runCli(): void {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`bollwerk: internal error: ${String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

// dist/cli.js (launch.ts) loads the bundle and calls runCli; run directly, the bundle runs itself
if (require.main === module) runCli();
