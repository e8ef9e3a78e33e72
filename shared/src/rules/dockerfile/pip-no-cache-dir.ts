import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { missingOptionFindings } from './support/edits';
import { hasCacheMount, runsIn, runtimeStages } from './support/stages';
import { append } from '../../append';

/** `pip install` without `--no-cache-dir` in the stages that ship. */
export const pipNoCacheDir = defineDockerfileRule({
  id: 'dockerfile/pip-no-cache-dir',
  kind: 'dockerfile',
  title: { en: 'Use pip install --no-cache-dir', de: 'pip install --no-cache-dir verwenden' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-1.1.5', 'CSC-1.3.1'],
  equivalents: ['hadolint:DL3042'],
  messages: {
    default: {
      en: 'pip install keeps downloaded wheels in its cache inside the layer; add --no-cache-dir.',
      de: 'pip install behält geladene Wheels in seinem Cache in der Schicht; --no-cache-dir ergänzen.',
    },
  },
  docs: {
    rationale: {
      en: 'pip caches every download under ~/.cache/pip; in an image that cache is dead weight, often as large as the installed packages. Not reported when PIP_NO_CACHE_DIR is set or a cache mount covers ~/.cache. Only the final stage and the stages it builds on are checked.',
      de: 'pip legt jeden Download unter ~/.cache/pip ab; im Image ist dieser Cache Ballast, oft so groß wie die installierten Pakete. Nicht gemeldet, wenn PIP_NO_CACHE_DIR gesetzt ist oder ein Cache-Mount ~/.cache abdeckt. Geprüft werden nur die letzte Stage und die Stages, auf denen sie aufbaut.',
    },
    fix: { en: 'Add `--no-cache-dir` after `install`.', de: '`--no-cache-dir` nach `install` ergänzen.' },
    bad: 'RUN pip install -r requirements.txt',
    good: 'RUN pip install --no-cache-dir -r requirements.txt',
  },
  fixable: true,
  check(file) {
    const stages = runtimeStages(file);
    const findings: RawFinding[] = [];
    for (const run of runsIn(file, stages)) {
      const missing = missingOptionFindings(file, run, 'pip', 'install', '--no-cache-dir');
      // the exemptions are asked only of a RUN that would be reported
      if (missing.length === 0 || hasCacheMount(run.instruction, ['/root/.cache', '/root/.cache/pip']) || /PIP_NO_CACHE_DIR|rm\s+-r\S*\s+\S*\.cache\/pip/.test(run.instruction.getTextContent())) continue;
      append(findings, missing);
    }
    if (findings.length > 0 && stages.some((s) => s.instructions.some((i) => ['ENV', 'ARG'].includes(i.getKeyword()) && /\bPIP_NO_CACHE_DIR\b/.test(i.getTextContent())))) return [];
    return findings;
  },
});
