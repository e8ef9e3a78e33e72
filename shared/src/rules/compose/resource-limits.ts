import { defineYamlRule } from '../../define';
import { lookupPath, type ComposeService } from '../../parse/compose';
import { resourceLimits } from '../../parse/compose-settings';
import { isMap } from '../../parse/yaml';
import { combineEdits, withSnippets, type Placeholder } from '../../snippet';
import type { Fix, TextEdit } from '../../types';
import { setIn } from '../../yaml-edit';
import { cis, eachService, owasp, withFix } from './common';

/**
 * Adds the missing limits where the service keeps its limits: in its own `deploy.resources.limits`
 * when it has one, else as `mem_limit` and `cpus`. The values are a start to tune (snippet
 * placeholders where the editor supports them).
 */
function limitsEdits(service: ComposeService, memory: boolean, cpu: boolean, value: Placeholder): TextEdit[] | undefined {
  if (!service.editable) return undefined;
  const limits = lookupPath(service, ['deploy', 'resources', 'limits']);
  const edit = (path: string[], text: string): TextEdit[] | undefined => setIn(service.document, service.file.lines, service.node, path, text);
  if (limits) {
    if (!limits.own || !isMap(limits.pair.value) || limits.value !== limits.pair.value) return undefined;
    const at = ['deploy', 'resources', 'limits'];
    return combineEdits([...(memory ? [edit([...at, 'memory'], value(1, '512M'))] : []), ...(cpu ? [edit([...at, 'cpus'], value(2, '1.0'))] : [])]);
  }
  return combineEdits([...(memory ? [edit(['mem_limit'], value(1, '512m'))] : []), ...(cpu ? [edit(['cpus'], value(2, '1.0'))] : [])]);
}

function limitsFix(service: ComposeService, memory: boolean, cpu: boolean): Fix | undefined {
  const made = withSnippets((value) => limitsEdits(service, memory, cpu, value));
  const what = [memory ? 'memory' : '', cpu ? 'CPU' : ''].filter(Boolean).join(' and ');
  const was = [memory ? 'Speicher' : '', cpu ? 'CPU' : ''].filter(Boolean).join('- und ');
  // e.g. "Speicher- und CPU-Limit setzen"
  return made && { title: { en: `Limit ${what} (tune the values)`, de: `${was}-Limit setzen (Werte anpassen)` }, ...made };
}

/** Every service needs a memory and a CPU limit (`mem_limit`, `cpus` or `deploy.resources.limits`). */
export const resourceLimitsRule = defineYamlRule({
  id: 'compose/resource-limits',
  kind: 'compose',
  title: { en: 'Limit memory and CPU', de: 'Speicher und CPU begrenzen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-2.2.3', 'CSC-2.2.1'],
  external: [cis('5.11'), cis('5.12'), owasp(7)],
  messages: {
    both: {
      en: 'Service "{service}" has no memory and no CPU limit; set mem_limit and cpus (or deploy.resources.limits).',
      de: 'Service "{service}" hat weder Speicher- noch CPU-Grenze; mem_limit und cpus (oder deploy.resources.limits) setzen.',
    },
    memory: {
      en: 'Service "{service}" has no memory limit; set mem_limit (or deploy.resources.limits.memory).',
      de: 'Service "{service}" hat keine Speichergrenze; mem_limit (oder deploy.resources.limits.memory) setzen.',
    },
    cpu: {
      en: 'Service "{service}" has no CPU limit; set cpus (or deploy.resources.limits.cpus).',
      de: 'Service "{service}" hat keine CPU-Grenze; cpus (oder deploy.resources.limits.cpus) setzen.',
    },
  },
  docs: {
    rationale: {
      en: 'Without limits one service (a leak, a runaway query, an attacker) can take all memory and CPU of the host and starve every other container, or get the OOM killer to kill the wrong process.',
      de: 'Ohne Grenzen kann ein Service (ein Leck, eine außer Kontrolle geratene Abfrage, ein Angreifer) den gesamten Speicher und die CPU des Hosts belegen und alle anderen Container aushungern oder den OOM-Killer den falschen Prozess beenden lassen.',
    },
    fix: {
      en: 'Set `mem_limit:` and `cpus:` (or `deploy.resources.limits.memory` / `.cpus`) from the service\'s measured needs plus headroom. The quick-fix adds 512m and 1.0 CPU as a start, where it keeps the service\'s limits; tune them (editors that support snippets put the cursor on each value).',
      de: '`mem_limit:` und `cpus:` (oder `deploy.resources.limits.memory` / `.cpus`) nach dem gemessenen Bedarf des Service plus Reserve setzen. Die Schnellkorrektur trägt 512m und 1.0 CPU als Anfang dort ein, wo der Service seine Limits führt; die Werte anpassen (Editoren mit Snippets setzen den Cursor auf jeden Wert).',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    deploy:\n      resources:\n        limits:\n          cpus: "1.0"\n          memory: 512M',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      if (service.partial) return [];
      const { memory, cpu } = resourceLimits(service);
      if (memory && cpu) return [];
      const messageId = !memory && !cpu ? 'both' : !memory ? 'memory' : 'cpu';
      return [withFix({ range: service.nameRange, messageId, args: { service: service.name } }, limitsFix(service, !memory, !cpu))];
    });
  },
});
