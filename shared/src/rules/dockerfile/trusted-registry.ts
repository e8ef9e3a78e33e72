import { defineDockerfileRule } from '../../define';
import { isTrusted, parseImageReference } from '../../facts/image-reference';
import type { RawFinding } from '../../types';
import { imageUses } from './support/images';

/** Images from registries outside `trustedRegistries` (no finding when the list is empty). */
export const trustedRegistry = defineDockerfileRule({
  id: 'dockerfile/trusted-registry',
  kind: 'dockerfile',
  title: { en: 'Pull base images from trusted registries only', de: 'Basis-Images nur aus vertrauenswürdigen Registries beziehen' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-1.1.1', 'CL-4.3.1', 'CSC-1.2.1', 'ART-2.1', 'OTC-C1'],
  external: [{ source: 'CIS Docker Benchmark', id: '4.2' }],
  equivalents: ['hadolint:DL3026'],
  messages: {
    default: {
      en: 'The image {image} comes from {registry}, which is not in the trusted registries of the configuration; use a mirror in a trusted registry.',
      de: 'Das Image {image} kommt aus {registry}, die nicht zu den vertrauenswürdigen Registries der Konfiguration gehört; einen Spiegel in einer vertrauenswürdigen Registry verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'A private, scanned registry (or a curated path in one) is the place where images are checked before use. Pulling from elsewhere bypasses that review. The rule runs only when `trustedRegistries` is configured; Docker Hub is `docker.io`.',
      de: 'Eine private, gescannte Registry (oder ein kuratierter Pfad darin) ist der Ort, an dem Images vor der Nutzung geprüft werden. Ein Bezug von anderswo umgeht diese Prüfung. Die Regel läuft nur, wenn `trustedRegistries` konfiguriert ist; Docker Hub heißt `docker.io`.',
    },
    fix: {
      en: 'Mirror the image into a trusted registry and reference it there, or add the registry to `trustedRegistries` in .bollwerk.yaml after review.',
      de: 'Das Image in eine vertrauenswürdige Registry spiegeln und dort referenzieren, oder die Registry nach Prüfung in `trustedRegistries` der .bollwerk.yaml aufnehmen.',
    },
    bad: 'FROM python:3.12-slim',
    good: 'FROM registry.example.com/mirror/python:3.12-slim',
  },
  fixable: false,
  check(file, context) {
    if (context.trustedRegistries.length === 0) return [];
    const findings: RawFinding[] = [];
    for (const use of imageUses(file)) {
      const ref = parseImageReference(use.text);
      if (ref.variable || isTrusted(ref, context.trustedRegistries)) continue;
      findings.push({ range: use.range, args: { image: use.text, registry: ref.registry }, objectRange: use.stage.range });
    }
    return findings;
  },
});
