import { defineDockerfileRule } from '../../define';
import { resolveCommand } from '../../parse/shell';
import type { RawFinding } from '../../types';
import { forEachShellCommand } from './support/stages';

/** `sudo` in RUN. */
export const noSudo = defineDockerfileRule({
  id: 'dockerfile/no-sudo',
  kind: 'dockerfile',
  title: { en: 'Do not use sudo in RUN', de: 'Kein sudo in RUN verwenden' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['ART-3.4', 'CSVS-3.1'],
  equivalents: ['hadolint:DL3004', 'checkov:CKV2_DOCKER_1', 'trivy:DS010'],
  messages: {
    default: {
      en: 'sudo in a build step means the image carries sudo and a user allowed to use it; switch with USER root for the step and back to the unprivileged user afterwards.',
      de: 'sudo in einem Build-Schritt bedeutet, dass das Image sudo und einen berechtigten Benutzer enthält; für den Schritt mit USER root wechseln und danach zurück zum unprivilegierten Benutzer.',
    },
  },
  docs: {
    rationale: {
      en: 'sudo exists for interactive privilege changes. In an image it leaves a privilege-escalation path for whoever runs code in the container, and its TTY and environment handling makes builds unpredictable.',
      de: 'sudo ist für interaktive Rechtewechsel gedacht. Im Image hinterlässt es einen Weg zur Rechteausweitung für alle, die Code im Container ausführen, und seine TTY- und Umgebungsbehandlung macht Builds unvorhersehbar.',
    },
    fix: { en: 'Use `USER root` before the step and `USER <app user>` after it; remove sudo from the image.', de: '`USER root` vor dem Schritt und `USER <App-Benutzer>` danach verwenden; sudo aus dem Image entfernen.' },
    bad: 'USER app\nRUN sudo apt-get install -y --no-install-recommends curl',
    good: 'USER root\nRUN apt-get install -y --no-install-recommends curl\nUSER app',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    forEachShellCommand(file, (command) => {
      // the wrapper itself: resolved without looking through sudo
      const c = resolveCommand(command, false);
      if (c?.name === 'sudo') findings.push({ range: file.lines.rangeOf(c.nameWord.start, c.nameWord.end) });
    });
    return findings;
  },
});
