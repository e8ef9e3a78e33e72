// Writes docs/rules.md, the page every diagnostic's codeDescription.href points into.
// Usage: npx tsx test/server/generate-rule-docs.ts [--check]  (--check: exit 1 when out of date)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueMarkdown } from '../../server/src/rule-docs';

const target = join(__dirname, '..', '..', 'docs', 'rules.md');
const text = catalogueMarkdown();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== text) {
    console.error(`${target} is out of date: run npx tsx test/server/generate-rule-docs.ts`);
    process.exit(1);
  }
} else {
  mkdirSync(join(target, '..'), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
