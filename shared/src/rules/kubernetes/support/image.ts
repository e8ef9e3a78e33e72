import { parseImageReference, type ImageReference } from '../../../parse/images';

/** Parses an image reference (shared with the Dockerfile and Compose rules). */
export const parseImage = (text: string): ImageReference => parseImageReference(text);

/** True for references with variables (`$IMAGE`, `${TAG}`, `<image>`) that only a later step resolves. */
export const isTemplatedImage = (text: string): boolean => /[${}]|^<|>$/.test(text) || text.trim() === '';

/** The last path segment of the repository (`ghcr.io/acme/shop-api:1.2` → `shop-api`), lower-cased. */
export function imageBaseName(text: string): string {
  const name = parseImageReference(text).name;
  return name.slice(name.lastIndexOf('/') + 1).toLowerCase();
}
