import type { RuleMeta } from './types';

/** Reported when a rule throws: the other rules still run. */
export const INTERNAL_ERROR: RuleMeta = {
  id: 'bollwerk/internal-error',
  kind: 'dockerfile',
  title: { en: 'A rule failed on this file', de: 'Eine Regel ist an dieser Datei gescheitert' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: {
    default: {
      en: 'Rule {rule} failed on this file ({detail}); its findings are missing. Please report this.',
      de: 'Regel {rule} ist an dieser Datei gescheitert ({detail}); ihre Befunde fehlen. Bitte melden.',
    },
  },
  docs: {
    rationale: { en: 'A rule threw an exception. The other rules ran; this one did not.', de: 'Eine Regel hat eine Ausnahme ausgelöst. Die anderen Regeln liefen, diese nicht.' },
    fix: { en: 'Report the file and the message to the Bollwerk maintainers.', de: 'Die Datei und die Meldung an die Bollwerk-Maintainer melden.' },
    bad: '',
    good: '',
  },
  fixable: false,
};

/** Reported for YAML syntax errors in a recognised Compose file or manifest. */
export const PARSE_ERROR: RuleMeta = {
  id: 'bollwerk/parse-error',
  kind: 'kubernetes',
  title: { en: 'The file is not valid YAML', de: 'Die Datei ist kein gültiges YAML' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: { default: { en: 'YAML syntax error: {detail}', de: 'YAML-Syntaxfehler: {detail}' } },
  docs: {
    rationale: { en: 'Parts of a file that do not parse cannot be checked.', de: 'Teile einer Datei, die sich nicht parsen lassen, können nicht geprüft werden.' },
    fix: { en: 'Correct the YAML syntax.', de: 'Die YAML-Syntax korrigieren.' },
    bad: 'key: [unclosed',
    good: 'key: [closed]',
  },
  fixable: false,
};

/** Reported on the template line (or Chart.yaml) of a Helm chart that does not render: none of its manifests could be checked. */
export const RENDER_ERROR: RuleMeta = {
  id: 'helm/render-error',
  kind: 'kubernetes',
  title: { en: 'The Helm chart does not render', de: 'Das Helm-Chart lässt sich nicht rendern' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: { default: { en: 'The chart does not render, so its manifests were not checked: {detail}', de: 'Das Chart lässt sich nicht rendern, seine Manifeste wurden daher nicht geprüft: {detail}' } },
  docs: {
    rationale: { en: 'Findings of a chart come from its rendered manifests; a chart that fails to render (as helm template would fail) cannot be checked.', de: 'Die Befunde eines Charts stammen aus seinen gerenderten Manifesten; ein Chart, das sich nicht rendern lässt (wie helm template scheitern würde), kann nicht geprüft werden.' },
    fix: { en: 'Correct the template or values named in the message, or say in .bollwerk.yaml (helm:) with which values the chart is rendered.', de: 'Die in der Meldung genannte Vorlage oder die Werte korrigieren, oder in .bollwerk.yaml (helm:) angeben, mit welchen Werten das Chart gerendert wird.' },
    bad: 'image: {{ required "image.tag is required" .Values.image.tag }}',
    good: 'image: {{ .Values.image.tag | default "1.27" }}',
  },
  fixable: false,
};

/** The engine's own pseudo-rules, listed beside the catalogue in SARIF and `bollwerk rules`. */
export const ENGINE_RULES: readonly RuleMeta[] = [INTERNAL_ERROR, PARSE_ERROR, RENDER_ERROR];
