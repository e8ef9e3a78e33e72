import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocsAnchor } from '../../shared/src/protocol';

/**
 * The `file:` URL of the rule catalogue shipped with the server (docs/rules.md beside dist/), found
 * by looking upward from the bundle; undefined when it is not there.
 */
export function shippedRuleDocs(from: string = __dirname): string | undefined {
  for (let dir = from, up = 0; up < 4; up++, dir = dirname(dir)) {
    const file = join(dir, 'docs', 'rules.md');
    if (existsSync(file)) return pathToFileURL(file).href;
  }
  return undefined;
}

/** Where a rule's documentation opens: in VS Code a command that shows it in the editor, elsewhere the shipped docs/rules.md. */
export interface DocsLinks {
  /** Link target for a rule's documentation in hovers; undefined when there is none. */
  hover(ruleId: string): string | undefined;
  /** `codeDescription.href` of a diagnostic; undefined when there is none. */
  diagnostic(ruleId: string): string | undefined;
}

/** The links for a client: command links when it runs Bollwerk's VS Code extension, else the shipped file. */
export function docsLinks(commandLinks: boolean, file: string | null = shippedRuleDocs() ?? null): DocsLinks {
  const inFile = (ruleId: string): string | undefined => (file ? `${file}#${ruleDocsAnchor(ruleId)}` : undefined);
  return {
    hover: (ruleId) => (commandLinks ? `command:bollwerk.showRuleDocs?${encodeURIComponent(JSON.stringify([ruleId]))}` : inFile(ruleId)),
    diagnostic: inFile,
  };
}
