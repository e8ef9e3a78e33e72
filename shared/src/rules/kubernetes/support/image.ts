import { parseImageReference } from '../../../facts/image-reference';
import { containersOf, type ContainerRef } from '../../../parse/kubernetes';
import { mapPair, scalarString, type Node, type Pair } from '../../../parse/yaml';
import type { YamlFile } from '../../../types';

/** True for references with variables (`$IMAGE`, `${TAG}`, `<image>`) that only a later step resolves. */
export const isTemplatedImage = (text: string): boolean => /[${}]|^<|>$/.test(text) || text.trim() === '';

/** The last path segment of the repository (`ghcr.io/acme/shop-api:1.2` → `shop-api`), lower-cased. */
export function imageBaseName(text: string): string {
  const name = parseImageReference(text).name;
  return name.slice(name.lastIndexOf('/') + 1).toLowerCase();
}

/** A container whose `image` is a concrete reference, with the pair that holds it (for ranges). */
export interface ContainerImage {
  readonly container: ContainerRef;
  readonly pair: Pair<Node, Node | null>;
  readonly image: string;
}

/** The containers of a file with a scalar, non-templated `image` (the ones image rules can judge). */
export function containerImages(file: YamlFile): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const container of containersOf(file)) {
    const pair = mapPair(container.node, 'image');
    const image = scalarString(pair?.value);
    if (pair && image !== undefined && !isTemplatedImage(image)) out.push({ container, pair, image });
  }
  return out;
}
