/**
 * Whether the server offers its Dockerfile language features (completion, formatting, symbols, …).
 * Docker's extension and Microsoft's Container Tools offer the same features from the same library,
 * so with `auto` they stay off while one of them is installed: completion would list everything twice.
 */

/** The `bollwerk.dockerfile.languageFeatures` setting. */
export type DockerfileFeaturesSetting = 'auto' | 'on' | 'off';

/** Extensions that bring dockerfile-language-service's features themselves: Docker DX, Docker (Microsoft), Container Tools. */
export const DOCKERFILE_EXTENSIONS: readonly string[] = ['docker.docker', 'ms-azuretools.vscode-docker', 'ms-azuretools.vscode-containers'];

/** The setting's value; anything else counts as `auto`. */
export function featuresSetting(raw: unknown): DockerfileFeaturesSetting {
  return raw === 'on' || raw === 'off' ? raw : 'auto';
}

/** True when the features should be on, given the setting and which extensions are installed. */
export function dockerfileFeaturesWanted(setting: DockerfileFeaturesSetting, installed: (id: string) => boolean): boolean {
  if (setting !== 'auto') return setting === 'on';
  return !DOCKERFILE_EXTENSIONS.some(installed);
}
