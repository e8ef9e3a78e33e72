import { defineDockerfileRule } from '../../define';
import { resolveCommand, type ResolvedCommand, type ShellCommand } from '../../parse/shell';
import type { RawFinding } from '../../types';
import { forEachShellCommand } from './support/stages';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const INTERPRETERS = /^(python[\d.]*|perl|ruby|node|php)$/;
const SUBSTITUTED = /(\$\(|<\(|`)\s*(curl|wget)\b/;

/** True when a downloader writes the download to standard output (curl by default, wget only with `-O -`). */
function writesStdout(c: ResolvedCommand): boolean {
  const a = c.args.map((w) => w.value);
  const valueOf = (k: number): string => a[k + 1] ?? '';
  if (c.name === 'wget') return a.some((v, k) => /^-[a-zA-Z]*O-$|^--output-document=-$/.test(v) || (/^-[a-zA-Z]*O$|^--output-document$/.test(v) && (valueOf(k) === '-' || valueOf(k) === '/dev/stdout')));
  if (c.name !== 'curl') return true;
  return !a.some((v, k) => /^-[a-zA-Z]*O$|^--remote-name(-all)?$/.test(v) || (/^-[a-zA-Z]*o$|^--output$/.test(v) && valueOf(k) !== '-' && valueOf(k) !== '/dev/stdout') || (/^-[a-zA-Z]*o.+/.test(v) && !/^-[a-zA-Z]*o-$/.test(v)));
}

/** True when command `k` of `cmds` (resolved: `c`) runs a download: a substituted one, or one piped into its standard input. */
function runsDownload(c: ResolvedCommand, cmds: readonly ShellCommand[], k: number): boolean {
  if ((SHELLS.has(c.name) || INTERPRETERS.test(c.name)) && c.args.some((w) => SUBSTITUTED.test(w.value))) return true;
  if (cmds[k]!.op !== '|' || !runsStdin(c)) return false;
  for (let j = k - 1; j >= 0; j--) {
    const prev = resolveCommand(cmds[j]!);
    if (prev && DOWNLOADERS.has(prev.name) && writesStdout(prev)) return true;
    if (cmds[j]!.op !== '|') break;
  }
  return false;
}

/** True when the command runs its standard input as a script (`sh`, `bash -s`, `python -`). */
function runsStdin(c: ResolvedCommand): boolean {
  if (SHELLS.has(c.name)) {
    if (c.args.some((w) => /^-[a-z]*c[a-z]*$/.test(w.value))) return false;
    // with -s the remaining words are arguments of the script read from stdin
    const s = c.args.findIndex((w) => /^-[a-z]*s[a-z]*$/.test(w.value));
    return !c.args.slice(0, s < 0 ? undefined : s).some((w) => !w.value.startsWith('-') && w.value !== '-');
  }
  if (INTERPRETERS.test(c.name)) return c.args.length === 0 || c.args.every((w) => w.value === '-' || (w.value.startsWith('-') && w.value !== '-c' && w.value !== '-e'));
  return false;
}

/** `curl … | sh`: a downloaded script runs without being checked. */
export const noPipeToShell = defineDockerfileRule({
  id: 'dockerfile/no-pipe-to-shell',
  kind: 'dockerfile',
  title: { en: 'Do not pipe downloads into a shell', de: 'Downloads nicht in eine Shell leiten' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['OTC-C1'],
  messages: {
    default: {
      en: 'A downloaded script runs directly in {shell} without any integrity check; download it to a file, verify its checksum or signature, then run it.',
      de: 'Ein heruntergeladenes Skript läuft ohne Integritätsprüfung direkt in {shell}; in eine Datei laden, Prüfsumme oder Signatur prüfen, dann ausführen.',
    },
  },
  docs: {
    rationale: {
      en: 'Whatever the server (or anyone in between) sends is executed as root during the build, and the next build may run something else. Nothing records what ran.',
      de: 'Was der Server (oder jemand dazwischen) schickt, wird beim Bauen als root ausgeführt, und der nächste Build führt womöglich etwas anderes aus. Nichts hält fest, was lief.',
    },
    fix: {
      en: 'Download to a file, check a pinned checksum (`echo "<sha256>  install.sh" | sha256sum -c -`), then run it; or use a package or ADD --checksum.',
      de: 'In eine Datei laden, eine fixierte Prüfsumme prüfen (`echo "<sha256>  install.sh" | sha256sum -c -`), dann ausführen; oder ein Paket bzw. ADD --checksum verwenden.',
    },
    bad: 'RUN curl -fsSL https://example.com/install.sh | sh',
    good: 'RUN curl -fsSLo install.sh https://example.com/install.sh \\\n && echo "<sha256>  install.sh" | sha256sum -c - \\\n && sh install.sh',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    // the shell's commands, not the resolved ones: a pipeline is read through the operators between them
    forEachShellCommand(file, (command, k, cmds) => {
      const c = resolveCommand(command);
      if (c && runsDownload(c, cmds, k)) findings.push({ range: file.lines.rangeOf(c.nameWord.start, c.nameWord.end), args: { shell: c.name } });
    });
    return findings;
  },
});
