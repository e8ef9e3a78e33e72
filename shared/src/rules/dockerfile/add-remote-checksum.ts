import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { copyArgs, hasFlag } from './support/args';

const HTTP = /^https?:\/\//i;
const GIT = /\.git(#.*)?$|^https?:\/\/(github\.com|gitlab\.com|bitbucket\.org)\/[^/]+\/[^/]+\/?(#.*)?$/i;

/** ADD of a remote URL without `--checksum`. */
export const addRemoteChecksum = defineDockerfileRule({
  id: 'dockerfile/add-remote-checksum',
  kind: 'dockerfile',
  title: { en: 'Verify remote ADD sources with --checksum', de: 'Entfernte ADD-Quellen mit --checksum prüfen' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.11', 'OTC-C1'],
  external: [{ source: 'CIS Docker Benchmark', id: '4.9' }],
  messages: {
    default: {
      en: 'ADD downloads this URL without verifying its content; add --checksum=sha256:… so a changed or tampered file fails the build.',
      de: 'ADD lädt diese URL herunter, ohne den Inhalt zu prüfen; --checksum=sha256:… ergänzen, damit eine geänderte oder manipulierte Datei den Build abbricht.',
    },
  },
  docs: {
    rationale: {
      en: 'A URL can serve different content tomorrow, or to an attacker in the path. Without a checksum the build accepts whatever arrives and bakes it into the image.',
      de: 'Eine URL kann morgen anderen Inhalt liefern, oder einem Angreifer auf dem Weg. Ohne Prüfsumme übernimmt der Build, was ankommt, und backt es ins Image.',
    },
    fix: {
      en: 'Compute the SHA-256 of the file once (`curl -fsSL <url> | sha256sum`) and write `ADD --checksum=sha256:<hex> <url> <dest>` (Dockerfile syntax 1.6+).',
      de: 'Den SHA-256 der Datei einmal berechnen (`curl -fsSL <url> | sha256sum`) und `ADD --checksum=sha256:<hex> <url> <ziel>` schreiben (Dockerfile-Syntax 1.6+).',
    },
    bad: 'ADD https://example.com/tool.tar.gz /opt/',
    good: 'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    const instructions = file.instructions;
    for (let n = 0; n < instructions.length; n++) {
      const i = instructions[n]!;
      if (i.getKeyword() !== 'ADD' || hasFlag(i, 'checksum')) continue;
      for (const source of copyArgs(file, i)?.sources ?? []) {
        if (HTTP.test(source.value) && !GIT.test(source.value)) findings.push({ range: source.range });
      }
    }
    return findings;
  },
});
