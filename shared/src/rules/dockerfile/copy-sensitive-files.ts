import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { copyArgs } from './support/args';
import { sensitiveName } from './support/sensitive-files';

/** COPY/ADD of files that usually hold credentials (.env, SSH keys, *.pem/*.key, .npmrc, cloud and cluster credentials). */
export const copySensitiveFiles = defineDockerfileRule({
  id: 'dockerfile/copy-sensitive-files',
  kind: 'dockerfile',
  title: { en: 'Do not copy credential files into the image', de: 'Keine Dateien mit Zugangsdaten ins Image kopieren' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-3.1.1', 'CSC-2.4.2', 'OTC-C6'],
  equivalents: ['trivy:DS031'],
  messages: {
    default: {
      en: '{keyword} copies {file}, which usually holds credentials, into an image layer; mount it at build time with RUN --mount=type=secret or provide it at run time.',
      de: '{keyword} kopiert {file}, das meist Zugangsdaten enthält, in eine Image-Schicht; beim Bauen mit RUN --mount=type=secret einbinden oder zur Laufzeit bereitstellen.',
    },
  },
  docs: {
    rationale: {
      en: 'Every COPY creates a layer that ships with the image; deleting the file in a later step does not remove it from the earlier layer. Keys, tokens and .env files in an image reach everyone who can pull it.',
      de: 'Jedes COPY erzeugt eine Schicht, die mit dem Image ausgeliefert wird; die Datei in einem späteren Schritt zu löschen, entfernt sie nicht aus der früheren Schicht. Schlüssel, Tokens und .env-Dateien im Image erreichen alle, die es ziehen können.',
    },
    fix: {
      en: 'Use `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` for build-time credentials, runtime secrets for the rest, and list such files in .dockerignore.',
      de: 'Für Zugangsdaten beim Bauen `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` verwenden, für den Rest Laufzeit-Secrets, und solche Dateien in .dockerignore eintragen.',
    },
    bad: 'COPY .npmrc package.json ./\nRUN npm ci',
    good: 'COPY package.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    const instructions = file.instructions;
    for (let n = 0; n < instructions.length; n++) {
      const i = instructions[n]!;
      const keyword = i.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const args = copyArgs(file, i);
      if (!args || /\.pub$|\.crt$|cert/i.test(args.destination?.value ?? '')) continue;
      for (const source of args.sources) {
        if (/^[a-z]+:\/\//i.test(source.value)) continue;
        const name = sensitiveName(source.value);
        if (name) findings.push({ range: source.range, args: { keyword, file: source.value } });
      }
    }
    return findings;
  },
});
