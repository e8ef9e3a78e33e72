import { defineDockerfileRule } from '../../define';
import { stageChain } from './support/stages';

/** The final image defines no HEALTHCHECK (`HEALTHCHECK NONE` counts as a deliberate choice). */
export const healthcheck = defineDockerfileRule({
  id: 'dockerfile/healthcheck',
  kind: 'dockerfile',
  title: { en: 'Define a HEALTHCHECK', de: 'Einen HEALTHCHECK definieren' },
  severity: 'info',
  levels: ['L2', 'L3'],
  references: ['CL-5.1.2'],
  external: [{ source: 'CIS Docker Benchmark', id: '4.6' }],
  equivalents: ['checkov:CKV_DOCKER_2', 'trivy:DS026'],
  messages: {
    default: {
      en: 'The final image defines no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one; add HEALTHCHECK CMD … (or HEALTHCHECK NONE if the orchestrator probes it).',
      de: 'Das finale Image definiert keinen HEALTHCHECK, Docker kann einen hängenden Dienst also nicht von einem gesunden unterscheiden; HEALTHCHECK CMD … ergänzen (oder HEALTHCHECK NONE, wenn der Orchestrator ihn prüft).',
    },
  },
  docs: {
    rationale: {
      en: 'A health check lets Docker and Compose restart or stop routing to a container whose process is alive but not working, and makes such failures visible in monitoring. `HEALTHCHECK NONE` is accepted as an explicit decision (e.g. Kubernetes liveness probes do the job); a check inherited from the base image is not visible in the Dockerfile. The health state is the container-specific signal that alarms (CL-5.1.2) build on.',
      de: 'Ein Health-Check lässt Docker und Compose einen Container neu starten oder aus dem Routing nehmen, dessen Prozess lebt, aber nicht arbeitet, und macht solche Ausfälle im Monitoring sichtbar. `HEALTHCHECK NONE` gilt als bewusste Entscheidung (z. B. wenn Kubernetes-Liveness-Probes das übernehmen); ein vom Basis-Image geerbter Check ist im Dockerfile nicht sichtbar. Der Gesundheitszustand ist das containerspezifische Signal, auf dem Alarme (CL-5.1.2) aufbauen.',
    },
    fix: {
      en: 'Add `HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/healthcheck"]` (a probe that exists in the image), or `HEALTHCHECK NONE` to record that the orchestrator checks health.',
      de: '`HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/healthcheck"]` ergänzen (eine Probe, die im Image existiert), oder `HEALTHCHECK NONE`, um festzuhalten, dass der Orchestrator die Gesundheit prüft.',
    },
    bad: 'FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html',
    good: 'FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1',
  },
  fixable: false,
  check(file) {
    const final = file.finalStage;
    if (!final) return [];
    const chain = stageChain(file, final);
    if (chain.some((s) => s.instructions.some((i) => i.getKeyword() === 'HEALTHCHECK'))) return [];
    return [{ range: final.from.getRange(), objectRange: final.range }];
  },
});
