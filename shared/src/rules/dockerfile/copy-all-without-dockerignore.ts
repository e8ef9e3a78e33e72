import { defineDockerfileRule } from '../../define';
import { dockerignoreOf } from '../../parse/dockerfile';
import type { RawFinding } from '../../types';
import { copyArgs, hasFlag } from './support/args';
import { runtimeStages } from './support/stages';

const WHOLE_CONTEXT = new Set(['.', './', './.', '*', './*']);

/** `COPY . .` without a .dockerignore: the whole build context (.git, .env, keys) goes into the image. */
export const copyAllWithoutDockerignore = defineDockerfileRule({
  id: 'dockerfile/copy-all-without-dockerignore',
  kind: 'dockerfile',
  title: { en: 'Add a .dockerignore before copying the whole context', de: 'Vor dem Kopieren des ganzen Kontexts eine .dockerignore anlegen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-3.1.1', 'CSC-2.4.2'],
  messages: {
    default: {
      en: '{keyword} copies the whole build context and there is no .dockerignore, so .git, .env files and keys end up in the image; add a .dockerignore or copy only what is needed.',
      de: '{keyword} kopiert den ganzen Build-Kontext, und es gibt keine .dockerignore, daher landen .git, .env-Dateien und Schlüssel im Image; eine .dockerignore anlegen oder nur das Nötige kopieren.',
    },
  },
  docs: {
    rationale: {
      en: 'Without .dockerignore, `COPY . .` takes everything beside the Dockerfile: version history, local .env files, credentials, build output. They become part of a layer and ship with the image. Only the final stage and the stages it builds on are checked: a build stage ships nothing but what a later stage copies from it.',
      de: 'Ohne .dockerignore übernimmt `COPY . .` alles neben dem Dockerfile: Versionshistorie, lokale .env-Dateien, Zugangsdaten, Build-Ausgaben. Sie werden Teil einer Schicht und mit dem Image ausgeliefert. Geprüft werden nur die letzte Stage und die Stages, auf denen sie aufbaut: eine Build-Stage liefert nur aus, was eine spätere Stage aus ihr kopiert.',
    },
    fix: {
      en: 'Create a .dockerignore (at least `.git`, `.env*`, `*.pem`, `*.key`, `node_modules`), or copy explicit paths.',
      de: 'Eine .dockerignore anlegen (mindestens `.git`, `.env*`, `*.pem`, `*.key`, `node_modules`) oder gezielte Pfade kopieren.',
    },
    bad: 'COPY . .',
    good: 'COPY package.json server.js ./',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    // a build stage's files ship only through COPY --from of chosen paths: only the final stage and its parents count
    for (const i of runtimeStages(file).flatMap((s) => s.instructions)) {
      const keyword = i.getKeyword();
      if ((keyword !== 'COPY' && keyword !== 'ADD') || hasFlag(i, 'from')) continue;
      const source = copyArgs(file, i)?.sources.find((s) => WHOLE_CONTEXT.has(s.value));
      if (source) findings.push({ range: source.range, args: { keyword } });
    }
    // asked last: finding out may mean looking at the file system
    return findings.length > 0 && dockerignoreOf(file) === false ? findings : [];
  },
});
