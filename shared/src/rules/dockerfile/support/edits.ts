import type { DockerfileFile } from '../../../parse/dockerfile';
import type { ResolvedCommand, ShellCommand, ShellWord } from '../../../parse/shell';
import type { Fix, Localized, RawFinding } from '../../../types';
import { hasOption, isSub, packageCommand } from './packages';
import type { RunInfo } from './stages';

/** A fix that inserts an option right after a word of a RUN: ` --flag` in shell form, `, "--flag"` inside an exec-form array. */
export function insertOptionFix(file: DockerfileFile, run: RunInfo, command: ShellCommand, word: ShellWord, option: string, title: Localized): Fix {
  const json = run.script.form === 'exec' && run.script.commands[0] === command;
  const at = file.lines.positionAt(word.end);
  return { title, edits: [{ range: { start: at, end: at }, newText: json ? `, ${JSON.stringify(option)}` : ` ${option}` }] };
}

/** A fix that appends ` && <command>` to a shell-form RUN whose end is certain; undefined otherwise. */
export function appendCommandFix(file: DockerfileFile, run: RunInfo, text: string, title: Localized): Fix | undefined {
  const at = run.script.appendAt;
  if (run.script.form !== 'shell' || run.script.heredoc || at === null) return undefined;
  const pos = file.lines.positionAt(at);
  return { title, edits: [{ range: { start: pos, end: pos }, newText: ` && ${text}` }] };
}

/**
 * The `<manager> <sub>` commands of a RUN without `option` (and not `exempt`): a finding on each
 * subcommand, with a fix that inserts the option after it (apk add --no-cache, pip install
 * --no-cache-dir, apt-get install --no-install-recommends).
 */
export function missingOptionFindings(file: DockerfileFile, run: RunInfo, manager: string, sub: string, option: string, exempt?: (command: ResolvedCommand) => boolean): RawFinding[] {
  const findings: RawFinding[] = [];
  const commands = run.commands;
  for (let k = 0; k < commands.length; k++) {
    const c = commands[k]!;
    const p = packageCommand(c);
    if (!isSub(p, sub) || p.manager !== manager || hasOption(p, option) || exempt?.(c)) continue;
    const fix = insertOptionFix(file, run, c.command, p.sub, option, { en: `Add ${option}`, de: `${option} ergänzen` });
    findings.push({ range: file.lines.rangeOf(p.sub.start, p.sub.end), fix });
  }
  return findings;
}
