import { defineYamlRule } from '../../define';
import { isSecretName } from '../../facts/secrets';
import { pipelineCommands, pipelineOf, type CommandInStep } from '../../parse/pipeline';
import type { ShellWord } from '../../parse/shell';
import type { RawFinding } from '../../types';

const SECRET_EXPR = /\$\{\{\s*secrets\.[A-Za-z0-9_]+\s*\}\}/;
/** Programs that print their arguments. */
const PRINTERS = new Set(['echo', 'printf']);
/** Programs that print their standard input (a here-string) when given no file: `cat <<< "$TOKEN"`. */
const STDIN_PRINTERS = new Set(['cat', 'tee', 'base64', 'xxd', 'od', 'hexdump']);
/** `$NAME` and `${NAME…}`; `${NAME:+…}` and `${NAME+…}` print the alternative, not the value, and `${#NAME}` its length. */
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** The redirection operator before a redirect's target: an optional descriptor, the operator. */
const REDIRECT_OP = /(\d*|&)(<<<|>>|>\||>&|>|<&|<>|<)\s*$/;

/** The first secret-named variable a word expands, reading the word's text so single-quoted `'$TOKEN'` stays literal. */
function secretVariable(text: string, word: ShellWord): string | undefined {
  if (!word.dynamic) return undefined;
  let raw = '';
  let double = false;
  for (let i = word.start; i < word.end; i++) {
    const ch = text[i]!;
    if (ch === '"') double = !double;
    else if (ch === "'" && !double) {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= word.end ? word.end : close;
      raw += ' ';
    } else if (ch === '\\') {
      i++;
      raw += ' ';
    } else raw += ch;
  }
  for (const m of raw.matchAll(VARIABLE)) {
    const name = m[1] ?? m[3]!;
    if (m[2] !== undefined && /^:?\+/.test(m[2])) continue;
    if (isSecretName(name)) return name;
  }
  return undefined;
}

/** The redirection operator written before a redirect target. */
const operatorOf = (text: string, target: ShellWord): RegExpExecArray | null => REDIRECT_OP.exec(text.slice(Math.max(0, target.start - 8), target.start));

/** True when the command's standard output reaches the job log: not piped into the next command, not redirected to a file. */
function printsToLog(text: string, at: CommandInStep, k: number): boolean {
  if (at.step.commands[k + 1]?.command.op === '|') return false;
  return !at.command.command.redirects.some((r) => {
    const op = operatorOf(text, r);
    return op !== null && (op[2] === '>' || op[2] === '>>' || op[2] === '>|') && (op[1] === '' || op[1] === '1' || op[1] === '&');
  });
}

/** A secret expanded into the arguments of echo/printf in a CI script (printed into the log unless masked). */
export const secretEchoed = defineYamlRule({
  id: 'ci/secret-echoed',
  kind: 'pipeline',
  title: { en: 'CI scripts must not print secrets', de: 'CI-Skripte dürfen keine Geheimnisse ausgeben' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-3.1.1', 'CL-3.2.3'],
  equivalents: ['zizmor:template-injection'],
  messages: {
    default: {
      en: '{program} writes a secret expanded into the script; masking misses transformed values and the value lands in the script file. Pass it through env: and never print it.',
      de: '{program} schreibt ein in das Skript eingesetztes Geheimnis; die Maskierung verfehlt umgeformte Werte, und der Wert landet in der Skriptdatei. Über env: übergeben und nie ausgeben.',
    },
    variable: {
      en: '{program} prints the variable {name}, whose name says it holds a secret, into the job log; masking misses short, encoded and split values. Do not print it; pipe it to the program that needs it (--password-stdin) or write it to a file.',
      de: '{program} gibt die Variable {name}, deren Name auf ein Geheimnis deutet, ins Job-Log aus; die Maskierung verfehlt kurze, kodierte und geteilte Werte. Nicht ausgeben; an das Programm leiten, das ihn braucht (--password-stdin), oder in eine Datei schreiben.',
    },
  },
  docs: {
    rationale: {
      en: 'A secret pasted into a script by `${{ secrets.X }}` is written to the runner\'s script file and, printed, to the log; log masking fails on encoded or split values. A secret variable (`$CI_JOB_TOKEN`, `"${DEPLOY_PASSWORD}"`, a here-string `cat <<< "$TOKEN"`) printed by echo, printf or cat lands in the log the same way; GitLab masks only variables marked masked, and none whose value is too short or holds unmaskable characters. A name ending in `_FILE`, `_PATH` or `_URL` holds where the secret is, not the secret.',
      de: 'Ein per `${{ secrets.X }}` eingesetztes Geheimnis steht in der Skriptdatei des Runners und, ausgegeben, im Log; die Log-Maskierung versagt bei kodierten oder geteilten Werten. Eine geheime Variable (`$CI_JOB_TOKEN`, `"${DEPLOY_PASSWORD}"`, ein Here-String `cat <<< "$TOKEN"`), die echo, printf oder cat ausgibt, landet ebenso im Log; GitLab maskiert nur als masked markierte Variablen und keine, deren Wert zu kurz ist oder nicht maskierbare Zeichen enthält. Ein Name auf `_FILE`, `_PATH` oder `_URL` nennt den Ort des Geheimnisses, nicht das Geheimnis.',
    },
    fix: {
      en: 'Map the secret to an environment variable with `env:` and do not echo it; hand it to a program on its standard input (`printf \'%s\' "$TOKEN" | docker login --password-stdin`) or write it to a file.',
      de: 'Das Geheimnis mit `env:` einer Umgebungsvariablen zuordnen und nicht ausgeben; es einem Programm über die Standardeingabe geben (`printf \'%s\' "$TOKEN" | docker login --password-stdin`) oder in eine Datei schreiben.',
    },
    bad: '- run: echo "${{ secrets.TOKEN }}" > token',
    good: '- run: ./deploy\n  env:\n    TOKEN: ${{ secrets.TOKEN }}',
  },
  fixable: false,
  check(file) {
    const p = pipelineOf(file);
    if (!p) return [];
    const out: RawFinding[] = [];
    const text = file.text;
    for (const at of pipelineCommands(p)) {
      const { step, command: c } = at;
      const printer = PRINTERS.has(c.name);
      if (!printer && !STDIN_PRINTERS.has(c.name)) continue;
      // an expression is pasted into the script file whatever happens to the output
      const pasted = printer ? c.args.find((a) => SECRET_EXPR.test(a.value)) : undefined;
      if (pasted) {
        out.push({ range: step.rangeAt(c.nameWord.start, pasted.end), args: { program: c.name } });
        continue;
      }
      if (!printsToLog(text, at, step.commands.indexOf(c))) continue;
      // `cat file <<< …` and `base64 file` read the file, not the here-string; tee copies its input to the output anyway
      const readsStdin = c.name === 'tee' || !c.args.some((a) => !a.value.startsWith('-'));
      // echo and printf print their arguments and ignore their input
      const sources = printer ? c.args : readsStdin ? c.command.redirects.filter((r) => operatorOf(text, r)?.[2] === '<<<') : [];
      for (const word of sources) {
        if (!printer && SECRET_EXPR.test(word.value)) {
          out.push({ range: step.rangeAt(c.nameWord.start, word.end), args: { program: c.name } });
          break;
        }
        const name = secretVariable(text, word);
        if (name) {
          out.push({ range: step.rangeAt(c.nameWord.start, word.end), messageId: 'variable', args: { program: c.name, name } });
          break;
        }
      }
    }
    return out;
  },
});
