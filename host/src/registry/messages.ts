import { format } from '../../../shared/src/text';
import type { Localized } from '../../../shared/src/types';
import type { ResolveFailure } from './client';
import type { ReferenceError } from './reference';

/** Every reason a reference is not pinned, besides registry failures. */
export type PinProblem = ResolveFailure | 'variable' | 'invalid-reference' | 'scalar-style' | 'no-tag' | 'disabled';

const REASONS: Readonly<Record<PinProblem, Localized>> = {
  variable: {
    en: '{ref} contains a variable that only the build or deployment resolves; pin the value where it is defined (ARG default, .env, values file)',
    de: '{ref} enthält eine Variable, die erst Build oder Deployment auflöst; den Wert dort pinnen, wo er definiert ist (ARG-Vorgabe, .env, Values-Datei)',
  },
  'invalid-reference': { en: '{ref} is not a valid image reference ({detail})', de: '{ref} ist keine gültige Image-Referenz ({detail})' },
  'scalar-style': {
    en: '{ref} is written as a block scalar or with escapes; rewrite it as a plain or quoted string to pin it',
    de: '{ref} ist als Block-Skalar oder mit Escapes geschrieben; als einfachen oder gequoteten String schreiben, um ihn zu pinnen',
  },
  'no-tag': { en: '{ref} is pinned without a tag; there is no tag to resolve again', de: '{ref} ist ohne Tag gepinnt; es gibt kein Tag, das neu aufgelöst werden könnte' },
  disabled: {
    en: 'registry lookups are off (untrusted workspace or bollwerk.pinning.enabled: false)',
    de: 'Registry-Abfragen sind aus (nicht vertrauenswürdiger Arbeitsbereich oder bollwerk.pinning.enabled: false)',
  },
  'not-found': { en: '{ref}: {registry} has no tag {tag} in {repository} ({detail})', de: '{ref}: {registry} hat kein Tag {tag} in {repository} ({detail})' },
  unauthorized: {
    en: '{ref}: {registry} requires credentials; run `docker login {registry}` or add a credential helper',
    de: '{ref}: {registry} verlangt Zugangsdaten; `docker login {registry}` ausführen oder einen Credential-Helper einrichten',
  },
  denied: { en: '{ref}: {registry} denied access to {repository}', de: '{ref}: {registry} verweigert den Zugriff auf {repository}' },
  timeout: { en: '{ref}: {registry} did not answer within {timeoutMs} ms', de: '{ref}: {registry} hat nicht innerhalb von {timeoutMs} ms geantwortet' },
  refused: { en: '{ref}: {registry} refused the connection (offline or wrong port?)', de: '{ref}: {registry} hat die Verbindung abgelehnt (offline oder falscher Port?)' },
  network: { en: '{ref}: cannot reach {registry} ({detail}); offline?', de: '{ref}: {registry} ist nicht erreichbar ({detail}); offline?' },
  tls: {
    en: '{ref}: secure connection to {registry} failed ({detail}); add its CA under /etc/docker/certs.d/{registry}/ or name it with --insecure-registry (editor: the user setting bollwerk.pinning.insecureRegistries)',
    de: '{ref}: sichere Verbindung zu {registry} fehlgeschlagen ({detail}); dessen CA unter /etc/docker/certs.d/{registry}/ ablegen oder mit --insecure-registry angeben (Editor: Benutzereinstellung bollwerk.pinning.insecureRegistries)',
  },
  proxy: { en: '{ref}: the proxy refused the connection to {registry} ({detail})', de: '{ref}: der Proxy hat die Verbindung zu {registry} abgelehnt ({detail})' },
  'too-large': { en: '{ref}: {registry} sent an oversized answer', de: '{ref}: {registry} hat eine übergroße Antwort gesendet' },
  'digest-mismatch': {
    en: '{ref}: the manifest from {registry} does not match its Docker-Content-Digest ({detail}); not pinned',
    de: '{ref}: das Manifest von {registry} passt nicht zu seinem Docker-Content-Digest ({detail}); nicht gepinnt',
  },
  'registry-error': { en: '{ref}: {registry} answered unexpectedly ({detail})', de: '{ref}: {registry} hat unerwartet geantwortet ({detail})' },
};

const REFERENCE_ERRORS: Readonly<Record<ReferenceError, string>> = {
  empty: 'empty',
  'invalid-format': 'invalid format',
  uppercase: 'repository names must be lower-case',
  'name-too-long': 'name longer than 255 characters',
  identifier: 'a bare 64-character hex identifier',
  'digest-invalid-length': 'digest has the wrong length',
  'digest-unsupported': 'unsupported digest algorithm',
};

/** The localized reason a reference was not pinned. */
export function reason(problem: PinProblem, args: Readonly<Record<string, string | number>>): Localized {
  const t = REASONS[problem];
  return { en: format(t.en, args), de: format(t.de, args) };
}

/** A short English description of a reference parse error (also used in German text: it is technical). */
export function referenceErrorText(error: ReferenceError): string {
  return REFERENCE_ERRORS[error];
}

/** Title of the editor's quick-fix. */
export function pinTitle(image: string): Localized {
  return { en: `Pin ${image} to its digest`, de: `${image} auf seinen Digest pinnen` };
}
