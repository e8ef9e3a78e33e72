/**
 * What the editor renders and builds beyond one file: Helm charts (live-charts.ts) and
 * kustomizations (live-kustomize.ts), as one source of reports for the service. A file's report
 * takes both passes' findings, in the order of a scan (kustomize first, then charts).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileReport } from '../../shared/src/lint';
import type { Result } from '../../shared/src/types';
import { createLiveCharts } from './live-charts';
import { createLiveKustomize } from './live-kustomize';
import type { ResolvedSettings } from './settings';

/** One pass that renders or builds files of the workspace as they are edited. */
export interface LivePass {
  /** Renders or builds again what `uri` takes part in, if its open documents changed; the URIs whose reports may have changed, or undefined when it takes part in nothing. */
  refresh(uri: string, settings: ResolvedSettings, generation: number): string[] | undefined;
  /** An open document's report with the pass's findings. */
  openReport(report: FileReport): FileReport;
  /** The report of a file that is not open, when the pass knows it. */
  closedReport(uri: string, settings: ResolvedSettings): FileReport | undefined;
  has(uri: string): boolean;
  /**
   * The findings of what `uri` takes part in, rendered or built again from the open documents'
   * text with `texts` (by URI) over it, with the verified fixes of the findings `wanted` picks
   * (`Fix.uri` names the file a fix edits when it is not the finding's); undefined when it takes part in nothing.
   */
  fixes(uri: string, settings: ResolvedSettings, wanted: (finding: Result) => boolean, texts?: ReadonlyMap<string, string>): readonly Result[] | undefined;
  /** Every file URI with findings of the pass. */
  uris(): string[];
  clear(): void;
}

/** The live passes of one server. */
export function createLiveUnits(documents: () => readonly TextDocument[], log: (message: string) => void): LivePass {
  const kustomize = createLiveKustomize(documents, log);
  const charts = createLiveCharts(documents, log);
  return {
    refresh(uri, settings, generation) {
      // the passes do not throw on file content; this guards the disk (a folder removed meanwhile):
      // the document keeps its own findings and the error is logged
      const guarded = (pass: string, run: () => string[] | undefined): string[] | undefined => {
        try {
          return run();
        } catch (e) {
          log(`${pass} for ${uri} failed: ${(e as Error).stack ?? String(e)}`);
          return undefined;
        }
      };
      const k = guarded('building the kustomizations', () => kustomize.refresh(uri, settings, generation));
      const c = guarded('rendering the chart', () => charts.refresh(uri, settings, generation));
      return k || c ? [...new Set([...(k ?? []), ...(c ?? [])])] : undefined;
    },
    openReport: (report) => charts.openReport(kustomize.openReport(report)),
    closedReport(uri, settings) {
      const k = kustomize.closedReport(uri, settings);
      if (!charts.has(uri)) return k;
      return k ? charts.openReport(k) : charts.closedReport(uri, settings);
    },
    has: (uri) => kustomize.has(uri) || charts.has(uri),
    fixes(uri, settings, wanted, texts) {
      const k = kustomize.fixes(uri, settings, wanted, texts);
      const c = charts.fixes(uri, settings, wanted, texts);
      return k || c ? [...(k ?? []), ...(c ?? [])] : undefined;
    },
    uris: () => [...new Set([...kustomize.uris(), ...charts.uris()])],
    clear() {
      kustomize.clear();
      charts.clear();
    },
  };
}
