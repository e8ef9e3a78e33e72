// The extension manifest points only at files that exist and that the VSIX ships.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
interface Manifest {
  main: string;
  icon: string;
  activationEvents: string[];
  contributes: {
    grammars: { path: string; injectTo: string[] }[];
    jsonValidation: { url: string }[];
    yamlValidation: { url: string }[];
    viewsContainers: { activitybar: { icon: string }[] };
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
    configuration: { properties: Record<string, unknown> };
    walkthroughs: { steps: { media: { markdown: string } }[] }[];
  };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  files: string[];
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
// the VSIX and the npm package both ship the manifest's `files` list (vsce allows no .vscodeignore beside it)
const shipped = pkg.files.map((f) => (f.endsWith('/') ? `${f}**` : f));
const globToRegExp = (g: string): RegExp => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '.+').replace(/\*/g, '[^/]+')}$`);
const isShipped = (p: string): boolean => shipped.some((g) => globToRegExp(g).test(p.replace(/^\.\//, '')));

describe('extension manifest', () => {
  it('references files that exist and are packaged', () => {
    const c = pkg.contributes;
    const paths = [
      pkg.icon,
      ...c.grammars.map((g) => g.path),
      ...c.jsonValidation.map((v) => v.url),
      ...c.yamlValidation.map((v) => v.url),
      ...c.viewsContainers.activitybar.map((a) => a.icon),
      ...c.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)),
    ];
    for (const p of paths) {
      assert.ok(existsSync(join(root, p)), `${p} does not exist`);
      assert.ok(isShipped(p), `${p} is not in the VSIX (package.json files)`);
    }
    assert.ok(isShipped(pkg.main) && isShipped('dist/server.js'), 'bundles are not packaged');
  });

  it('lists a command for every menu entry and the six settings', () => {
    const commands = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(pkg.contributes.menus)) for (const e of entries) assert.ok(commands.has(e.command), `${menu}: ${e.command}`);
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties).sort(), ['bollwerk.baseline.display', 'bollwerk.dockerfile.languageFeatures', 'bollwerk.level', 'bollwerk.pinning.enabled', 'bollwerk.pinning.insecureRegistries', 'bollwerk.rules', 'bollwerk.trace.server', 'bollwerk.trustedRegistries']);
    for (const key of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(key in pkg.contributes.configuration.properties, key);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('insecure registries are a machine setting (no workspace can set them) and restricted in untrusted workspaces', () => {
    const setting = (pkg.contributes.configuration.properties as Record<string, { scope?: string }>)['bollwerk.pinning.insecureRegistries'];
    assert.equal(setting?.scope, 'machine');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('bollwerk.pinning.insecureRegistries'));
  });

  it('activates on Dockerfiles, YAML, Compose and the view, and injects the grammar into both hosts', () => {
    for (const e of ['onLanguage:dockerfile', 'onLanguage:yaml', 'onLanguage:dockercompose', 'onView:bollwerk.checklist']) assert.ok(pkg.activationEvents.includes(e), e);
    assert.deepEqual(pkg.contributes.grammars.flatMap((g) => g.injectTo).sort(), ['source.dockerfile', 'source.yaml']);
  });
});
