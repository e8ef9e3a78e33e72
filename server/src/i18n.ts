import type { Lang, Localized } from '../../shared/src/types';

/** The display language for an editor locale: German when it starts with `de`, else English. */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** A localized string in one language. */
export const t = (s: Localized, lang: Lang): string => s[lang];

/** Fills `{name}` placeholders of a localized template. */
export function tf(s: Localized, lang: Lang, args: Readonly<Record<string, string | number>>): string {
  return s[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}

/** The server's own user-visible strings. */
export const UI = {
  fixAll: { en: 'Fix all Bollwerk problems in this file', de: 'Alle Bollwerk-Probleme in dieser Datei beheben' },
  hardenContainer: { en: 'Harden container "{name}" (apply all {n} fixes)', de: 'Container "{name}" härten (alle {n} Korrekturen anwenden)' },
  hardenService: { en: 'Harden service "{name}" (apply all {n} fixes)', de: 'Service "{name}" härten (alle {n} Korrekturen anwenden)' },
  hardenPod: { en: 'Harden this pod (apply all {n} fixes)', de: 'Diesen Pod härten (alle {n} Korrekturen anwenden)' },
  applyHere: { en: 'Apply all {n} fixes here', de: 'Alle {n} Korrekturen hier anwenden' },
  suppressLine: { en: 'Suppress {rule} for this line', de: '{rule} für diese Zeile unterdrücken' },
  suppressObject: { en: 'Suppress {rule} for this object', de: '{rule} für dieses Objekt unterdrücken' },
  reason: { en: 'reason', de: 'Begründung' },
  why: { en: 'Why', de: 'Warum' },
  howToFix: { en: 'How to fix', de: 'Behebung' },
  checklist: { en: 'Checklist items', de: 'Checklistenpunkte' },
  levels: { en: 'CSVS levels', de: 'CSVS-Stufen' },
  item: { en: 'item', de: 'Punkt' },
  rule: { en: 'Rule', de: 'Regel' },
  severity: { en: 'Severity', de: 'Schweregrad' },
  bad: { en: 'Problem', de: 'Problematisch' },
  good: { en: 'Fixed', de: 'Behoben' },
  equivalents: { en: 'Same check in other tools', de: 'Gleiche Prüfung in anderen Werkzeugen' },
  external: { en: 'Further references', de: 'Weitere Referenzen' },
  docs: { en: 'Rule documentation', de: 'Regeldokumentation' },
  noItems: { en: 'No checklist item cited.', de: 'Kein Checklistenpunkt zitiert.' },
  evidence: { en: 'Evidence: {what}', de: 'Nachweis: {what}' },
  evidenceProves: { en: 'This line proves these checklist items:', de: 'Diese Zeile weist diese Checklistenpunkte nach:' },
  scanning: { en: 'Bollwerk: scanning the workspace', de: 'Bollwerk: Arbeitsbereich wird geprüft' },
  scanFiles: { en: '{done} of {total} files', de: '{done} von {total} Dateien' },
  severities: {
    error: { en: 'error', de: 'Fehler' },
    warning: { en: 'warning', de: 'Warnung' },
    info: { en: 'info', de: 'Hinweis' },
  },
} as const satisfies Record<string, Localized | Record<string, Localized>>;
