import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DOCKERFILE_EXTENSIONS, dockerfileFeaturesWanted, featuresSetting } from '../../client/src/dockerfile-features';

const none = (): boolean => false;
const only = (id: string) => (x: string): boolean => x === id;

describe('bollwerk.dockerfile.languageFeatures', () => {
  it('auto: on unless Docker DX, Docker or Container Tools is installed', () => {
    assert.equal(dockerfileFeaturesWanted('auto', none), true);
    for (const id of ['docker.docker', 'ms-azuretools.vscode-docker', 'ms-azuretools.vscode-containers']) assert.equal(dockerfileFeaturesWanted('auto', only(id)), false, id);
    assert.equal(dockerfileFeaturesWanted('auto', only('redhat.vscode-yaml')), true);
  });

  it('on and off win over installed extensions', () => {
    assert.equal(dockerfileFeaturesWanted('on', only('ms-azuretools.vscode-docker')), true);
    assert.equal(dockerfileFeaturesWanted('off', none), false);
  });

  it('reads unknown values as auto', () => {
    assert.equal(featuresSetting('on'), 'on');
    assert.equal(featuresSetting('off'), 'off');
    assert.equal(featuresSetting(true), 'auto');
    assert.equal(featuresSetting(undefined), 'auto');
  });

  it('the manifest contributes the setting with the same values, described in English and German', () => {
    const root = join(__dirname, '..', '..');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[]; default?: unknown; enumDescriptions?: string[] }> } } };
    const setting = manifest.contributes.configuration.properties['bollwerk.dockerfile.languageFeatures']!;
    assert.deepEqual(setting.enum, ['auto', 'on', 'off']);
    assert.equal(setting.default, 'auto');
    for (const file of ['package.nls.json', 'package.nls.de.json']) {
      const nls = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>;
      for (const key of setting.enumDescriptions!.map((d) => d.slice(1, -1))) assert.ok(nls[key], `${file}: ${key}`);
      for (const id of DOCKERFILE_EXTENSIONS) assert.ok(nls['config.dockerfile.languageFeatures.auto']!.includes(id), `${file} names ${id}`);
    }
  });
});
