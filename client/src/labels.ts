import * as vscode from 'vscode';
import type { ItemState } from '../../shared/src/protocol';
import type { Lang } from '../../shared/src/types';

/** The display language of checklist texts and messages: German when VS Code runs in German. */
export function displayLang(): Lang {
  return vscode.env.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The label of an item's state, with the finding count for failed items. */
export function stateLabel(state: ItemState, findings: number): string {
  switch (state) {
    case 'passed':
      return vscode.l10n.t('passed');
    case 'failed':
      return findings === 1 ? vscode.l10n.t('failed (1 finding)') : vscode.l10n.t('failed ({0} findings)', findings);
    case 'not-applicable':
      return vscode.l10n.t('not applicable');
    case 'manual':
      return vscode.l10n.t('manual, not attested');
    case 'attested':
      return vscode.l10n.t('manual, attested');
  }
}
