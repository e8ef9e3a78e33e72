import { defineYamlRule } from '../../define';
import { lookup } from '../../parse/compose';
import { isTrusted, parseImageReference } from '../../facts/image-reference';
import { scalarString } from '../../parse/yaml';
import { cis, eachService, innerRange } from './common';

/** `image:` from a registry outside the configured `trustedRegistries` (no finding when the list is empty). */
export const trustedRegistry = defineYamlRule({
  id: 'compose/trusted-registry',
  kind: 'compose',
  title: { en: 'Pull images from trusted registries only', de: 'Images nur aus vertrauenswürdigen Registries beziehen' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-1.1.1', 'CL-4.3.1', 'CSC-1.2.1', 'ART-2.1'],
  external: [cis('4.2')],
  messages: {
    default: {
      en: 'Service "{service}" pulls {image} from {registry}, which is not among the trusted registries; use a mirror in a trusted registry or add it to trustedRegistries in .bollwerk.yaml.',
      de: 'Service "{service}" bezieht {image} aus {registry}, die nicht zu den vertrauenswürdigen Registries gehört; einen Spiegel in einer vertrauenswürdigen Registry verwenden oder sie in .bollwerk.yaml unter trustedRegistries aufnehmen.',
    },
  },
  docs: {
    rationale: {
      en: 'Images from arbitrary registries bypass the team\'s scanning, signing and retention controls; the checklists ask for official or trusted images from a private registry. The rule runs only when `trustedRegistries` is configured (entries are registries or registry/path prefixes; `docker.io/library` allows only Docker Hub official images).',
      de: 'Images aus beliebigen Registries umgehen Scans, Signaturen und Aufbewahrungsregeln des Teams; die Checklisten verlangen offizielle oder vertrauenswürdige Images aus einer privaten Registry. Die Regel läuft nur, wenn `trustedRegistries` konfiguriert ist (Einträge sind Registries oder Präfixe registry/pfad; `docker.io/library` erlaubt nur offizielle Docker-Hub-Images).',
    },
    fix: {
      en: 'Mirror the image into a trusted registry and reference it there, or add the registry to `trustedRegistries` after review.',
      de: 'Das Image in eine vertrauenswürdige Registry spiegeln und dort referenzieren oder die Registry nach Prüfung in `trustedRegistries` aufnehmen.',
    },
    bad: 'services:\n  cache:\n    image: redis:7.4',
    good: 'services:\n  cache:\n    image: registry.example.com/mirror/redis:7.4',
  },
  fixable: false,
  check(file, context) {
    if (context.trustedRegistries.length === 0) return [];
    return eachService(file, (service) => {
      const entry = lookup(service, 'image');
      const image = scalarString(entry?.value)?.trim();
      if (!entry?.value || !image || lookup(service, 'build')) return [];
      const ref = parseImageReference(image);
      if (ref.variable || isTrusted(ref, context.trustedRegistries)) return [];
      return [{ range: innerRange(service, entry.value), args: { service: service.name, image, registry: ref.registry } }];
    });
  },
});
