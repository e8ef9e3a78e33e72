import { defineDockerfileRule } from '../../define';
import { floatingTag } from '../../parse/image-tags';
import { parseImageReference } from '../../facts/image-reference';
import type { RawFinding } from '../../types';
import { imageUses } from './support/images';

/** How the message spells a versioned tag of the same variant (`node:alpine` → `node:<version>-alpine`). */
const versionedExample = (name: string, tag: string): string => `${name}:<version>-${tag}`;

/** FROM without a tag, with `:latest`, or with a tag that names no version (`node:alpine`). */
export const noLatestTag = defineDockerfileRule({
  id: 'dockerfile/no-latest-tag',
  kind: 'dockerfile',
  title: { en: 'Tag base images with a version, not latest', de: 'Basis-Images mit Version taggen, nicht latest' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-1.2.2', 'ART-1.1', 'ART-2.4'],
  equivalents: ['hadolint:DL3006', 'hadolint:DL3007', 'checkov:CKV_DOCKER_7', 'trivy:DS001'],
  messages: {
    latest: {
      en: 'The image {image} uses the tag latest, which changes with every release; name a version.',
      de: 'Das Image {image} verwendet den Tag latest, der sich mit jedem Release ändert; eine Version angeben.',
    },
    versionless: {
      en: 'The image {image} uses the tag {tag}, which names no version and moves to every new release like latest; name a version (e.g. {example}).',
      de: 'Das Image {image} verwendet den Tag {tag}, der keine Version nennt und wie latest mit jedem Release weiterzieht; eine Version angeben (z. B. {example}).',
    },
    missing: {
      en: 'The image {image} has no tag, so Docker uses latest, which changes with every release; name a version.',
      de: 'Das Image {image} hat keinen Tag, Docker verwendet also latest, der sich mit jedem Release ändert; eine Version angeben.',
    },
  },
  docs: {
    rationale: {
      en: 'latest is whatever was pushed last: builds are not reproducible, and a new major version can arrive unnoticed. Tags without any version (slim, alpine, lts, stable) move the same way. A version tag (better: tag plus digest) makes the base explicit and reviewable.',
      de: 'latest ist, was zuletzt gepusht wurde: Builds sind nicht reproduzierbar, und eine neue Hauptversion kann unbemerkt ankommen. Tags ohne jede Version (slim, alpine, lts, stable) ziehen genauso weiter. Ein Versions-Tag (besser: Tag plus Digest) macht die Basis explizit und prüfbar.',
    },
    fix: { en: 'Name an explicit version, e.g. `node:20.11-slim`.', de: 'Eine explizite Version angeben, z. B. `node:20.11-slim`.' },
    bad: 'FROM node',
    good: 'FROM node:20.11-slim',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    for (const use of imageUses(file)) {
      if (use.via !== 'from') continue;
      const ref = parseImageReference(use.text);
      const floating = floatingTag(ref);
      if (floating === 'untagged') findings.push({ range: use.range, messageId: 'missing', args: { image: use.text }, objectRange: use.stage.range });
      else if (floating) {
        const tagRange = use.stage.from.getImageTagRange() ?? use.range;
        const args: Record<string, string> = floating === 'latest' ? { image: use.text } : { image: use.text, tag: ref.tag ?? '', example: versionedExample(ref.name, ref.tag ?? '') };
        findings.push({ range: tagRange, messageId: floating, args, objectRange: use.stage.range });
      }
    }
    return findings;
  },
});
