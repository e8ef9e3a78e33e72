import { defineYamlRule } from '../../define';
import { cisDocker, owaspK8s } from '../../checklist/external';
import { containerName, podSpecs } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, valueRange } from './support/findings';

/** Ports below this one are privileged: binding them needs root or CAP_NET_BIND_SERVICE. */
const FIRST_UNPRIVILEGED_PORT = 1024;

/** A container that listens on a privileged port (below 1024). */
export const privilegedPorts = defineYamlRule({
  id: 'k8s/privileged-ports',
  kind: 'kubernetes',
  title: { en: 'Containers should not listen on privileged ports', de: 'Container sollten nicht auf privilegierten Ports lauschen' },
  severity: 'info',
  levels: ['L3'],
  references: ['CL-2.1.3', 'CL-2.3.2'],
  external: [cisDocker('5.8'), owaspK8s('K01')],
  equivalents: ['kube-linter:privileged-ports', 'trivy:KSV117'],
  messages: {
    default: {
      en: 'Container "{container}" listens on port {port}, below 1024: binding it needs root or NET_BIND_SERVICE; listen on a port of 1024 or more and map it in the Service.',
      de: 'Container "{container}" lauscht auf Port {port}, unter 1024: ihn zu binden braucht root oder NET_BIND_SERVICE; auf einem Port ab 1024 lauschen und ihn im Service abbilden.',
    },
  },
  docs: {
    rationale: {
      en: 'A process may bind a port below 1024 only as root or with the NET_BIND_SERVICE capability, so such a port keeps a privilege in the container that an unprivileged port does not need. The Service can still offer port 80 or 443 to clients (port: 80, targetPort: 8080).',
      de: 'Einen Port unter 1024 darf ein Prozess nur als root oder mit der Capability NET_BIND_SERVICE binden; ein solcher Port hält also ein Privileg im Container, das ein unprivilegierter Port nicht braucht. Der Service kann Clients trotzdem Port 80 oder 443 anbieten (port: 80, targetPort: 8080).',
    },
    fix: { en: 'Configure the application to listen on a port of 1024 or more, set it as containerPort and point the Service\'s targetPort at it.', de: 'Die Anwendung auf einem Port ab 1024 lauschen lassen, ihn als containerPort setzen und den targetPort des Service darauf richten.' },
    bad: 'ports:\n- containerPort: 80',
    good: 'ports:\n- containerPort: 8080',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      for (const c of pod.containers) {
        for (const p of seqItems(mapGet(c.node, 'ports'))) {
          const pair = mapPair(p, 'containerPort');
          const port = scalarString(pair?.value);
          if (!pair || port === undefined || !/^\d+$/.test(port)) continue;
          const n = Number(port);
          if (n > 0 && n < FIRST_UNPRIVILEGED_PORT) out.push(findingOn(pod.object, valueRange(pod.document, pair), { args: { container: containerName(c), port } }));
        }
      }
    }
    return out;
  },
});
