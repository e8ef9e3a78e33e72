import { defineDockerfileRule } from '../../define';
import type { DockerfileFile, Instruction } from '../../parse/dockerfile';
import { instructionScript } from '../../parse/shell';
import type { Fix, RawFinding } from '../../types';
import { parentStages } from './support/stages';

const PLAIN_WORD = /^[A-Za-z0-9_./:,@%+=-]+$/;

/** The exec-form text for a shell-form command when it is plain words only; undefined when shell syntax is involved. */
function execForm(file: DockerfileFile, instruction: Instruction): string | undefined {
  const range = instruction.getArgumentsRange();
  if (!range || range.start.line !== range.end.line) return undefined;
  const script = instructionScript(file, instruction);
  const only = script.commands[0];
  if (script.commands.length !== 1 || !only || only.redirects.length > 0 || script.heredoc) return undefined;
  const raw = file.text.slice(file.lines.offsetAt(range.start), file.lines.offsetAt(range.end));
  if (/[#\\'"`$*?[\]{}~;&|<>()]/.test(raw)) return undefined;
  const words = only.words.map((w) => w.value);
  if (words.length === 0 || !words.every((w) => PLAIN_WORD.test(w)) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) return undefined;
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/** For each stage, which of CMD and ENTRYPOINT the stage or a stage it builds on has (one pass over the stages). */
function chainKeywords(file: DockerfileFile): Set<string>[] {
  const parent = parentStages(file);
  const sets: Set<string>[] = [];
  for (const stage of file.stages) {
    const p = parent[stage.index]!;
    const set = new Set<string>(p >= 0 ? sets[p] : []);
    const instructions = stage.instructions;
    for (let k = 0; k < instructions.length; k++) if (instructions[k]!.keyword === 'CMD' || instructions[k]!.keyword === 'ENTRYPOINT') set.add(instructions[k]!.keyword);
    sets.push(set);
  }
  return sets;
}

/** Shell-form CMD and ENTRYPOINT: the process runs under /bin/sh -c and does not receive signals. */
export const execFormRule = defineDockerfileRule({
  id: 'dockerfile/exec-form',
  kind: 'dockerfile',
  title: { en: 'Use the exec form for CMD and ENTRYPOINT', de: 'Exec-Form für CMD und ENTRYPOINT verwenden' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['ART-1.6'],
  equivalents: ['hadolint:DL3025'],
  messages: {
    default: {
      en: '{keyword} in shell form runs under /bin/sh -c: the process does not get SIGTERM and a shell interprets the command; write it as a JSON array.',
      de: '{keyword} in Shell-Form läuft unter /bin/sh -c: der Prozess bekommt kein SIGTERM, und eine Shell interpretiert den Befehl; als JSON-Array schreiben.',
    },
  },
  docs: {
    rationale: {
      en: 'In shell form the shell is PID 1: stop signals do not reach the application (containers are killed after the timeout), and the command line is subject to shell expansion. The exec form starts the program directly. The fix is offered only when the command is plain words without shell syntax and the change keeps its meaning (no ENTRYPOINT/CMD combination affected).',
      de: 'In Shell-Form ist die Shell PID 1: Stop-Signale erreichen die Anwendung nicht (Container werden nach dem Timeout getötet), und die Befehlszeile unterliegt der Shell-Expansion. Die Exec-Form startet das Programm direkt. Der Fix wird nur angeboten, wenn der Befehl aus einfachen Wörtern ohne Shell-Syntax besteht und die Änderung seine Bedeutung behält (keine ENTRYPOINT/CMD-Kombination betroffen).',
    },
    fix: { en: 'Write `CMD ["node", "server.js"]` instead of `CMD node server.js`.', de: '`CMD ["node", "server.js"]` statt `CMD node server.js` schreiben.' },
    bad: 'CMD node server.js',
    good: 'CMD ["node", "server.js"]',
  },
  fixable: true,
  check(file) {
    const findings: RawFinding[] = [];
    const inChain = chainKeywords(file);
    for (const stage of file.stages) {
      const has = (k: string): boolean => inChain[stage.index]!.has(k);
      const instructions = stage.instructions;
      for (let k = 0; k < instructions.length; k++) {
        const i = instructions[k]!;
        const keyword = i.getKeyword();
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
        const range = i.getArgumentsRange();
        const script = instructionScript(file, i);
        // `exec prog …` already replaces the shell, so signals reach the program
        if (!range || script.form === 'exec' || script.commands[0]?.words[0]?.value === 'exec') continue;
        const other = keyword === 'CMD' ? 'ENTRYPOINT' : 'CMD';
        const json = has(other) ? undefined : execForm(file, i);
        const fix: Fix | undefined = json ? { title: { en: 'Convert to exec form', de: 'In Exec-Form umwandeln' }, edits: [{ range, newText: json }] } : undefined;
        findings.push({ range, args: { keyword }, ...(fix ? { fix } : {}) });
      }
    }
    return findings;
  },
});
