import type { Lang } from '../../shared/src/types';

/** The display language from the environment: LC_ALL, then LC_MESSAGES, then LANG (`de…` → German). */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return value !== undefined && /^de(?:[_.@-]|$)/i.test(value) ? 'de' : 'en';
}

const HELP: Record<Lang, string> = {
  en: `Usage: bollwerk [scan] [paths…] [options]
       bollwerk rules [--format text|json]
       bollwerk checklist [paths…] [--format text|json|markdown|html]
       bollwerk pin [paths…] [--dry-run] [--update] [--insecure-registry HOST:PORT]
       bollwerk render [NAME] CHART [--values FILE] [--set K=V] [--namespace NS] [helm template flags]
       bollwerk render DIR [--reorder legacy|none] [--load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone]
       bollwerk baseline [paths…] [--output FILE] [--check]

Checks Dockerfiles, Compose files and Kubernetes manifests against container-security
checklists. Directories are walked (honouring .gitignore and the configuration's ignorePaths);
the default path is the current directory.

Options:
  --format text|json|sarif|gitlab
                               report format (default text; gitlab: GitLab Code Quality;
                               checklist: text|json|markdown|html)
  --output FILE                write the report to FILE instead of standard output
  --fix                        apply every safe fix in place, then report what remains
  --resolve-images             ask registries for the user a base image runs as (no-root-user)
  --level L1|L2|L3             OWASP CSVS level of the rules to run (default: configuration, else L2)
  --fail-on error|warning|info|never
                               exit 1 when a finding at or above this severity remains (default error)
  --config FILE                configuration file (default: .bollwerk.yaml at the root)
  --include-test-data          also check test data (test/, tests/, testdata/, fixtures/, __tests__/ …),
                               which directory scans skip by default (testDataPaths)
  --lang en|de                 language of messages (default: LC_ALL, LC_MESSAGES, LANG)
  --baseline FILE              report only findings not in this baseline (default: the
                               configuration's baseline); baseline: the file to write or check
  --check                      baseline: list the baseline's entries no finding matches any
                               more (exit 1 when there are such stale entries)
  -h, --help                   show this help
  -v, --version                show the version

Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 usage or internal error.
`,
  de: `Aufruf: bollwerk [scan] [Pfade…] [Optionen]
        bollwerk rules [--format text|json]
        bollwerk checklist [Pfade…] [--format text|json|markdown|html]
        bollwerk pin [Pfade…] [--dry-run] [--update] [--insecure-registry HOST:PORT]
        bollwerk render [NAME] CHART [--values DATEI] [--set K=V] [--namespace NS] [Optionen von helm template]
        bollwerk render ORDNER [--reorder legacy|none] [--load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone]
        bollwerk baseline [Pfade…] [--output DATEI] [--check]

Prüft Dockerfiles, Compose-Dateien und Kubernetes-Manifeste gegen Checklisten zur
Container-Sicherheit. Verzeichnisse werden durchlaufen (unter Beachtung von .gitignore und den
ignorePaths der Konfiguration); ohne Pfad wird das aktuelle Verzeichnis geprüft.

Optionen:
  --format text|json|sarif|gitlab
                               Berichtsformat (Standard text; gitlab: GitLab Code Quality;
                               checklist: text|json|markdown|html)
  --output DATEI               den Bericht in DATEI statt auf die Standardausgabe schreiben
  --fix                        alle sicheren Korrekturen in den Dateien anwenden, dann den Rest melden
  --resolve-images             bei Registries erfragen, als welcher Benutzer ein Basis-Image läuft (no-root-user)
  --level L1|L2|L3             OWASP-CSVS-Stufe der Regeln (Standard: Konfiguration, sonst L2)
  --fail-on error|warning|info|never
                               Exit-Code 1, wenn ein Befund ab diesem Schweregrad bleibt (Standard error)
  --config DATEI               Konfigurationsdatei (Standard: .bollwerk.yaml im Wurzelverzeichnis)
  --include-test-data          auch Testdaten prüfen (test/, tests/, testdata/, fixtures/, __tests__/ …),
                               die Verzeichnis-Scans sonst überspringen (testDataPaths)
  --lang en|de                 Sprache der Meldungen (Standard: LC_ALL, LC_MESSAGES, LANG)
  --baseline DATEI             nur Befunde melden, die nicht in dieser Baseline stehen (Standard:
                               baseline der Konfiguration); baseline: die zu schreibende Datei
  --check                      baseline: die Einträge nennen, zu denen es keinen Befund mehr gibt
                               (Exit-Code 1, wenn es solche veralteten Einträge gibt)
  -h, --help                   diese Hilfe zeigen
  -v, --version                die Version zeigen

Exit-Codes: 0 kein Befund ab --fail-on, 1 solche Befunde, 2 Aufruf- oder interner Fehler.
`,
};

/** The usage text in a language. */
export function helpText(lang: Lang): string {
  return HELP[lang];
}
