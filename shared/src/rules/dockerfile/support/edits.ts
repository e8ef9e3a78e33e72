import type { DockerfileFile } from '../../../parse/dockerfile';
import type { ShellCommand, ShellWord } from '../../../parse/shell';
import type { Fix, Localized } from '../../../types';
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
