import { defineYamlRule } from '../../define';
import { parseImageReference } from '../../facts/image-reference';
import { containerName } from '../../parse/kubernetes';
import { mapPair, scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, replaceFix, setFix, valueRange, withFix } from './support/findings';
import { containerImages } from './support/image';

/** Images pulled from the node's cache although their tag may have moved. */
export const imagePullPolicy = defineYamlRule({
  id: 'k8s/image-pull-policy',
  kind: 'kubernetes',
  title: { en: 'Pull tag-referenced images with imagePullPolicy: Always', de: 'Per Tag referenzierte Images mit imagePullPolicy: Always laden' },
  severity: 'info',
  levels: ['L3'],
  references: ['CL-1.2.2'],
  equivalents: ['checkov:CKV_K8S_15'],
  messages: {
    default: {
      en: 'Container "{container}" uses imagePullPolicy {policy} with an image that is not pinned by digest; the node may run a cached, outdated or unauthorised copy. Use Always or pin the digest.',
      de: 'Container "{container}" nutzt imagePullPolicy {policy} mit einem Image ohne Digest; der Knoten kann eine zwischengespeicherte, veraltete oder unberechtigte Kopie starten. Always verwenden oder den Digest festlegen.',
    },
  },
  docs: {
    rationale: {
      en: 'With IfNotPresent a node reuses whatever image it cached under the tag, and pods without pull credentials can start private images another pod pulled.',
      de: 'Mit IfNotPresent nutzt ein Knoten das Image, das er unter dem Tag zwischengespeichert hat, und Pods ohne Zugangsdaten können private Images starten, die ein anderer Pod geladen hat.',
    },
    fix: { en: 'Pin the image by digest, or set imagePullPolicy: Always.', de: 'Das Image per Digest festlegen oder imagePullPolicy: Always setzen.' },
    bad: 'image: app:1.0\nimagePullPolicy: IfNotPresent',
    good: 'image: app:1.0\nimagePullPolicy: Always',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const { container: c, pair: imagePair, image } of containerImages(file)) {
      const ref = parseImageReference(image);
      if (ref.digest) continue;
      const policyPair = mapPair(c.node, 'imagePullPolicy');
      // Kubernetes defaults to Always for latest and untagged images, else to IfNotPresent.
      const policy = scalarString(policyPair?.value) ?? (ref.tag === null || ref.tag === 'latest' ? 'Always' : 'IfNotPresent');
      if (policy === 'Always') continue;
      const range = valueRange(c.pod.document, policyPair ?? imagePair);
      const title = { en: 'Set imagePullPolicy: Always', de: 'imagePullPolicy: Always setzen' };
      const fix = policyPair ? replaceFix(file, c.pod.document, policyPair, 'Always', title) : setFix(file, c.pod.document, c.node, ['imagePullPolicy'], 'Always', title);
      out.push(withFix(findingOn(c.pod.object, range, { args: { container: containerName(c), policy } }), fix));
    }
    return out;
  },
});
