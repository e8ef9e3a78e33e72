import { defineYamlRule } from '../../define';
import { pipelineCommands, pipelineOf, type PipelineJob } from '../../parse/pipeline';
import { isMap, isScalar, mapGet, seqItems, type YamlFile } from '../../parse/yaml';
import { removeWord } from '../../shell-edit';
import type { RawFinding } from '../../types';

const SOCKET = /(?:^|[=:,])\/(?:var\/)?run\/docker\.sock(?:[:,]|$)/;

/**
 * A GitHub job's `container:` and `services:` containers (the runner starts them with `docker create`
 * and their `options:`): `--privileged` among the options, the socket among `volumes:`.
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

/** `docker run --privileged` or the Docker socket mounted into a container in a CI script. */
export const dockerPrivileged = defineYamlRule({
  id: 'ci/docker-privileged',
  kind: 'pipeline',
  title: { en: 'CI must not run privileged containers or mount the Docker socket', de: 'CI darf keine privilegierten Container starten und keinen Docker-Socket einhängen' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-4.1.1', 'CL-2.2.4'],
  equivalents: [],
  messages: {
    privileged: {
      en: '{program} run --privileged gives the container root on the CI runner; drop the flag or grant single capabilities.',
      de: '{program} run --privileged gibt dem Container Root auf dem CI-Runner; das Flag entfernen oder einzelne Capabilities gewähren.',
    },
    socket: {
      en: 'Mounting the Docker socket into a container hands it control of the runner\'s Docker daemon (root on the host).',
      de: 'Der eingehängte Docker-Socket gibt dem Container die Kontrolle über den Docker-Daemon des Runners (Root auf dem Host).',
    },
  },
  docs: {
    rationale: {
      en: 'A privileged container or the Docker socket lets a compromised build step take over the runner and every secret on it (least privilege in CI).',
      de: 'Ein privilegierter Container oder der Docker-Socket lässt einen kompromittierten Build-Schritt den Runner und jedes Geheimnis darauf übernehmen (minimale Rechte in CI).',
    },
    fix: { en: 'Remove --privileged; build with rootless BuildKit, kaniko or buildah instead of the socket.', de: '--privileged entfernen; mit rootless BuildKit, kaniko oder buildah statt des Sockets bauen.' },
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
    }
    return out;
  },
});
