import { defineDockerfileRule } from '../../define';
import { cisDocker } from '../../checklist/external';
import type { RawFinding } from '../../types';
import { isSub, packageCommand, packageName } from './support/packages';
import { forEachRunCommand } from './support/stages';

const REMOTE_ADMIN = new Set(['openssh-server', 'openssh', 'ssh', 'dropbear', 'dropbear-ssh', 'dropbear-bin', 'tinysshd', 'telnetd', 'inetutils-telnetd', 'xrdp', 'x11vnc', 'tightvncserver', 'tigervnc-standalone-server', 'tigervnc-server']);
const ADMIN_PORTS = new Map([['22', 'SSH'], ['23', 'Telnet'], ['3389', 'RDP'], ['5900', 'VNC']]);

/** Remote administration services (SSH, Telnet, RDP, VNC) installed in, or exposed by, the image. */
export const noSsh = defineDockerfileRule({
  id: 'dockerfile/no-ssh',
  kind: 'dockerfile',
  title: { en: 'No SSH or other remote administration in containers', de: 'Kein SSH oder andere Fernwartung in Containern' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.12'],
  external: [cisDocker('5.7')],
  equivalents: ['checkov:CKV_DOCKER_1', 'trivy:DS004'],
  messages: {
    package: {
      en: 'The package {name} installs a remote administration server; remove it and use docker exec / kubectl exec for debugging.',
      de: 'Das Paket {name} installiert einen Fernwartungs-Server; entfernen und zum Debuggen docker exec / kubectl exec verwenden.',
    },
    port: {
      en: 'Port {port} ({service}) is exposed; containers should not run remote administration services.',
      de: 'Port {port} ({service}) wird freigegeben; Container sollten keine Fernwartungsdienste betreiben.',
    },
  },
  docs: {
    rationale: {
      en: 'An SSH, Telnet, RDP or VNC server in a container is one more service with credentials to steal and vulnerabilities to patch, and it invites changing running containers instead of replacing them. The runtime already offers exec for debugging.',
      de: 'Ein SSH-, Telnet-, RDP- oder VNC-Server im Container ist ein weiterer Dienst mit stehlbaren Zugangsdaten und zu patchenden Schwachstellen, und er lädt dazu ein, laufende Container zu ändern statt sie zu ersetzen. Die Laufzeit bietet zum Debuggen bereits exec.',
    },
    fix: {
      en: 'Remove the server package and the EXPOSE of its port; use `docker exec` or `kubectl exec`/`kubectl debug`.',
      de: 'Das Server-Paket und das EXPOSE seines Ports entfernen; `docker exec` oder `kubectl exec`/`kubectl debug` verwenden.',
    },
    bad: 'RUN apt-get install -y --no-install-recommends openssh-server\nEXPOSE 22',
    good: 'RUN apt-get install -y --no-install-recommends curl',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    forEachRunCommand(file, (c) => {
      const p = packageCommand(c);
      if (!isSub(p, 'install', 'add', 'in') || p.manager === 'pip') return;
      for (const w of p.operands) {
        if (REMOTE_ADMIN.has(packageName(w)) && !(p.manager !== 'apk' && packageName(w) === 'openssh')) findings.push({ range: file.lines.rangeOf(w.start, w.end), messageId: 'package', args: { name: packageName(w) } });
      }
    });
    const instructions = file.instructions;
    for (let n = 0; n < instructions.length; n++) {
      const i = instructions[n]!;
      if (i.getKeyword() !== 'EXPOSE') continue;
      for (const a of i.getArguments()) {
        const port = a.getValue().replace(/\/(tcp|udp)$/i, '');
        const service = ADMIN_PORTS.get(port);
        if (service) findings.push({ range: a.getRange(), messageId: 'port', args: { port, service } });
      }
    }
    return findings;
  },
});
