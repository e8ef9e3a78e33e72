import { defineYamlRule } from '../../define';
import { pipelineCommands, pipelineOf } from '../../parse/pipeline';
import type { RawFinding } from '../../types';

const SECRET_EXPR = /\$\{\{\s*secrets\.[A-Za-z0-9_]+\s*\}\}/;
const PRINTERS = new Set(['echo', 'printf']);

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
  },
  docs: {
    rationale: {
      en: 'A secret pasted into a script by `${{ secrets.X }}` is written to the runner\'s script file and, printed, to the log; log masking fails on encoded or split values.',
      de: 'Ein per `${{ secrets.X }}` eingesetztes Geheimnis steht in der Skriptdatei des Runners und, ausgegeben, im Log; die Log-Maskierung versagt bei kodierten oder geteilten Werten.',
    },
    fix: { en: 'Map the secret to an environment variable with `env:` and do not echo it.', de: 'Das Geheimnis mit `env:` einer Umgebungsvariablen zuordnen und nicht ausgeben.' },
    bad: '- run: echo "${{ secrets.TOKEN }}" > token',
    good: '- run: ./deploy\n  env:\n    TOKEN: ${{ secrets.TOKEN }}',
  },
  fixable: false,
  check(file) {
    const p = pipelineOf(file);
    if (!p) return [];
    const out: RawFinding[] = [];
    for (const { step, command: c } of pipelineCommands(p)) {
      if (!PRINTERS.has(c.name)) continue;
      const word = c.args.find((a) => SECRET_EXPR.test(a.value));
      if (word) out.push({ range: step.rangeAt(c.nameWord.start, word.end), args: { program: c.name } });
    }
    return out;
  },
});
