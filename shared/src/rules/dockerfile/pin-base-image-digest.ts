import { defineDockerfileRule } from '../../define';
import { parseImageReference } from '../../facts/image-reference';
import type { RawFinding } from '../../types';
import { imageUses } from './support/images';

/** Base images (FROM, `COPY --from=<image>`) referenced by tag instead of digest. */
export const pinBaseImageDigest = defineDockerfileRule({
  id: 'dockerfile/pin-base-image-digest',
  kind: 'dockerfile',
  title: { en: 'Pin base images by digest', de: 'Basis-Images per Digest fixieren' },
  severity: 'info',
  levels: ['L3'],
  references: ['CSVS-3.6', 'CL-1.2.2', 'ART-1.1', 'ART-1.2', 'OTC-C1'],
  external: [{ source: 'NIST SP 800-190', id: '4.1.5' }],
  messages: {
    default: {
      en: 'The image {image} is referenced by tag, which can be moved to different content; pin it by digest (name:tag@sha256:…).',
      de: 'Das Image {image} wird per Tag referenziert, der auf anderen Inhalt verschoben werden kann; per Digest fixieren (name:tag@sha256:…).',
    },
    variable: {
      en: 'This image comes from a build argument and cannot be pinned here; pin the digest in the value passed to it (ARG default or --build-arg).',
      de: 'Dieses Image kommt aus einem Build-Argument und kann hier nicht fixiert werden; den Digest im übergebenen Wert fixieren (ARG-Vorgabe oder --build-arg).',
    },
  },
  docs: {
    rationale: {
      en: 'A tag is a mutable pointer: the registry owner (or an attacker with push rights) can point it at different content, and builds silently change. A digest names exactly one image content. Writing name:tag@sha256:… keeps the tag readable while the digest decides.',
      de: 'Ein Tag ist ein veränderlicher Zeiger: Registry-Betreiber (oder Angreifer mit Push-Rechten) können ihn auf anderen Inhalt zeigen lassen, und Builds ändern sich unbemerkt. Ein Digest benennt genau einen Image-Inhalt. name:tag@sha256:… hält den Tag lesbar, während der Digest entscheidet.',
    },
    fix: {
      en: 'Use the quick-fix "pin digest", which asks the registry for the digest of the tag, or `docker buildx imagetools inspect <image>` and append `@sha256:…`. Let a dependency bot update the digest.',
      de: 'Den Quick-Fix „Digest fixieren“ verwenden, der die Registry nach dem Digest des Tags fragt, oder `docker buildx imagetools inspect <image>` und `@sha256:…` anhängen. Einen Dependency-Bot den Digest aktualisieren lassen.',
    },
    bad: 'FROM python:3.12-slim',
    good: 'FROM python:3.12-slim@sha256:<digest>',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    for (const use of imageUses(file)) {
      const ref = parseImageReference(use.text);
      if (ref.digest) continue;
      if (ref.variable) {
        findings.push({ range: use.range, messageId: 'variable', objectRange: use.stage.range });
      } else {
        findings.push({ range: use.range, args: { image: use.text }, objectRange: use.stage.range, data: { pin: { reference: use.text } } });
      }
    }
    return findings;
  },
});
