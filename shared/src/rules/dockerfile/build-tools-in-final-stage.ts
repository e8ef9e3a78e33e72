import { defineDockerfileRule } from '../../define';
import { cisDocker } from '../../checklist/external';
import type { ShellWord } from '../../parse/shell';
import type { RawFinding } from '../../types';
import { hasOption, isSub, packageCommand, packageName } from './support/packages';
import type { DockerfileFile } from '../../parse/dockerfile';
import { forEachRunCommand } from './support/stages';

const BUILD_TOOLS = new Set([
  'gcc', 'g++', 'clang', 'make', 'cmake', 'build-essential', 'build-base', 'autoconf', 'automake', 'libtool', 'pkg-config', 'pkgconf',
  'git', 'curl', 'wget', 'gcc-c++', 'musl-dev', 'libc-dev', 'libc6-dev', 'golang', 'go', 'maven', 'gradle', 'cargo', 'rustc',
]);
const REMOVE = new Set(['purge', 'remove', 'autoremove', 'del', 'erase']);

/** Packages (and apk virtual groups) the RUNs remove again, and whether an apt auto-remove cleanup runs. */
function removals(file: DockerfileFile): { names: Set<string>; autoRemove: boolean } {
  const names = new Set<string>();
  let autoRemove = false;
  forEachRunCommand(file, (c) => {
    const p = packageCommand(c);
    if (!p?.sub || !REMOVE.has(p.sub.value)) return;
    for (const w of p.operands) names.add(packageName(w));
    if (p.manager === 'apt' && (p.sub.value === 'autoremove' || hasOption(p, '--auto-remove', '--autoremove'))) autoRemove = true;
  });
  return { names, autoRemove };
}

/** Build tools installed in the image of a single-stage build. */
export const buildToolsInFinalStage = defineDockerfileRule({
  id: 'dockerfile/build-tools-in-final-stage',
  kind: 'dockerfile',
  title: { en: 'Keep build tools out of the runtime image', de: 'Build-Werkzeuge aus dem Laufzeit-Image heraushalten' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.8', 'CL-1.1.4', 'CL-1.1.5', 'CL-1.2.4', 'CSC-1.3.2', 'CSC-1.3.3'],
  external: [cisDocker('4.3')],
  messages: {
    default: {
      en: 'The build tool {name} is installed in the only stage and ships with the image; build in an earlier stage and copy only the result (multi-stage build).',
      de: 'Das Build-Werkzeug {name} wird in der einzigen Stage installiert und mit dem Image ausgeliefert; in einer früheren Stage bauen und nur das Ergebnis kopieren (Multi-Stage-Build).',
    },
  },
  docs: {
    rationale: {
      en: 'Compilers, make, git and downloaders are what an attacker needs to build and fetch tools inside a compromised container, and they add vulnerabilities to patch. A multi-stage build keeps them in the build stage. Tools removed again in the Dockerfile (apt-get purge, apk del of a --virtual group) and curl/wget used by HEALTHCHECK are not reported.',
      de: 'Compiler, make, git und Download-Werkzeuge sind genau das, was Angreifer in einem kompromittierten Container zum Bauen und Nachladen brauchen, und sie bringen weitere zu patchende Schwachstellen. Ein Multi-Stage-Build hält sie in der Build-Stage. Im Dockerfile wieder entfernte Werkzeuge (apt-get purge, apk del einer --virtual-Gruppe) sowie curl/wget für HEALTHCHECK werden nicht gemeldet.',
    },
    fix: {
      en: 'Split the Dockerfile: `FROM … AS build` installs the tools and builds; the final `FROM` copies the artefacts with `COPY --from=build`.',
      de: 'Das Dockerfile aufteilen: `FROM … AS build` installiert die Werkzeuge und baut; das letzte `FROM` kopiert die Artefakte mit `COPY --from=build`.',
    },
    bad: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && pip install --no-cache-dir -r requirements.txt',
    good: 'FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && pip wheel -w /wheels -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*',
  },
  fixable: false,
  check(file) {
    if (file.stages.length !== 1) return [];
    const removed = removals(file);
    const health = file.instructions.filter((i) => i.getKeyword() === 'HEALTHCHECK').map((i) => i.getTextContent()).join(' ');
    const findings: RawFinding[] = [];
    forEachRunCommand(file, (c, _k, commands) => {
      const p = packageCommand(c);
      if (!isSub(p, 'install', 'add', 'in') || p.manager === 'pip') return;
      if (p.manager === 'apt' && removed.autoRemove && commands.some((x) => x.name === 'apt-mark')) return;
      const virtual = p.options.findIndex((o) => o.value === '--virtual' || o.value === '-t');
      const group = virtual >= 0 ? groupName(c.args, p.options[virtual]!) : undefined;
      if (group && removed.names.has(group.toLowerCase())) return;
      for (const w of p.operands) {
        const name = packageName(w);
        if (!BUILD_TOOLS.has(name) || removed.names.has(name) || (w === groupWord(c.args, p.options[virtual]))) continue;
        if ((name === 'curl' || name === 'wget') && new RegExp(`\\b${name}\\b`).test(health)) continue;
        findings.push({ range: file.lines.rangeOf(w.start, w.end), args: { name } });
      }
    });
    return findings;
  },
});

function groupWord(args: readonly ShellWord[], option: ShellWord | undefined): ShellWord | undefined {
  if (!option) return undefined;
  return args[args.indexOf(option) + 1];
}

function groupName(args: readonly ShellWord[], option: ShellWord): string | undefined {
  return groupWord(args, option)?.value;
}
