import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { copyArgs } from './support/args';

const REMOTE = /^(?:https?|git|ssh):\/\/|^git@/i;
/** Names of the archives ADD unpacks (tar, uncompressed or gzip, bzip2, xz, lzip/lzma, compress, zstd). */
const ARCHIVE = /\.(?:tar|gz|tgz|bz2|tbz2?|tb2|xz|txz|lz|tlz|lzma|Z|tZ|taz|tpz|zst|tzst)$/i;

/** A shell-form word without its quotes (`"app.tar.gz"` → `app.tar.gz`); the JSON form arrives unquoted. */
const unquote = (word: string): string => word.replace(/\\(.)|["']/g, (_m, escaped: string | undefined) => escaped ?? '');

/** ADD where COPY does the same: ADD also fetches URLs and unpacks archives, which COPY never does. */
export const preferCopy = defineDockerfileRule({
  id: 'dockerfile/prefer-copy',
  kind: 'dockerfile',
  title: { en: 'Use COPY instead of ADD for local files', de: 'COPY statt ADD für lokale Dateien verwenden' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.11'],
  external: [{ source: 'CIS Docker Benchmark', id: '4.9' }],
  equivalents: ['hadolint:DL3020', 'checkov:CKV_DOCKER_4', 'trivy:DS005'],
  messages: {
    default: {
      en: 'ADD copies local files here; use COPY, which never fetches URLs or unpacks archives.',
      de: 'ADD kopiert hier lokale Dateien; COPY verwenden, das nie URLs lädt oder Archive entpackt.',
    },
  },
  docs: {
    rationale: {
      en: 'ADD silently downloads remote URLs and extracts local archives. For plain files COPY is explicit and cannot be tricked into either.',
      de: 'ADD lädt stillschweigend entfernte URLs und entpackt lokale Archive. Für einfache Dateien ist COPY eindeutig und kann zu keinem von beiden verleitet werden.',
    },
    fix: { en: 'Replace ADD with COPY.', de: 'ADD durch COPY ersetzen.' },
    bad: 'ADD app.py /app/',
    good: 'COPY app.py /app/',
  },
  fixable: true,
  check(file) {
    const findings: RawFinding[] = [];
    for (const instruction of file.instructions) {
      if (instruction.getKeyword() !== 'ADD') continue;
      // a here-document source (`ADD <<EOF /f`) is written inline, as COPY would
      const sources = copyArgs(file, instruction)?.sources.map((a) => unquote(a.value)) ?? ['<<'];
      if (sources.length === 0 || sources.some((s) => REMOTE.test(s) || ARCHIVE.test(s) || s.includes('$'))) continue;
      const range = instruction.getInstructionRange();
      findings.push({
        range,
        fix: { title: { en: 'Replace ADD with COPY', de: 'ADD durch COPY ersetzen' }, edits: [{ range, newText: 'COPY' }] },
      });
    }
    return findings;
  },
});
