import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { isSub, packageCommand } from './support/packages';
import { forEachRunCommand } from './support/stages';

/** Whole-system upgrades in RUN (`apt-get upgrade`, `dist-upgrade`, `apk upgrade`, `yum update`). */
export const noDistUpgrade = defineDockerfileRule({
  id: 'dockerfile/no-dist-upgrade',
  kind: 'dockerfile',
  title: { en: 'Do not upgrade the whole system in RUN', de: 'Nicht das ganze System in RUN aktualisieren' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-1.2.2'],
  equivalents: ['hadolint:DL3005', 'trivy:DS024'],
  messages: {
    default: {
      en: '{command} upgrades every package to whatever is current at build time, so builds are not reproducible; update the base image tag (or digest) instead.',
      de: '{command} hebt jedes Paket auf den beim Bauen aktuellen Stand, Builds sind also nicht reproduzierbar; stattdessen Tag (oder Digest) des Basis-Images aktualisieren.',
    },
  },
  docs: {
    rationale: {
      en: 'A system upgrade inside the Dockerfile makes the image depend on the day it was built, can pull in a new distribution release (dist-upgrade), and hides that the base image itself is outdated. Patched base images, rebuilt regularly, give the same fixes reproducibly.',
      de: 'Ein System-Upgrade im Dockerfile macht das Image vom Bautag abhängig, kann ein neues Distributions-Release hereinziehen (dist-upgrade) und verdeckt, dass das Basis-Image selbst veraltet ist. Gepatchte Basis-Images, regelmäßig neu gebaut, liefern dieselben Korrekturen reproduzierbar.',
    },
    fix: {
      en: 'Remove the upgrade; move to a newer base image tag and rebuild regularly. Upgrade single packages with a pinned version where needed.',
      de: 'Das Upgrade entfernen; auf einen neueren Tag des Basis-Images wechseln und regelmäßig neu bauen. Wo nötig einzelne Pakete mit fixierter Version aktualisieren.',
    },
    bad: 'RUN apt-get update && apt-get -y dist-upgrade',
    good: 'FROM debian:12.5-slim',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    forEachRunCommand(file, (c) => {
      const p = packageCommand(c);
      if (!p?.sub) return;
      const whole = (p.manager === 'apt' && isSub(p, 'upgrade', 'dist-upgrade', 'full-upgrade')) ||
        (p.manager === 'apk' && isSub(p, 'upgrade')) ||
        (p.manager === 'yum' && isSub(p, 'upgrade', 'update', 'distro-sync') && p.operands.length === 0) ||
        (p.manager === 'zypper' && isSub(p, 'update', 'up', 'dist-upgrade', 'dup') && p.operands.length === 0);
      if (whole) findings.push({ range: file.lines.rangeOf(p.sub.start, p.sub.end), args: { command: `${c.name} ${p.sub.value}` } });
    });
    return findings;
  },
});
