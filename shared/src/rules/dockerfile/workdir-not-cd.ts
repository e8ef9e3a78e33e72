import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { runs } from './support/stages';

/** `RUN cd dir && …` as the first command: WORKDIR says it once and for all following steps. */
export const workdirNotCd = defineDockerfileRule({
  id: 'dockerfile/workdir-not-cd',
  kind: 'dockerfile',
  title: { en: 'Use WORKDIR instead of RUN cd', de: 'WORKDIR statt RUN cd verwenden' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['ART-1.3'],
  equivalents: ['hadolint:DL3003', 'trivy:DS013'],
  messages: {
    default: {
      en: 'RUN starts with cd; set the directory with WORKDIR so every later step (and the container) uses it explicitly.',
      de: 'RUN beginnt mit cd; das Verzeichnis mit WORKDIR setzen, damit alle späteren Schritte (und der Container) es ausdrücklich verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'A cd inside RUN lasts only for that step; readers and later steps cannot see where commands ran, which hides mistakes such as files written to the wrong directory. The good-practice Dockerfile of the article (ART-1.3) sets the directory with WORKDIR.',
      de: 'Ein cd in RUN gilt nur für diesen Schritt; Lesende und spätere Schritte sehen nicht, wo Befehle liefen, was Fehler wie in das falsche Verzeichnis geschriebene Dateien verdeckt. Das Good-Practice-Dockerfile des Artikels (ART-1.3) setzt das Verzeichnis mit WORKDIR.',
    },
    fix: { en: 'Replace `RUN cd /app && make` with `WORKDIR /app` and `RUN make`.', de: '`RUN cd /app && make` durch `WORKDIR /app` und `RUN make` ersetzen.' },
    bad: 'RUN cd /app && make',
    good: 'WORKDIR /app\nRUN make',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    for (const run of runs(file)) {
      const first = run.script.commands[0];
      const word = first?.words[0];
      if (run.script.form === 'shell' && word?.value === 'cd') findings.push({ range: file.lines.rangeOf(word.start, word.end) });
    }
    return findings;
  },
});
