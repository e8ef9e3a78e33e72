import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../shared/src/protocol';

/** The status bar item with the number of open Bollwerk findings. */
export interface FindingsStatus extends vscode.Disposable {
  /** The count currently shown. */
  readonly count: number;
  /** Recounts now (normally debounced on diagnostics changes). */
  update(): void;
}

/** Counts the Bollwerk diagnostics of every file VS Code knows: [total, errors]. */
export function countFindings(): [number, number] {
  let total = 0;
  let errors = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics())
    for (const d of diagnostics)
      if (d.source === DIAGNOSTIC_SOURCE) {
        total++;
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      }
  return [total, errors];
}

/** Creates the status bar item; clicking it opens the Problems view. */
export function createFindingsStatus(): FindingsStatus {
  const item = vscode.window.createStatusBarItem('bollwerk.findings', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Bollwerk findings');
  item.command = { command: 'workbench.actions.view.problems', title: vscode.l10n.t('Show Problems') };
  let count = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (): void => {
    const [total, errors] = countFindings();
    count = total;
    item.text = `$(shield) ${total}`;
    item.tooltip = total === 1 ? vscode.l10n.t('1 open Bollwerk finding. Click to show the Problems view.') : vscode.l10n.t('{0} open Bollwerk findings ({1} errors). Click to show the Problems view.', total, errors);
    item.accessibilityInformation = { label: vscode.l10n.t('Bollwerk: {0} open findings', total) };
    item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  const listener = vscode.languages.onDidChangeDiagnostics(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  update();
  item.show();
  return {
    get count() {
      return count;
    },
    update,
    dispose() {
      if (timer) clearTimeout(timer);
      listener.dispose();
      item.dispose();
    },
  };
}
