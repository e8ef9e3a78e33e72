import { defineDockerfileRule } from '../../define';
import { cisDocker } from '../../checklist/external';
import { slimVariant } from '../../parse/images';
import { baseImage } from './support/stages';

/** The final image builds on a full distribution image where a slim, alpine or distroless variant exists. */
export const fatBaseImage = defineDockerfileRule({
  id: 'dockerfile/fat-base-image',
  kind: 'dockerfile',
  title: { en: 'Use a minimal base image for the final stage', de: 'Für die letzte Stage ein minimales Basis-Image verwenden' },
  severity: 'info',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.8', 'CL-1.1.2', 'CL-1.1.3', 'CSC-1.3.1', 'ART-1.1'],
  external: [cisDocker('4.3')],
  messages: {
    default: {
      en: 'The final image builds on the full image {image}; a smaller variant such as {suggestion} ships far fewer packages.',
      de: 'Das finale Image baut auf dem vollen Image {image} auf; eine kleinere Variante wie {suggestion} liefert weit weniger Pakete aus.',
    },
  },
  docs: {
    rationale: {
      en: 'Full images carry compilers, shells, package managers and hundreds of libraries the application never uses; each one is a potential vulnerability and a tool for an attacker. slim, alpine or distroless variants cut this down by an order of magnitude.',
      de: 'Volle Images bringen Compiler, Shells, Paketmanager und Hunderte Bibliotheken mit, die die Anwendung nie nutzt; jede davon ist eine mögliche Schwachstelle und ein Werkzeug für Angreifer. slim-, alpine- oder distroless-Varianten verringern das um eine Größenordnung.',
    },
    fix: {
      en: 'Switch the final stage to the slim/alpine/distroless variant; build in an earlier stage if the full image is needed for compiling.',
      de: 'Die letzte Stage auf die slim-/alpine-/distroless-Variante umstellen; wenn das volle Image zum Kompilieren nötig ist, in einer früheren Stage bauen.',
    },
    bad: 'FROM python:3.12',
    good: 'FROM python:3.12-slim',
  },
  fixable: false,
  check(file) {
    const final = file.finalStage;
    const base = final ? baseImage(file, final) : undefined;
    if (!final || !base) return [];
    const slim = slimVariant(base.ref);
    const range = base.stage.from.getImageRange();
    if (!slim || !range) return [];
    return [{ range, args: { image: base.ref.raw, suggestion: slim.suggestion }, objectRange: final.range }];
  },
});
