import { defineYamlRule } from '../../define';
import { lookup } from '../../parse/compose';
import { parseImageReference } from '../../facts/image-reference';
import { scalarString } from '../../parse/yaml';
import { eachService, innerRange } from './common';

/** `image:` without `@sha256:` digest. Findings carry `data.pin.reference` for the registry-backed pin quick-fix. */
export const pinImageDigest = defineYamlRule({
  id: 'compose/pin-image-digest',
  kind: 'compose',
  title: { en: 'Pin images by digest', de: 'Images per Digest fixieren' },
  severity: 'warning',
  levels: ['L3'],
  references: ['CSVS-3.6', 'CL-1.2.2', 'OTC-C1'],
  messages: {
    default: {
      en: 'Service "{service}" uses image {image} by tag only; pin its digest ({image}@sha256:…) so that every pull runs the same bytes.',
      de: 'Service "{service}" verwendet das Image {image} nur per Tag; den Digest fixieren ({image}@sha256:…), damit jeder Pull dieselben Bytes ausführt.',
    },
    variable: {
      en: 'Service "{service}" takes its image from a variable ({image}); it cannot be pinned statically. Make sure the value includes a digest (name:tag@sha256:…).',
      de: 'Service "{service}" bezieht sein Image aus einer Variablen ({image}); es kann nicht statisch fixiert werden. Sicherstellen, dass der Wert einen Digest enthält (name:tag@sha256:…).',
    },
  },
  docs: {
    rationale: {
      en: 'Tags are mutable: the registry can serve different content under the same tag tomorrow, by a new release or by an attacker with push rights. A digest names exactly one image (CSVS 3.6).',
      de: 'Tags sind veränderlich: die Registry kann morgen unter demselben Tag anderen Inhalt liefern, durch ein neues Release oder einen Angreifer mit Schreibrechten. Ein Digest benennt genau ein Image (CSVS 3.6).',
    },
    fix: {
      en: 'Use the "pin digest" quick-fix (asks the registry for the current digest and writes `name:tag@sha256:…`, keeping the tag readable); let a bot such as Renovate update pinned digests.',
      de: 'Die Schnellkorrektur "Digest fixieren" verwenden (fragt die Registry nach dem aktuellen Digest und schreibt `name:tag@sha256:…`, das Tag bleibt lesbar); gepinnte Digests von einem Bot wie Renovate aktualisieren lassen.',
    },
    bad: 'services:\n  db:\n    image: postgres:16.4',
    good: 'services:\n  db:\n    image: postgres:16.4@sha256:2c3e1f6c0a0c4c2f0e8f1f6a3c2b9a8e7d6c5b4a39281706f5e4d3c2b1a09876',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service) => {
      const entry = lookup(service, 'image');
      const image = scalarString(entry?.value)?.trim();
      if (!entry || !entry.value || !image) return [];
      const ref = parseImageReference(image);
      if (ref.digest !== null) return [];
      const range = innerRange(service, entry.value);
      const args = { service: service.name, image };
      // An image the service builds itself has no registry digest to pin.
      if (lookup(service, 'build')) return [];
      if (ref.variable) return [{ range, messageId: 'variable', args }];
      return [{ range, args, data: { pin: { reference: image } } }];
    });
  },
});
