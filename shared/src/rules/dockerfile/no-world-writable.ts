import { defineDockerfileRule } from '../../define';
import type { Range, RawFinding } from '../../types';
import type { ResolvedCommand, ShellWord } from '../../parse/shell';
import { forEachRunCommand } from './support/stages';

/** True when a chmod mode grants write to others without the sticky bit (777, 666, o+w, a+rwx …). */
export function isWorldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    return (Number(digits[3]) & 2) !== 0 && (Number(digits[0]) & 1) === 0;
  }
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    return !!m && (m[1]!.includes('o') || m[1]!.includes('a')) && m[2] !== '-' && m[3]!.includes('w') && !m[3]!.includes('t');
  });
}

const CHMOD_OPTION = /^-(R|v|c|f|-recursive|-verbose|-changes|-silent|-quiet)$/;

const trimSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/**
 * True when a later `rm` of the same RUN removes `path` or a directory above it: nothing of it
 * reaches the layer. A path with a variable (`"$tempDir"` from mktemp) must be removed as written.
 */
function removedLater(commands: readonly ResolvedCommand[], after: number, path: ShellWord): boolean {
  const target = trimSlash(path.value);
  for (let k = after + 1; k < commands.length; k++) {
    const c = commands[k]!;
    if (c.name !== 'rm') continue;
    for (const w of c.args) {
      if (w.value.startsWith('-')) continue;
      const removed = trimSlash(w.value);
      if (path.dynamic || w.dynamic ? removed === target : removed !== '/' && (target === removed || target.startsWith(`${removed}/`))) return true;
    }
  }
  return false;
}

/** `chmod 777`, `chmod o+w`, `COPY --chmod=777`: files anyone in the container can change. */
export const noWorldWritable = defineDockerfileRule({
  id: 'dockerfile/no-world-writable',
  kind: 'dockerfile',
  title: { en: 'Do not make files world-writable', de: 'Dateien nicht für alle beschreibbar machen' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSC-2.1.2'],
  messages: {
    default: {
      en: 'Mode {mode} lets every user in the container write here; give ownership to the application user (chown/--chown) and use 755/644 or narrower.',
      de: 'Modus {mode} lässt jeden Benutzer im Container hier schreiben; den Besitz dem Anwendungsbenutzer geben (chown/--chown) und 755/644 oder enger verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'World-writable files and directories let any process in the container replace code or configuration that others execute. Directories with the sticky bit (chmod 1777, like /tmp) are accepted, and so are paths the same RUN removes again (a temporary build directory): they never reach the layer.',
      de: 'Für alle beschreibbare Dateien und Verzeichnisse lassen jeden Prozess im Container Code oder Konfiguration ersetzen, die andere ausführen. Verzeichnisse mit Sticky-Bit (chmod 1777, wie /tmp) werden akzeptiert, ebenso Pfade, die dasselbe RUN wieder entfernt (ein temporäres Build-Verzeichnis): sie gelangen nie in die Schicht.',
    },
    fix: {
      en: 'Change ownership to the user that needs to write (`chown -R app:app /data` or `COPY --chown=app:app`) and use mode 755 (directories) / 644 (files).',
      de: 'Den Besitz dem Benutzer geben, der schreiben muss (`chown -R app:app /data` oder `COPY --chown=app:app`), und Modus 755 (Verzeichnisse) / 644 (Dateien) verwenden.',
    },
    bad: 'RUN chmod -R 777 /app',
    good: 'RUN chown -R app:app /app && chmod -R 755 /app',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    const report = (range: Range, mode: string): void => void findings.push({ range, args: { mode } });
    forEachRunCommand(file, (c, k, commands) => {
      if (c.name !== 'chmod') return;
      const words = c.args.filter((w) => !CHMOD_OPTION.test(w.value));
      const mode = words[0];
      if (!mode || !isWorldWritable(mode.value)) return;
      const targets = words.slice(1);
      if (targets.length > 0 && targets.every((t) => removedLater(commands, k, t))) return;
      report(file.lines.rangeOf(mode.start, mode.end), mode.value);
    });
    for (const i of file.instructions) {
      if (i.getKeyword() !== 'COPY' && i.getKeyword() !== 'ADD') continue;
      const flag = i.getFlags().find((f) => f.getName() === 'chmod');
      const value = flag?.getValue();
      const range = flag?.getValueRange();
      if (value && range && isWorldWritable(value)) report(range, value);
    }
    return findings;
  },
});
