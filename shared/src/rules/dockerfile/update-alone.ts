import { defineDockerfileRule } from '../../define';
import { cisDocker } from '../../checklist/external';
import type { DockerfileFile, Instruction } from '../../parse/dockerfile';
import type { ResolvedCommand } from '../../parse/shell';
import type { Fix, RawFinding } from '../../types';
import { isSub, packageCommand } from './support/packages';
import { runs, type RunInfo } from './support/stages';

/** Subcommands that only refresh the index or tidy up; every other one of the manager reads the index. */
const NOT_USING_INDEX = new Set(['update', 'clean', 'autoclean', 'autoremove', 'cache']);

/** The manager whose index this command refreshes (`apt-get update`, `apk update`), or undefined. */
function indexUpdate(c: ResolvedCommand): 'apt' | 'apk' | undefined {
  const p = packageCommand(c);
  return isSub(p, 'update') && (p.manager === 'apt' || p.manager === 'apk') ? p.manager : undefined;
}

/** True when the command installs or upgrades with that manager, reading the index (`apk --update add` refreshes it itself). */
function usesIndex(c: ResolvedCommand, manager: 'apt' | 'apk'): boolean {
  const p = packageCommand(c);
  return p?.manager === manager && p.sub !== undefined && !NOT_USING_INDEX.has(p.sub.value);
}

/**
 * The fix for a RUN that is only the update: the update moves to the front of the next
 * instruction, a shell-form RUN that installs with the same manager (`RUN apt-get update && apt-get
 * install …`), and its own line goes. Undefined unless the RUN stands alone on its line.
 */
function joinFix(file: DockerfileFile, run: RunInfo, next: RunInfo | undefined, manager: 'apt' | 'apk'): Fix | undefined {
  if (!next || run.script.form !== 'shell' || run.script.heredoc || run.instruction.getFlags().length > 0) return undefined;
  if (next.script.form !== 'shell' || next.script.heredoc || !next.commands.some((c) => usesIndex(c, manager))) return undefined;
  const words = run.script.commands.flatMap((c) => c.words);
  const first = words[0];
  const last = words[words.length - 1];
  const nextFirst = next.script.commands[0]?.words[0];
  if (!first || !last || !nextFirst) return undefined;
  const update = file.text.slice(first.start, last.end);
  const lineStart = file.text.lastIndexOf('\n', run.instruction.start - 1) + 1;
  const lineEnd = file.text.indexOf('\n', run.instruction.end);
  if (/[\n\\]/.test(update) || file.text.slice(lineStart, run.instruction.start).trim() !== '' || lineEnd < 0 || file.text.slice(run.instruction.end, lineEnd).trim() !== '') return undefined;
  const at = file.lines.positionAt(nextFirst.start);
  return {
    title: { en: 'Join the update to the install', de: 'Das Update mit der Installation verbinden' },
    edits: [
      { range: file.lines.rangeOf(lineStart, lineEnd + 1), newText: '' },
      { range: { start: at, end: at }, newText: `${update} && ` },
    ],
  };
}

/** The RUN after this one in the same stage, when it is the very next instruction. */
function nextRun(list: readonly RunInfo[], r: number): RunInfo | undefined {
  const run = list[r]!;
  const next = list[r + 1];
  if (!next || next.stage !== run.stage) return undefined;
  const instructions: readonly Instruction[] = run.stage.instructions;
  return instructions[instructions.indexOf(run.instruction) + 1] === next.instruction ? next : undefined;
}

/** `apt-get update` or `apk update` in a RUN that installs nothing with it (Checkov CKV_DOCKER_5). */
export const updateAlone = defineDockerfileRule({
  id: 'dockerfile/update-alone',
  kind: 'dockerfile',
  title: { en: 'Update the package index in the RUN that installs', de: 'Paketindex im RUN aktualisieren, das installiert' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-1.2.1'],
  external: [cisDocker('4.7')],
  equivalents: ['checkov:CKV_DOCKER_5', 'trivy:DS017'],
  messages: {
    default: {
      en: '{command} stands in a RUN that installs nothing: its layer is cached, so a later install reads an index as old as that layer; run it in the RUN that installs (… update && … install).',
      de: '{command} steht in einem RUN, das nichts installiert: seine Schicht wird zwischengespeichert, also liest eine spätere Installation einen Index so alt wie diese Schicht; im installierenden RUN ausführen (… update && … install).',
    },
  },
  docs: {
    rationale: {
      en: 'Docker reuses a cached layer as long as its instruction is unchanged. An update in a RUN of its own is therefore run once and kept: installs in later RUNs, rebuilt when they change, read that old index and miss security updates, or fail when its packages are gone from the mirror.',
      de: 'Docker verwendet eine zwischengespeicherte Schicht weiter, solange ihre Anweisung gleich bleibt. Ein Update in einem eigenen RUN läuft daher einmal und bleibt: Installationen in späteren RUNs, neu gebaut, wenn sie sich ändern, lesen diesen alten Index und verpassen Sicherheitsupdates oder scheitern, wenn seine Pakete vom Mirror verschwunden sind.',
    },
    fix: {
      en: 'Run the update and the install in one RUN: `RUN apt-get update && apt-get install -y … && rm -rf /var/lib/apt/lists/*`, or `apk add --no-cache …`, which needs no update.',
      de: 'Update und Installation in einem RUN ausführen: `RUN apt-get update && apt-get install -y … && rm -rf /var/lib/apt/lists/*`, oder `apk add --no-cache …`, das kein Update braucht.',
    },
    bad: 'RUN apt-get update\nRUN apt-get install -y curl',
    good: 'RUN apt-get update && apt-get install -y curl',
  },
  fixable: true,
  check(file) {
    const findings: RawFinding[] = [];
    const list = runs(file);
    for (let r = 0; r < list.length; r++) {
      const run = list[r]!;
      const commands = run.commands;
      for (let k = 0; k < commands.length; k++) {
        const manager = indexUpdate(commands[k]!);
        if (!manager || commands.some((c) => usesIndex(c, manager))) continue;
        const c = commands[k]!;
        const sub = packageCommand(c)!.sub!;
        const onlyUpdate = commands.every((o) => indexUpdate(o) === manager);
        const fix = onlyUpdate ? joinFix(file, run, nextRun(list, r), manager) : undefined;
        findings.push({ range: file.lines.rangeOf(c.nameWord.start, sub.end), args: { command: `${c.nameWord.value} ${sub.value}` }, ...(fix ? { fix } : {}) });
        break;
      }
    }
    return findings;
  },
});
