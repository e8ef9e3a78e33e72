import { defineYamlRule } from '../../define';
import { parseImageReference } from '../../facts/image-reference';
import { containerName } from '../../parse/kubernetes';
import type { RawFinding } from '../../types';
import { findingOn, valueRange } from './support/findings';
import { containerImages } from './support/image';

/**
 * Images not pinned by digest. Each finding carries `data.pin.reference` (the image text) with
 * its range on the image value, for the registry-backed pin-digest quick-fix of the editor.
 */
export const pinImageDigest = defineYamlRule({
  id: 'k8s/pin-image-digest',
  kind: 'kubernetes',
  title: { en: 'Pin images by digest', de: 'Images per Digest festlegen' },
  severity: 'info',
  levels: ['L3'],
  references: ['CSVS-3.6', 'CL-1.2.2', 'OTC-C1'],
  equivalents: ['checkov:CKV_K8S_43', 'kube-linter:image-not-pinned-by-digest'],
  messages: {
    default: {
      en: 'Image "{image}" of container "{container}" is not pinned by digest; reference it as name:tag@sha256:….',
      de: 'Image "{image}" des Containers "{container}" ist nicht per Digest festgelegt; als name:tag@sha256:… referenzieren.',
    },
  },
  docs: {
    rationale: {
      en: 'A tag can be moved to other content at any time; only the digest names exactly the image that was reviewed and scanned.',
      de: 'Ein Tag kann jederzeit auf anderen Inhalt zeigen; nur der Digest benennt genau das geprüfte und gescannte Image.',
    },
    fix: { en: 'Use the quick-fix "Pin digest", which asks the registry for the digest, or append @sha256:… yourself.', de: 'Den Quick-Fix "Digest festlegen" nutzen, der die Registry nach dem Digest fragt, oder @sha256:… selbst anhängen.' },
    bad: 'image: nginx:1.27.3',
    good: 'image: nginx:1.27.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const { container: c, pair, image } of containerImages(file)) {
      if (parseImageReference(image).digest) continue;
      out.push(findingOn(c.pod.object, valueRange(c.pod.document, pair), { args: { image, container: containerName(c) }, data: { pin: { reference: image } } }));
    }
    return out;
  },
});
