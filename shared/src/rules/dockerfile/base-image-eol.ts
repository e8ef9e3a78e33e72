import { defineDockerfileRule } from '../../define';
import { parseImageReference } from '../../facts/image-reference';
import type { RawFinding } from '../../types';
import { endOfLife, TABLE_DATE } from './support/eol-table';
import { imageUses } from './support/images';
import { runtimeStages } from './support/stages';

/** A final image built on a release that no longer gets security fixes (python:3.8, node:16, debian:buster, alpine:3.16 …). */
export const baseImageEol = defineDockerfileRule({
  id: 'dockerfile/base-image-eol',
  kind: 'dockerfile',
  title: { en: 'Do not build on base images past their end of life', de: 'Nicht auf Basis-Images nach Ende ihres Supports aufbauen' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-1.2.1', 'CSC-1.1.3', 'OTC-C7'],
  messages: {
    default: {
      en: 'The base image {image} is built on {product} {cycle}, whose support ended on {eol}: it gets no security fixes. Move to a supported release.',
      de: 'Das Basis-Image {image} baut auf {product} {cycle} auf, dessen Support am {eol} endete: es erhält keine Sicherheitskorrekturen. Auf ein unterstütztes Release wechseln.',
    },
  },
  docs: {
    rationale: {
      en: `A release past its end of life gets no security fixes: every vulnerability found from then on stays in the image. The table of release cycles ships with Bollwerk (source: endoflife.date, compiled on ${TABLE_DATE}; no lookup over the network) and covers the official images of Python, Node.js, PHP, Ruby, Go, PostgreSQL, MySQL, MongoDB, Debian, Ubuntu, Alpine and CentOS, including the distribution a tag names (python:3.12-buster, node:20-alpine3.16). Only the final stage and the stages it builds on are checked.`,
      de: `Ein Release nach Ende seines Supports erhält keine Sicherheitskorrekturen: jede danach gefundene Schwachstelle bleibt im Image. Die Tabelle der Release-Zyklen wird mit Bollwerk ausgeliefert (Quelle: endoflife.date, zusammengestellt am ${TABLE_DATE}; keine Abfrage über das Netz) und umfasst die offiziellen Images von Python, Node.js, PHP, Ruby, Go, PostgreSQL, MySQL, MongoDB, Debian, Ubuntu, Alpine und CentOS, auch die Distribution, die ein Tag nennt (python:3.12-buster, node:20-alpine3.16). Geprüft werden nur die letzte Stage und die Stages, auf denen sie aufbaut.`,
    },
    fix: { en: 'Move to a supported release of the image (e.g. python:3.12-slim-bookworm), then rebuild regularly.', de: 'Auf ein unterstütztes Release des Images wechseln (z. B. python:3.12-slim-bookworm) und danach regelmäßig neu bauen.' },
    bad: 'FROM python:3.8-slim-buster',
    good: 'FROM python:3.12-slim-bookworm',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    const runtime = runtimeStages(file);
    for (const use of imageUses(file)) {
      if (use.via !== 'from' || !runtime.includes(use.stage)) continue;
      const eol = endOfLife(parseImageReference(use.text));
      if (eol) findings.push({ range: use.range, args: { image: use.text, product: eol.product, cycle: eol.cycle, eol: eol.eol }, objectRange: use.stage.range });
    }
    return findings;
  },
});
