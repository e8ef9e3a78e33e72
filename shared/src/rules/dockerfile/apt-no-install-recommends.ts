import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { missingOptionFindings } from './support/edits';
import { runsIn, runtimeStages } from './support/stages';
import { append } from '../../append';

const CONFIGURED = /Install-Recommends\s*"?\s*(=\s*)?"?(0|false)\b/i;

/** `apt-get install` without `--no-install-recommends` in the stages that ship. */
export const aptNoInstallRecommends = defineDockerfileRule({
  id: 'dockerfile/apt-no-install-recommends',
  kind: 'dockerfile',
  title: { en: 'Install apt packages with --no-install-recommends', de: 'apt-Pakete mit --no-install-recommends installieren' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.8', 'CL-1.1.5', 'CSC-1.3.1'],
  equivalents: ['hadolint:DL3015', 'trivy:DS029'],
  messages: {
    default: {
      en: 'apt installs recommended packages too; add --no-install-recommends so only the required packages end up in the image.',
      de: 'apt installiert auch empfohlene Pakete; --no-install-recommends ergänzen, damit nur die benötigten Pakete ins Image kommen.',
    },
  },
  docs: {
    rationale: {
      en: 'Recommended packages are not needed to run the requested ones but add size and attack surface (often dozens of packages). Only the final stage and the stages it builds on are checked, since only they ship.',
      de: 'Empfohlene Pakete werden zum Betrieb der angeforderten nicht gebraucht, vergrößern aber Image und Angriffsfläche (oft Dutzende Pakete). Geprüft werden nur die letzte Stage und die Stages, auf denen sie aufbaut, denn nur sie werden ausgeliefert.',
    },
    fix: { en: 'Add `--no-install-recommends` after `install`.', de: '`--no-install-recommends` nach `install` ergänzen.' },
    bad: 'RUN apt-get update && apt-get install -y curl',
    good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
  },
  fixable: true,
  check(file) {
    if (CONFIGURED.test(file.text)) return [];
    const findings: RawFinding[] = [];
    for (const run of runsIn(file, runtimeStages(file))) {
      // aptitude does not take --no-install-recommends; an -o APT::Install-Recommends=false already says it
      append(findings, missingOptionFindings(file, run, 'apt', 'install', '--no-install-recommends', (c) => c.name === 'aptitude' || c.args.some((w) => CONFIGURED.test(w.value))));
    }
    return findings;
  },
});
