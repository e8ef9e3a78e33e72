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

/** Reported for a key written twice in one mapping of a manifest or Compose file (YAML or JSON). */
export const DUPLICATE_KEY: RuleMeta = {
  id: 'bollwerk/duplicate-key',
  kind: 'kubernetes',
  title: { en: 'A key is written twice in one mapping', de: 'Ein Schlüssel steht zweimal in einer Abbildung' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: {
    default: {
      en: 'Key "{key}" is written twice in this mapping (first on line {line}). Kubernetes uses this later value; Compose and strict decoders reject the file. Keep one of them.',
      de: 'Schlüssel "{key}" steht zweimal in dieser Abbildung (zuerst in Zeile {line}). Kubernetes verwendet diesen späteren Wert; Compose und strikte Decoder lehnen die Datei ab. Nur einen davon behalten.',
    },
  },
  docs: {
    rationale: {
      en: 'The API server (sigs.k8s.io/yaml, encoding/json) keeps the last of two equal keys, so the value a reader sees first is not the one that runs. A merge conflict or a hostile patch often causes this; the rules check the last value, as Kubernetes does.',
      de: 'Der API-Server (sigs.k8s.io/yaml, encoding/json) behält von zwei gleichen Schlüsseln den letzten; der Wert, den man zuerst liest, ist also nicht der, der läuft. Oft ist das ein Merge-Konflikt oder ein böswilliger Patch; die Regeln prüfen wie Kubernetes den letzten Wert.',
    },
    fix: { en: 'Delete the key that should not be there.', de: 'Den Schlüssel löschen, der nicht dorthin gehört.' },
    bad: 'securityContext:\n  privileged: false\n  privileged: true',
    good: 'securityContext:\n  privileged: false',
  },
  fixable: false,
};

/** Reported for a recognised file that a limit kept from being checked, or checked only in part. */
export const NOT_CHECKED: RuleMeta = {
  id: 'bollwerk/not-checked',
  kind: 'kubernetes',
  title: { en: 'The file was not (fully) checked', de: 'Die Datei wurde nicht (vollständig) geprüft' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: {
    default: { en: 'Not (fully) checked: {detail}', de: 'Nicht (vollständig) geprüft: {detail}' },
  },
  docs: {
    rationale: {
      en: 'A file skipped for its size, nesting depth, binary content or encoding, or checked only up to a document limit or an alias-expansion limit, may hide anything. It is reported so that a scan never ends as "no problems" without having read it.',
      de: 'Eine Datei, die wegen Größe, Verschachtelungstiefe, binärem Inhalt oder Kodierung übersprungen oder nur bis zu einer Dokument- oder Alias-Grenze geprüft wurde, kann alles verbergen. Sie wird gemeldet, damit ein Scan nie ungelesen mit „keine Probleme“ endet.',
    },
    fix: {
      en: 'Split the file, raise maxFileBytes in .bollwerk.yaml, or save it as UTF-8; set the rule to "off" only for files you check otherwise.',
      de: 'Die Datei teilen, maxFileBytes in .bollwerk.yaml erhöhen oder sie als UTF-8 speichern; die Regel nur für anders geprüfte Dateien auf "off" setzen.',
    },
    bad: '',
    good: '',
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

/** Reported on the kustomization line of a deployable unit that does not build: none of its resources could be checked. */
export const BUILD_ERROR: RuleMeta = {
  id: 'kustomize/build-error',
  kind: 'kubernetes',
  title: { en: 'The kustomization does not build', de: 'Die Kustomization lässt sich nicht bauen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: [],
  messages: { default: { en: 'The kustomization /{unit} does not build: {detail}', de: 'Die Kustomization /{unit} lässt sich nicht bauen: {detail}' } },
  docs: {
    rationale: {
      en: 'Findings of a kustomization come from what it deploys, its build; a kustomization that fails to build (as kustomize build would fail: a missing file, a cycle, a conflicting patch, a remote resource that is not fetched) cannot be checked.',
      de: 'Die Befunde einer Kustomization stammen aus dem, was sie ausliefert, ihrem Build; eine Kustomization, die sich nicht bauen lässt (wie kustomize build scheitern würde: eine fehlende Datei, ein Zyklus, ein widersprüchlicher Patch, eine entfernte Ressource, die nicht geladen wird), kann nicht geprüft werden.',
    },
    fix: { en: 'Correct the kustomization or the file named in the message so that kustomize build succeeds.', de: 'Die Kustomization oder die in der Meldung genannte Datei korrigieren, sodass kustomize build gelingt.' },
    bad: 'resources:\n  - missing.yaml',
    good: 'resources:\n  - deployment.yaml',
  },
  fixable: false,
};

/** The engine's own pseudo-rules, listed beside the catalogue in SARIF and `bollwerk rules`. */
export const ENGINE_RULES: readonly RuleMeta[] = [INTERNAL_ERROR, PARSE_ERROR, DUPLICATE_KEY, NOT_CHECKED, RENDER_ERROR, BUILD_ERROR];
