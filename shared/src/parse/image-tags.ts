import type { ImageReference } from './images';

/** How a reference without digest picks its image over time: `latest`, no tag at all, or a tag that names no version. */
export type FloatingTag = 'latest' | 'untagged' | 'versionless';

/** Release code names that are versions of the distribution images themselves (`debian:bookworm`, `ubuntu:noble`). */
const CODENAMES = new Set([
  'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'xenial', 'bionic', 'focal', 'jammy', 'noble', 'oracular', 'plucky',
]);
const DISTRIBUTIONS = new Set(['library/debian', 'library/ubuntu']);

/**
 * Whether the tag floats like `latest`: `latest`, no tag, or a tag without any digit (`slim`,
 * `alpine`, `lts`, `stable`, `prod`), which moves to the next major version as `latest` does. A
 * code name counts as a version of Debian or Ubuntu themselves, not of an image built on them
 * (`python:slim-bookworm` floats over Python versions). Undefined for a digest, a variable or a tag with a version.
 */
export function floatingTag(ref: ImageReference): FloatingTag | undefined {
  if (ref.digest !== null || ref.variable) return undefined;
  if (ref.tag === null) return 'untagged';
  const tag = ref.tag.toLowerCase();
  if (tag === 'latest') return 'latest';
  if (/\d/.test(tag)) return undefined;
  if (DISTRIBUTIONS.has(ref.repository.toLowerCase()) && tag.split(/[-_.]/).some((part) => CODENAMES.has(part))) return undefined;
  return 'versionless';
}
