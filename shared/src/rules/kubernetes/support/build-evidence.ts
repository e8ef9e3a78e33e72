import { URI } from 'vscode-uri';
import { composeServices, lookup } from '../../../parse/compose';
import { composeBuild } from '../../../parse/compose-settings';
import { getIn } from '../../../parse/kubernetes';
import { mapGet, scalarString, seqItems, type YamlFile } from '../../../parse/yaml';
import { dockerfileUri } from '../../compose/support/build-context';
import { imageBaseName, isTemplatedImage } from './image';

/** Evidence that a Dockerfile of the workspace is built as an image: the image's base name and the Dockerfile's URI. */
export interface BuiltImage {
  /** Last repository segment, lower-cased (`ghcr.io/acme/shop-api:1` → `shop-api`). */
  readonly name: string;
  /** The Dockerfile's URI as vscode-uri writes it. */
  readonly dockerfileUri: string;
}

/** A URI in the form vscode-uri writes it (so URIs from different sources compare); the text itself when it cannot be parsed. */
export function canonicalUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

function built(image: string | undefined, uri: string | undefined): BuiltImage[] {
  if (image === undefined || uri === undefined || isTemplatedImage(image)) return [];
  return [{ name: imageBaseName(image), dockerfileUri: canonicalUri(uri) }];
}

/** Compose services that build a local Dockerfile and name the image (`build:` beside `image:`). */
export function composeBuiltImages(file: YamlFile): BuiltImage[] {
  if (file.kind !== 'compose') return [];
  return composeServices(file).flatMap((service) => {
    const build = composeBuild(service);
    if (!build || build.inline) return [];
    return built(scalarString(lookup(service, 'image')?.value), dockerfileUri(service.file.uri, build.context, build.dockerfile));
  });
}

/** Skaffold `build.artifacts` (`image`, `context`, `docker.dockerfile`) of a skaffold.yaml read as a manifest. */
export function skaffoldBuiltImages(file: YamlFile): BuiltImage[] {
  if (file.kind !== 'kubernetes') return [];
  return file.objects.flatMap((o) => {
    if (!/^skaffold\//.test(o.apiVersion)) return [];
    return seqItems(getIn(o.node, ['build', 'artifacts'])).flatMap((artifact) => {
      const context = scalarString(mapGet(artifact, 'context')) ?? '.';
      const dockerfile = scalarString(getIn(artifact, ['docker', 'dockerfile'])) ?? 'Dockerfile';
      return built(scalarString(mapGet(artifact, 'image')), dockerfileUri(file.uri, context, dockerfile));
    });
  });
}
