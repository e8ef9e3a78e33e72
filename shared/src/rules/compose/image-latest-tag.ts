import { defineYamlRule } from '../../define';
import { lookup } from '../../parse/compose';
import { floatingTag } from '../../parse/image-tags';
import { parseImageReference } from '../../facts/image-reference';
import { scalarString } from '../../parse/yaml';
import { eachService } from './common';

/** `image:` with the `latest` tag, no tag at all (which means `latest`), or a tag that names no version. */
export const imageLatestTag = defineYamlRule({
  id: 'compose/image-latest-tag',
  kind: 'compose',
  title: { en: 'Use a fixed image tag, not latest', de: 'Ein festes Image-Tag verwenden, nicht latest' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-1.2.2', 'ART-2.4'],
  messages: {
    latest: {
      en: 'Service "{service}" uses image {image} with the tag latest; name a fixed version tag (and pin its digest).',
      de: 'Service "{service}" verwendet das Image {image} mit dem Tag latest; ein festes Versions-Tag angeben (und den Digest fixieren).',
    },
    versionless: {
      en: 'Service "{service}" uses image {image} with the tag {tag}, which names no version and moves like latest; name a fixed version tag (and pin its digest).',
      de: 'Service "{service}" verwendet das Image {image} mit dem Tag {tag}, das keine Version nennt und wie latest weiterzieht; ein festes Versions-Tag angeben (und den Digest fixieren).',
    },
    untagged: {
      en: 'Service "{service}" uses image {image} without a tag, which means latest; name a fixed version tag (and pin its digest).',
      de: 'Service "{service}" verwendet das Image {image} ohne Tag, also latest; ein festes Versions-Tag angeben (und den Digest fixieren).',
    },
  },
  docs: {
    rationale: {
      en: '`latest` (or no tag, or a tag without any version such as `alpine` or `stable`) is whatever was pushed last: two hosts can run different code, a rebuild pulls in unreviewed changes and a rollback has nothing to roll back to.',
      de: '`latest` (oder kein Tag, oder ein Tag ohne jede Version wie `alpine` oder `stable`) ist, was zuletzt hochgeladen wurde: zwei Hosts können unterschiedlichen Code ausführen, ein Neubau zieht ungeprüfte Änderungen herein und ein Rollback hat kein Ziel.',
    },
    fix: {
      en: 'Name a version tag (`postgres:16.4`), ideally immutable, and pin the digest (`postgres:16.4@sha256:…`, quick-fix of compose/pin-image-digest).',
      de: 'Ein Versions-Tag angeben (`postgres:16.4`), möglichst unveränderlich, und den Digest fixieren (`postgres:16.4@sha256:…`, Schnellkorrektur von compose/pin-image-digest).',
    },
    bad: 'services:\n  db:\n    image: postgres:latest',
    good: 'services:\n  db:\n    image: postgres:16.4',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service) => {
      const entry = lookup(service, 'image');
      const image = scalarString(entry?.value)?.trim();
      if (!entry || !image) return [];
      const ref = parseImageReference(image);
      const floating = floatingTag(ref);
      if (!floating) return [];
      // A service that builds names its result with `image:`; an untagged or versionless name there is the build's tag, not a pull.
      if (floating !== 'latest' && lookup(service, 'build')) return [];
      const args = { service: service.name, image, ...(floating === 'versionless' ? { tag: ref.tag ?? '' } : {}) };
      return [{ range: service.document.rangeOf(entry.value), messageId: floating, args }];
    });
  },
});
