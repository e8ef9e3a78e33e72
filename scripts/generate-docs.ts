// Writes the documentation generated from the rule catalogue: docs/rules.md (the page rule links
// point into), the rule tables of README.md and the checklist's coverage (CHECKABLE.md).
// Usage: npx tsx scripts/generate-docs.ts [--check]   (--check: change nothing, exit 1 when out of date)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueMarkdown } from '../server/src/rule-docs';
import { checkableMarkdown } from './checkable';
import { withRuleTables } from './readme-tables';

const root = join(__dirname, '..');
const read = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};
const readme = join(root, 'README.md');
const targets: Array<[string, string]> = [
  [join(root, 'docs', 'rules.md'), catalogueMarkdown()],
  [readme, withRuleTables(read(readme))],
  [join(root, 'shared', 'src', 'checklist', 'CHECKABLE.md'), checkableMarkdown()],
];
const stale = targets.filter(([path, text]) => read(path) !== text);
if (process.argv.includes('--check')) {
  for (const [path] of stale) console.error(`${path} is out of date: run npx tsx scripts/generate-docs.ts`);
  process.exit(stale.length ? 1 : 0);
}
for (const [path, text] of stale) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
