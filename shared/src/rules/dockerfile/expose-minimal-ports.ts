import { defineDockerfileRule } from '../../define';
import { cisDocker } from '../../checklist/external';
import type { RawFinding } from '../../types';
import { runtimeStages } from './support/stages';

/** More distinct exposed ports than this is reported. */
export const MAX_EXPOSED_PORTS = 3;

/**
 * Debugger and administration ports that should not be part of a production image.
 * SSH, Telnet, RDP and VNC are left to dockerfile/no-ssh.
 */
export const DEBUG_ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [2375, 'Docker API, HTTP'],
  [2376, 'Docker API, TLS'],
  [5005, 'JDWP, Java debugger'],
  [5858, 'Node.js debugger'],
  [9229, 'Node.js inspector'],
  [5678, 'debugpy, Python debugger'],
  [2345, 'Delve, Go debugger'],
  [9222, 'Chrome DevTools'],
]);

/** An EXPOSE argument: a port, a port range or something unresolved (`$PORT`). */
export interface ExposedPort {
  readonly start: number | undefined;
  readonly end: number | undefined;
  /** Normalized for counting: `8080`, `53/udp`, the raw text when unresolved. */
  readonly key: string;
}

/** Parses an EXPOSE argument (`8080`, `8080/tcp`, `53/udp`, `8000-9000`). */
export function parseExposed(value: string): ExposedPort {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(value);
  if (!m) return { start: undefined, end: undefined, key: value };
  const protocol = (m[3] ?? 'tcp').toLowerCase();
  const start = Number(m[1]);
  const end = m[2] !== undefined ? Number(m[2]) : start;
  return { start, end, key: `${m[1]}${m[2] !== undefined ? `-${m[2]}` : ''}${protocol === 'tcp' ? '' : `/${protocol}`}` };
}

/** Ports exposed by the final image: port ranges, debugger/administration ports and more than a few ports. */
export const exposeMinimalPorts = defineDockerfileRule({
  id: 'dockerfile/expose-minimal-ports',
  kind: 'dockerfile',
  title: { en: 'Expose only the ports the service needs', de: 'Nur die Ports freigeben, die der Dienst braucht' },
  severity: 'info',
  levels: ['L2', 'L3'],
  references: ['ART-1.5', 'CL-2.3.2'],
  external: [cisDocker('5.9')],
  messages: {
    range: {
      en: 'EXPOSE {ports} declares a whole port range; expose the one service or health port the image needs.',
      de: 'EXPOSE {ports} gibt einen ganzen Portbereich frei; den einen Dienst- oder Health-Port freigeben, den das Image braucht.',
    },
    debug: {
      en: 'Port {port} (usually {service}) is exposed in the final image; debuggers and administration interfaces do not belong in a production image.',
      de: 'Port {port} (meist {service}) wird im finalen Image freigegeben; Debugger und Verwaltungsschnittstellen gehören nicht in ein Produktions-Image.',
    },
    many: {
      en: 'The final image exposes {count} ports ({ports}); expose only what clients need, ideally the one service or health port.',
      de: 'Das finale Image gibt {count} Ports frei ({ports}); nur freigeben, was Clients brauchen, am besten den einen Dienst- oder Health-Port.',
    },
  },
  docs: {
    rationale: {
      en: 'Every exposed port is an advertised entry point, and docker run -P publishes all of them. The rule looks at the EXPOSE instructions of the final stage and the stages it builds on (what ships in the image; EXPOSE of the base image is not visible). It reports each port range (8000-9000), each debugger or administration port (Docker API 2375/2376, JDWP 5005, Node.js 9229/5858, debugpy 5678, Delve 2345, Chrome DevTools 9222; SSH, Telnet, RDP and VNC are dockerfile/no-ssh\'s), and more than three distinct ports, once, on the fourth. EXPOSE only documents ports, so every finding is a hint (info); raise the severity in .bollwerk.yaml where debug ports must fail a build.',
      de: 'Jeder freigegebene Port ist ein angekündigter Zugang, und docker run -P veröffentlicht sie alle. Die Regel prüft die EXPOSE-Anweisungen der letzten Stage und der Stages, auf denen sie aufbaut (was im Image landet; EXPOSE des Basis-Images ist nicht sichtbar). Sie meldet jeden Portbereich (8000-9000), jeden Debugger- oder Verwaltungsport (Docker-API 2375/2376, JDWP 5005, Node.js 9229/5858, debugpy 5678, Delve 2345, Chrome DevTools 9222; SSH, Telnet, RDP und VNC prüft dockerfile/no-ssh) und mehr als drei verschiedene Ports, einmal, am vierten. EXPOSE dokumentiert Ports nur, daher ist jede Meldung ein Hinweis (info); wo Debug-Ports einen Build scheitern lassen sollen, die Schwere in .bollwerk.yaml erhöhen.',
    },
    fix: {
      en: 'Keep one EXPOSE for the service (or health) port; move debugger ports to a debug stage or a development override.',
      de: 'Ein EXPOSE für den Dienst- (oder Health-)Port behalten; Debugger-Ports in eine Debug-Stage oder eine Entwicklungs-Überschreibung verschieben.',
    },
    bad: 'FROM node:22-slim\nEXPOSE 3000 9229 8000-8010',
    good: 'FROM node:22-slim\nEXPOSE 3000',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    const seen: string[] = [];
    for (const stage of runtimeStages(file)) {
      const instructions = stage.instructions;
      for (let k = 0; k < instructions.length; k++) {
        const i = instructions[k]!;
        if (i.getKeyword() !== 'EXPOSE') continue;
        for (const a of i.getArguments()) {
          const value = a.getValue();
          const port = parseExposed(value);
          const range = a.getRange();
          if (port.start !== undefined && port.end !== port.start) out.push({ range, messageId: 'range', args: { ports: value } });
          const service = port.start !== undefined && port.end === port.start ? DEBUG_ADMIN_PORTS.get(port.start) : undefined;
          if (service) out.push({ range, messageId: 'debug', args: { port: port.start!, service } });
          if (seen.includes(port.key)) continue;
          seen.push(port.key);
          if (seen.length === MAX_EXPOSED_PORTS + 1) out.push({ range, messageId: 'many', args: { count: 0, ports: '' } });
        }
      }
    }
    // The count is known only at the end: fill it into the finding on the first port over the limit.
    return out.map((f) => (f.messageId === 'many' ? { ...f, args: { count: seen.length, ports: seen.join(', ') } } : f));
  },
});
