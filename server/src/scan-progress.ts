import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { ScanWorkspaceResult } from '../../shared/src/protocol';
import type { ServerContext } from './context';
import { t, tf, UI } from './i18n';
import type { ScanControl } from './workspace-scan';

/** The least time between two progress reports: the client redraws on each. */
const REPORT_MS = 250;

/**
 * Runs the workspace scan with `window/workDoneProgress`: on the client's `workDoneToken` when the
 * request carries one, else on a progress the server creates when the client supports that
 * (`window.workDoneProgress`). The progress is cancellable; cancelling it, or the request
 * (`$/cancelRequest`), stops the scan, which then answers with `cancelled: true`. A request that
 * arrives while a scan runs joins it.
 */
export async function scanWithProgress(ctx: ServerContext, workDoneToken: string | number | undefined, token: CancellationToken): Promise<ScanWorkspaceResult> {
  const folder = ctx.service.folders()[0];
  const lang = folder ? (await ctx.settings.forUri(folder)).lang : 'en';
  let progress: WorkDoneProgressReporter | undefined;
  let progressCancel: CancellationToken | undefined;
  if (workDoneToken !== undefined) progress = ctx.connection.window.attachWorkDoneProgress(workDoneToken);
  else if (ctx.caps().window?.workDoneProgress) {
    const created = await ctx.connection.window.createWorkDoneProgress();
    progress = created;
    progressCancel = created.token;
  }
  let lastAt = -Infinity;
  let lastPercent = -1;
  const control: ScanControl = {
    cancelled: () => token.isCancellationRequested || progressCancel?.isCancellationRequested === true,
    progress(done, total) {
      const percent = total > 0 ? Math.floor((done * 100) / total) : 100;
      const now = performance.now();
      if (done < total && (percent === lastPercent || now - lastAt < REPORT_MS)) return;
      lastAt = now;
      lastPercent = percent;
      progress?.report(percent, tf(UI.scanFiles, lang, { done, total }));
    },
  };
  progress?.begin(t(UI.scanning, lang), 0, undefined, true);
  try {
    return await ctx.service.scanWorkspace(control);
  } finally {
    progress?.done();
  }
}
