import { defineYamlRule } from '../../define';
import { composeVolumes } from '../../parse/compose-settings';
import { cis, eachService, rangeOf, hostPath, owasp } from './common';
import { ENGINE_SOCKET } from './support/host-paths';

/** The Docker (or another engine's) socket mounted into a container. */
export const dockerSocket = defineYamlRule({
  id: 'compose/docker-socket',
  kind: 'compose',
  title: { en: 'Do not mount the Docker socket', de: 'Den Docker-Socket nicht einhängen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.15'],
  external: [cis('5.32'), owasp(1)],
  messages: {
    default: {
      en: 'Service "{service}" mounts the container engine socket {path}: whoever controls the container controls the host. Remove the mount, or use a filtering socket proxy.',
      de: 'Service "{service}" hängt den Socket der Container-Engine {path} ein: wer den Container beherrscht, beherrscht den Host. Den Mount entfernen oder einen filternden Socket-Proxy verwenden.',
    },
    readOnly: {
      en: 'Service "{service}" mounts the container engine socket {path} read-only; :ro does not make the API read-only (it can still start privileged containers). Remove it, or use a socket proxy that allows only the read calls needed.',
      de: 'Service "{service}" hängt den Socket der Container-Engine {path} schreibgeschützt ein; :ro macht die API nicht schreibgeschützt (sie kann weiter privilegierte Container starten). Entfernen oder einen Socket-Proxy verwenden, der nur die nötigen Lese-Aufrufe erlaubt.',
    },
  },
  docs: {
    rationale: {
      en: 'The Docker socket is the daemon\'s API; access to it is root on the host (start a privileged container that mounts /). A `:ro` mount only protects the socket file, not the API: POST requests still work. CSVS 3.15 allows it only for monitoring or administration, with access restricted.',
      de: 'Der Docker-Socket ist die API des Daemons; Zugriff darauf ist root auf dem Host (einen privilegierten Container starten, der / einhängt). Ein `:ro`-Mount schützt nur die Socket-Datei, nicht die API: POST-Anfragen funktionieren weiter. CSVS 3.15 erlaubt ihn nur für Überwachung oder Verwaltung, mit eingeschränktem Zugriff.',
    },
    fix: {
      en: 'Remove the volume. Monitoring tools that need it should go through a socket proxy (e.g. one that allows only GET on /containers); document the exception with `# bollwerk-ignore compose/docker-socket -- reason`.',
      de: 'Das Volume entfernen. Überwachungswerkzeuge, die ihn brauchen, über einen Socket-Proxy anbinden (z. B. nur GET auf /containers erlaubt); die Ausnahme mit `# bollwerk-ignore compose/docker-socket -- Begründung` dokumentieren.',
    },
    bad: 'services:\n  agent:\n    image: agent:2.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock',
    good: 'services:\n  agent:\n    image: agent:2.1\n    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service) =>
      composeVolumes(service).flatMap((v) => {
        const path = hostPath(v.source);
        if (!path || (v.type !== 'bind' && v.type !== 'other') || !ENGINE_SOCKET.test(path)) return [];
        return [{ range: rangeOf(service, v.node), messageId: v.readOnly ? 'readOnly' : 'default', args: { service: service.name, path } }];
      }),
    );
  },
});
