import { isLatestTag, type ImageReference } from '../facts/image-reference';

/** How a reference without digest picks its image over time: `latest`, no tag at all, or a tag that names no version. */
export type FloatingTag = 'latest' | 'untagged' | 'versionless';

/** Release code names that are versions of the distribution images themselves (`debian:bookworm`, `ubuntu:noble`); `sid` is not one. */
const CODENAMES = new Set([
  'jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'duke', 'trusty', 'xenial', 'bionic', 'focal', 'jammy', 'noble',
  'oracular', 'plucky', 'questing', 'resolute',
]);
/** Images whose tags name distribution releases: Debian, Ubuntu and images that are those releases plus tools. */
const DISTRIBUTIONS = new Set(['library/debian', 'library/ubuntu', 'library/buildpack-deps', 'bitnami/minideb']);
const ARCH_PREFIX = /^(?:amd64|arm64v8|arm32v[5-7]|i386|ppc64le|s390x|riscv64|mips64le)\//;

/**
 * Whether the tag floats like `latest`: `latest`, no tag, or a tag without any digit (`slim`,
 * `alpine`, `lts`, `stable`, `prod`), which moves to the next major version as `latest` does. A
 * code name counts as a version of Debian or Ubuntu themselves, not of an image built on them
 * (`python:slim-bookworm` floats over Python versions). Undefined for a digest, a variable or a tag with a version.
 */
export function floatingTag(ref: ImageReference): FloatingTag | undefined {
  if (ref.digest !== null || ref.variable) return undefined;
  if (ref.tag === null) return 'untagged';
  if (isLatestTag(ref.tag)) return 'latest';
  const tag = ref.tag.toLowerCase();
  if (/\d/.test(tag)) return undefined;
  const repository = ref.repository.toLowerCase().replace(ARCH_PREFIX, 'library/');
  if (DISTRIBUTIONS.has(repository) && tag.split(/[-_.]/).some((part) => CODENAMES.has(part))) return undefined;
  return 'versionless';
}
