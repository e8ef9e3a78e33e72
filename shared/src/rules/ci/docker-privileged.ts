import { defineYamlRule } from '../../define';
import { pipelineCommands, pipelineOf, type PipelineJob } from '../../parse/pipeline';
import { isMap, isScalar, mapGet, seqItems, type YamlFile } from '../../parse/yaml';
import { splitShell, type ShellWord } from '../../parse/shell';
import { removeWord } from '../../shell-edit';
import type { RawFinding } from '../../types';

const SOCKET = /(?:^|[=:,])\/(?:var\/)?run\/docker\.sock(?:[:,]|$)/;

/**
 * A GitHub job's `container:` and `services:` containers (the runner starts them with `docker create`
 * and their `options:`): `--privileged`, `--cap-add ALL`, host namespaces and unconfined security options among the
 * options, the socket among `volumes:`.
 */
function jobContainers(file: YamlFile, job: PipelineJob): RawFinding[] {
  const out: RawFinding[] = [];
  const services = mapGet(job.node, 'services');
  const containers = [mapGet(job.node, 'container'), ...(isMap(services) ? services.items.map((i) => i.value) : [])];
  for (const container of containers) {
    if (!isMap(container)) continue;
    const options = mapGet(container, 'options');
    if (isScalar(options) && typeof options.value === 'string') {
      const o = job.document.offsets(options);
      const words = splitShell(file.text.slice(o.start, o.end), o.start).commands.flatMap((c) => c.words);
      for (const f of weakenedIsolation(words)) out.push(weakening(file, f, 'docker'));
      const m = /(?:^|[\s"'])(--privileged(?:=true)?)(?=[\s"']|$)/.exec(file.text.slice(o.start, o.end));
      if (m) {
        const start = o.start + m.index + m[0].length - m[1]!.length;
        out.push({ range: file.lines.rangeOf(start, start + m[1]!.length), messageId: 'privileged', args: { program: 'docker' } });
      }
    }
    for (const volume of seqItems(mapGet(container, 'volumes'))) {
      if (isScalar(volume) && typeof volume.value === 'string' && SOCKET.test(volume.value)) out.push({ range: job.document.rangeOf(volume), messageId: 'socket' });
    }
  }
  return out;
}

/** Options whose value `host` shares one of the runner's namespaces with the container. */
const NAMESPACE_OPTIONS: ReadonlyMap<string, string> = new Map([
  ['--network', 'network'],
  ['--net', 'network'],
  ['--pid', 'PID'],
  ['--ipc', 'IPC'],
  ['--uts', 'UTS'],
  ['--userns', 'user'],
  ['--cgroupns', 'cgroup'],
]);
/** `--security-opt` values that switch a confinement off (both the `=` and the older `:` spelling). */
const UNCONFINED = /^(seccomp|apparmor)[=:]unconfined$|^label[=:]disable$/i;

/** A flag of `docker run`/`create` and its value, written `--flag=value` or `--flag value`. */
interface Flag {
  readonly name: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** The `--name=value` and `--name value` flags among words, for the names asked. */
function flags(args: readonly ShellWord[], names: ReadonlySet<string>): Flag[] {
  const out: Flag[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.value.indexOf('=');
    const name = eq < 0 ? a.value : a.value.slice(0, eq);
    if (!names.has(name)) continue;
    const next = eq < 0 ? args[i + 1] : undefined;
    if (eq < 0 && !next) continue;
    out.push({ name, value: eq < 0 ? next!.value : a.value.slice(eq + 1), start: a.start, end: (next ?? a).end });
  }
  return out;
}

/** A flag that weakens the container's isolation, the message that says how, and what it weakens. */
type Weakening = Flag & { readonly messageId: 'hostNamespace' | 'capAll' | 'unconfined'; readonly what: string };

const ASKED = new Set([...NAMESPACE_OPTIONS.keys(), '--cap-add', '--security-opt']);

/** Host namespaces, every capability, and seccomp, AppArmor or SELinux switched off: what --privileged grants, in parts. */
function weakenedIsolation(args: readonly ShellWord[]): Weakening[] {
  return flags(args, ASKED).flatMap((f): Weakening[] => {
    const namespace = NAMESPACE_OPTIONS.get(f.name);
    if (namespace !== undefined) return f.value === 'host' ? [{ ...f, messageId: 'hostNamespace', what: namespace }] : [];
    if (f.name === '--cap-add') return f.value.split(',').some((cap) => /^(?:CAP_)?ALL$/i.test(cap.trim())) ? [{ ...f, messageId: 'capAll', what: 'ALL' }] : [];
    const m = UNCONFINED.exec(f.value);
    return m ? [{ ...f, messageId: 'unconfined', what: m[1] ? (m[1].toLowerCase() === 'seccomp' ? 'seccomp' : 'AppArmor') : 'SELinux' }] : [];
  });
}

/** The finding of a flag that weakens isolation, quoting the flag as written. */
function weakening(file: YamlFile, f: Weakening, program: string): RawFinding {
  const flag = file.text.slice(f.start, f.end).replace(/\s+/g, ' ');
  return { range: file.lines.rangeOf(f.start, f.end), messageId: f.messageId, args: { program, flag, namespace: f.what, filter: f.what } };
}

/** `docker run --privileged` or the Docker socket mounted into a container in a CI script. */
export const dockerPrivileged = defineYamlRule({
  id: 'ci/docker-privileged',
  kind: 'pipeline',
  title: { en: 'CI must not run privileged containers or mount the Docker socket', de: 'CI darf keine privilegierten Container starten und keinen Docker-Socket einhängen' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-4.1.1', 'CL-2.2.4', 'CL-2.1.3', 'CL-2.2.1', 'CL-2.2.2'],
  equivalents: [],
  messages: {
    privileged: {
      en: '{program} run --privileged gives the container root on the CI runner; drop the flag or grant single capabilities.',
      de: '{program} run --privileged gibt dem Container Root auf dem CI-Runner; das Flag entfernen oder einzelne Capabilities gewähren.',
    },
    hostNamespace: {
      en: '{program} {flag} shares the CI runner\'s {namespace} namespace with the container, which then sees and reaches what runs on the runner; remove it (publish ports with -p instead of the host network).',
      de: '{program} {flag} teilt den {namespace}-Namespace des CI-Runners mit dem Container, der dann sieht und erreicht, was auf dem Runner läuft; entfernen (Ports mit -p veröffentlichen statt des Host-Netzwerks).',
    },
    capAll: {
      en: '{program} {flag} gives the container every Linux capability, close to --privileged on the CI runner; add only the capabilities the tool needs.',
      de: '{program} {flag} gibt dem Container jede Linux-Capability, fast --privileged auf dem CI-Runner; nur die Capabilities hinzufügen, die das Werkzeug braucht.',
    },
    unconfined: {
      en: '{program} {flag} switches the container\'s {filter} confinement off on the CI runner; remove it, or apply a profile written for the tool.',
      de: '{program} {flag} schaltet die {filter}-Einschränkung des Containers auf dem CI-Runner ab; entfernen oder ein für das Werkzeug geschriebenes Profil anwenden.',
    },
    socket: {
      en: 'Mounting the Docker socket into a container hands it control of the runner\'s Docker daemon (root on the host).',
      de: 'Der eingehängte Docker-Socket gibt dem Container die Kontrolle über den Docker-Daemon des Runners (Root auf dem Host).',
    },
  },
  docs: {
    rationale: {
      en: 'A privileged container or the Docker socket lets a compromised build step take over the runner and every secret on it (least privilege in CI). The parts of --privileged do so piece by piece: `--cap-add ALL` grants every capability, `--pid=host`, `--network=host`, `--ipc=host` (and uts, userns, cgroupns) share the runner\'s namespaces, `--security-opt seccomp=unconfined`, `apparmor=unconfined` and `label=disable` switch off the filters that block kernel-exploit and escape paths.',
      de: 'Ein privilegierter Container oder der Docker-Socket lässt einen kompromittierten Build-Schritt den Runner und jedes Geheimnis darauf übernehmen (minimale Rechte in CI). Die Teile von --privileged tun es Stück für Stück: `--cap-add ALL` gewährt jede Capability, `--pid=host`, `--network=host`, `--ipc=host` (und uts, userns, cgroupns) teilen die Namespaces des Runners, `--security-opt seccomp=unconfined`, `apparmor=unconfined` und `label=disable` schalten die Filter ab, die Kernel-Exploits und Ausbrüche verhindern.',
    },
    fix: {
      en: 'Remove --privileged (the quick fix does), and --cap-add ALL, host namespaces and unconfined security options; build with rootless BuildKit, kaniko or buildah instead of the socket.',
      de: '--privileged entfernen (die Schnellkorrektur tut es), ebenso --cap-add ALL, Host-Namespaces und abgeschaltete Sicherheitsoptionen; mit rootless BuildKit, kaniko oder buildah statt des Sockets bauen.',
    },
    bad: '- run: docker run --privileged -v /var/run/docker.sock:/var/run/docker.sock tool',
    good: '- run: docker run --cap-drop ALL tool',
  },
  fixable: true,
  check(file) {
    const p = pipelineOf(file);
    if (!p) return [];
    const out: RawFinding[] = [];
    if (p.flavour === 'github-workflow') for (const job of p.jobs) out.push(...jobContainers(file, job));
    for (const { step, command: c } of pipelineCommands(p)) {
      if ((c.name !== 'docker' && c.name !== 'podman') || !['run', 'create'].includes(c.args[0]?.value ?? '')) continue;
      for (let i = 1; i < c.args.length; i++) {
        const a = c.args[i]!;
        if (a.value === '--privileged' || a.value === '--privileged=true') {
          const edits = removeWord(file.lines, a);
          const fix = edits && { title: { en: 'Remove --privileged', de: '--privileged entfernen' }, edits };
          out.push({ range: step.rangeAt(a.start, a.end), messageId: 'privileged', args: { program: c.name }, ...(fix ? { fix } : {}) });
        }
        const mount = a.value === '-v' || a.value === '--volume' || a.value === '--mount' ? c.args[i + 1] : /^(?:-v|--volume=|--mount=)/.test(a.value) ? a : undefined;
        if (mount && SOCKET.test(mount.value.replace(/^(?:-v|--volume=|--mount=)/, ''))) out.push({ range: step.rangeAt(mount.start, mount.end), messageId: 'socket' });
      }
      // which of these the tool needs is the author's decision: no fix
      for (const f of weakenedIsolation(c.args.slice(1))) out.push(weakening(file, f, c.name));
    }
    return out;
  },
});
