// A scan written to its report with memory bounded by the files in flight, not by the repository.
//
// A report lists its findings sorted by file, position and rule, the workspace rules' findings among
// them, and the JSON report opens with the counts: neither is known before every file is in. So each
// file's findings are serialized (v8) into a spill as the file finishes and dropped; what stays in
// memory is the counts, the notes, one reference per file with findings and the facts the workspace
// rules read (kept by the scan). Once the scan is done the report is written file by file in URI
// order, each file's findings read back, merged with the workspace findings located there and
// sorted as flatten() sorts them, so that the text is the one a scan held in memory gives.
import { deserialize, serialize } from 'node:v8';
import type { FileNote, ReportInput } from '../../shared/src/report/index';
import { compareResults } from '../../shared/src/report/index';
import type { FileKind, Result, Severity } from '../../shared/src/types';
import type { FileReport } from '../../shared/src/lint';
import { streamWorkspace, type ScanOptions } from '../../host/src/workspace/index';
import type { Config } from '../../shared/src/config';
import { createSpill, type Spill, type SpillRef } from './spill';

/** The findings of one report located in one file, put aside in the spill. */
interface Chunk {
  /** The file the findings are located in. */
  readonly uri: string;
  /** The report's URI and position: the order of a file's chunks is the order of their reports. */
  readonly reportUri: string;
  readonly position: number;
  readonly ref: SpillRef;
}

/** A streamed scan: the report input over its spilled findings, and the spill to close when the report is written. */
export interface StreamedScan {
  readonly input: ReportInput;
  /** The kinds of the checked files. */
  readonly kinds: ReadonlySet<FileKind>;
  /** Releases the spill (its temporary file). */
  close(): void;
}

/** Options of {@link streamScan}. */
export interface StreamScanOptions extends ScanOptions {
  /** Called with each file's findings (its reports' findings in report order, then the workspace findings there) before they are reported. */
  readonly beforeFile?: (uri: string, results: readonly Result[]) => void;
  /** The spill to use (default: a new one in the temporary folder). */
  readonly spill?: Spill;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Scans `roots` like scanWorkspace and returns what a report is written from: the counts and
 * notes of the whole scan and its findings as an iterable that reads them back file by file, in
 * report order. Iterate it once; close the scan afterwards (also when writing failed).
 */
export function streamScan(roots: readonly string[], config: Config, options: StreamScanOptions = {}): StreamedScan {
  const spill = options.spill ?? createSpill();
  try {
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    let fixable = 0;
    let checked = 0;
    let skipped = 0;
    const kinds = new Set<FileKind>();
    const chunks: Chunk[] = [];
    const noted: { position: number; uri: string; notes: FileReport['notes'] }[] = [];
    const count = (r: Result): void => {
      counts[r.severity]++;
      if (r.fix) fixable++;
    };
    const summary = streamWorkspace(roots, config, options, (report, position) => {
      if (report.notes.length > 0) {
        skipped++;
        noted.push({ position, uri: report.uri, notes: report.notes });
      } else if (report.kind) {
        checked++;
        kinds.add(report.kind);
      }
      if (report.results.length === 0) return;
      // a report's findings lie in its own file, but group them by file all the same
      const byUri = new Map<string, Result[]>();
      for (const r of report.results) {
        count(r);
        const list = byUri.get(r.uri);
        if (list) list.push(r);
        else byUri.set(r.uri, [r]);
      }
      for (const [uri, results] of byUri) chunks.push({ uri, reportUri: report.uri, position, ref: spill.put(serialize(results)) });
    });
    const byPosition = summary.reportOrder === 'position';
    const reportOrder = (a: { position: number; reportUri?: string; uri: string }, b: typeof a): number =>
      byPosition ? a.position - b.position : cmp(a.reportUri ?? a.uri, b.reportUri ?? b.uri) || a.position - b.position;
    noted.sort(reportOrder);
    const notes: FileNote[] = [...summary.notes];
    for (const n of noted) for (const note of n.notes) notes.push({ uri: n.uri, note });
    const workspace = new Map<string, Result[]>();
    for (const r of summary.workspaceResults) {
      count(r);
      const list = workspace.get(r.uri);
      if (list) list.push(r);
      else workspace.set(r.uri, [r]);
    }
    chunks.sort((a, b) => cmp(a.uri, b.uri) || reportOrder(a, b));
    const uris = [...new Set([...chunks.map((c) => c.uri), ...workspace.keys()])].sort(cmp);
    const beforeFile = options.beforeFile;
    function* results(): Generator<Result> {
      let next = 0;
      for (const uri of uris) {
        const here: Result[] = [];
        for (; next < chunks.length && chunks[next]!.uri === uri; next++) {
          for (const r of deserialize(spill.get(chunks[next]!.ref)) as Result[]) here.push(r);
        }
        for (const r of workspace.get(uri) ?? []) here.push(r);
        workspace.delete(uri);
        beforeFile?.(uri, here);
        // stable, as flatten's sort of all results: a file's own findings before the workspace's on the same spot
        here.sort(compareResults);
        yield* here;
      }
    }
    return {
      input: { results: { [Symbol.iterator]: results }, notes, counts, fixable, checked, skipped, testData: summary.testDataSkipped },
      kinds,
      close: () => spill.close(),
    };
  } catch (e) {
    spill.close();
    throw e;
  }
}
