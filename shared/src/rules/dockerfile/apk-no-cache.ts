import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { missingOptionFindings } from './support/edits';
import { hasCacheMount, runsIn, runtimeStages } from './support/stages';
import { append } from '../../append';

/** `apk add` without `--no-cache` in the stages that ship. */
export const apkNoCache = defineDockerfileRule({
  id: 'dockerfile/apk-no-cache',
  kind: 'dockerfile',
  title: { en: 'Use apk add --no-cache', de: 'apk add --no-cache verwenden' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-1.1.5', 'CSC-1.3.1'],
  equivalents: ['hadolint:DL3019', 'trivy:DS025'],
  messages: {
    default: {
      en: 'apk add keeps its package index in the layer; add --no-cache.',
      de: 'apk add behält seinen Paketindex in der Schicht; --no-cache ergänzen.',
    },
  },
  docs: {
    rationale: {
      en: 'Without --no-cache, apk stores the downloaded index under /var/cache/apk, which ships with the layer. --no-cache fetches it on the fly and keeps the image small. Only the final stage and the stages it builds on are checked.',
      de: 'Ohne --no-cache legt apk den geladenen Index unter /var/cache/apk ab, der mit der Schicht ausgeliefert wird. --no-cache lädt ihn nur temporär und hält das Image klein. Geprüft werden nur die letzte Stage und die Stages, auf denen sie aufbaut.',
    },
    fix: { en: 'Add `--no-cache` after `add`.', de: '`--no-cache` nach `add` ergänzen.' },
    bad: 'RUN apk add curl',
    good: 'RUN apk add --no-cache curl',
  },
  fixable: true,
  check(file) {
    const findings: RawFinding[] = [];
    for (const run of runsIn(file, runtimeStages(file))) {
      // `apk add --no-network` fetches no index and no package, so it leaves nothing in /var/cache/apk
      const missing = missingOptionFindings(file, run, 'apk', 'add', '--no-cache', (c) => c.args.some((w) => w.value === '--no-network'));
      // the exemptions are asked only of a RUN that would be reported
      if (missing.length === 0 || hasCacheMount(run.instruction, ['/var/cache/apk', '/etc/apk/cache'])) continue;
      if (run.commands.some((c) => (c.name === 'rm' && c.args.some((w) => w.value.startsWith('/var/cache/apk'))) || (c.name === 'apk' && c.args.some((w) => w.value === 'cache')))) continue;
      append(findings, missing);
    }
    return findings;
  },
});
