import { defineYamlRule } from '../../define';
import { parseImageReference } from '../../facts/image-reference';
import { containerName } from '../../parse/kubernetes';
import type { RawFinding } from '../../types';
import { findingOn, valueRange } from './support/findings';
import { floatingTag } from '../../parse/image-tags';
import { containerImages } from './support/image';

/** Images referenced by `latest`, without any tag, or by a tag that names no version. */
export const imageLatestTag = defineYamlRule({
  id: 'k8s/image-latest-tag',
  kind: 'kubernetes',
  title: { en: 'Do not use the latest tag or untagged images', de: 'Kein latest-Tag und keine Images ohne Tag verwenden' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-1.2.2', 'ART-2.4'],
  equivalents: ['kube-linter:latest-tag', 'checkov:CKV_K8S_14', 'trivy:KSV013'],
  messages: {
    default: {
      en: 'Image "{image}" of container "{container}" uses the latest tag; pin a version (and a digest).',
      de: 'Image "{image}" des Containers "{container}" nutzt das Tag latest; eine Version (und einen Digest) festlegen.',
    },
    versionless: {
      en: 'Image "{image}" of container "{container}" uses the tag {tag}, which names no version and moves like latest; pin a version (and a digest).',
      de: 'Image "{image}" des Containers "{container}" nutzt das Tag {tag}, das keine Version nennt und wie latest weiterzieht; eine Version (und einen Digest) festlegen.',
    },
    untagged: {
      en: 'Image "{image}" of container "{container}" has no tag, which means latest; pin a version (and a digest).',
      de: 'Image "{image}" des Containers "{container}" hat kein Tag, also latest; eine Version (und einen Digest) festlegen.',
    },
  },
  docs: {
    rationale: {
      en: 'latest changes under the same name: deployments stop being reproducible and a rollback may pull different code. Tags without any version (alpine, slim, stable, lts) change the same way.',
      de: 'latest ändert sich unter demselben Namen: Deployments sind nicht mehr reproduzierbar, und ein Rollback kann anderen Code laden. Tags ohne jede Version (alpine, slim, stable, lts) ändern sich genauso.',
    },
    fix: { en: 'Reference a fixed version tag, ideally with its digest.', de: 'Ein festes Versions-Tag referenzieren, am besten mit Digest.' },
    bad: 'image: nginx:latest',
    good: 'image: nginx:1.27.3',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const { container: c, pair, image } of containerImages(file)) {
      const ref = parseImageReference(image);
      const floating = floatingTag(ref);
      if (!floating) continue;
      const messageId = floating === 'latest' ? 'default' : floating;
      out.push(findingOn(c.pod.object, valueRange(c.pod.document, pair), { messageId, args: { image, container: containerName(c), ...(floating === 'versionless' ? { tag: ref.tag ?? '' } : {}) } }));
    }
    return out;
  },
});
