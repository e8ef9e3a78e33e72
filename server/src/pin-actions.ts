import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What the pin actions need from the server. */
export interface PinActionDeps {
  /** False in untrusted workspaces and when the user turned registry lookups off. */
  isAllowed(uri: string): Promise<boolean>;
  log(message: string): void;
}

/**
 * Digest-pinning quick-fixes ("Pin image digest from the registry") for diagnostics whose data
 * carries `pin.reference`. Actions are returned unresolved (no network while listing);
 * `resolve` asks the registry and fills in the edit.
 */
export interface PinActions {
  codeActions(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
  /** True for actions this module created. */
  owns(action: CodeAction): boolean;
  resolve(action: CodeAction): Promise<CodeAction>;
}

/** Creates the pin actions provider. */
export function createPinActions(_deps: PinActionDeps): PinActions {
  return {
    codeActions: () => [],
    owns: () => false,
    resolve: async (action) => action,
  };
}
