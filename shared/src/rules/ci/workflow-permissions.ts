import { defineYamlRule } from '../../define';
import { pipelineOf } from '../../parse/pipeline';
import { scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';

/** A GitHub workflow whose token keeps the repository default (no `permissions:`) or gets `write-all`. */
export const workflowPermissions = defineYamlRule({
  id: 'ci/workflow-permissions',
  kind: 'pipeline',
  title: { en: 'Workflows must restrict the token permissions', de: 'Workflows müssen die Token-Berechtigungen einschränken' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-4.1.1'],
  equivalents: ['scorecard:Token-Permissions', 'zizmor:excessive-permissions', 'checkov:CKV2_GHA_1'],
  messages: {
    missing: {
      en: 'The workflow sets no top-level permissions: its token gets the repository default (often write access); add "permissions: contents: read".',
      de: 'Der Workflow setzt keine permissions auf oberster Ebene: sein Token erhält die Voreinstellung des Repositorys (oft Schreibrechte); "permissions: contents: read" ergänzen.',
    },
    writeAll: {
      en: 'permissions: write-all gives the token every write permission; grant only what the jobs need.',
      de: 'permissions: write-all gibt dem Token jede Schreibberechtigung; nur gewähren, was die Jobs brauchen.',
    },
  },
  docs: {
    rationale: {
      en: 'A workflow token with write access lets any compromised step or action push code, releases and packages (least privilege in CI).',
      de: 'Ein Workflow-Token mit Schreibrechten lässt jeden kompromittierten Schritt und jede Action Code, Releases und Pakete veröffentlichen (minimale Rechte in CI).',
    },
    fix: { en: 'Add `permissions: contents: read` at the top and grant more per job where needed.', de: '`permissions: contents: read` oben ergänzen und mehr nur je Job gewähren, wo nötig.' },
    bad: 'on: push\njobs:\n  build: …',
    good: 'on: push\npermissions:\n  contents: read\njobs:\n  build: …',
  },
  fixable: true,
  check(file) {
    const p = pipelineOf(file);
    if (!p || p.flavour !== 'github-workflow' || !p.jobsPair) return [];
    const out: RawFinding[] = [];
    if (p.permissions) {
      if (scalarString(p.permissions.value) === 'write-all') out.push({ range: p.document.rangeOf(p.permissions.value as never), messageId: 'writeAll' });
    } else if (!p.jobs.every((j) => j.permissions !== undefined)) {
      const keyRange = p.document.keyRange(p.jobsPair);
      const fixable = keyRange.start.character === 0;
      out.push({
        range: keyRange,
        messageId: 'missing',
        ...(fixable ? { fix: { title: { en: 'Add permissions: contents: read', de: 'permissions: contents: read ergänzen' }, edits: [{ range: { start: keyRange.start, end: keyRange.start }, newText: 'permissions:\n  contents: read\n' }] } } : {}),
      });
    }
    for (const job of p.jobs)
      if (job.permissions && scalarString(job.permissions.value) === 'write-all') out.push({ range: p.document.rangeOf(job.permissions.value as never), messageId: 'writeAll' });
    return out;
  },
});
