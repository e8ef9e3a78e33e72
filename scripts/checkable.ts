/**
 * shared/src/checklist/CHECKABLE.md, generated: every checklist item a static check of the files
 * can decide, with the rules of the catalogue that reference it (none yet: the item is uncovered).
 */
import { ITEMS } from '../shared/src/checklist';
import { RULES } from '../shared/src/rules';

const INTRO = `# Checkable checklist items

Generated from \`items.json\` and the rule catalogue by \`npx tsx scripts/generate-docs.ts\`; do not edit.

Every item with \`"checkable": true\`, in document order, with the rules that list it in their
\`references\`. An item counts as covered when at least one rule references it; items not listed
here are manual and are attested in the configuration.

Some items are only partly decidable from files; the rules cover the part a file shows:

- logging (CL-5.1.3, CSC-4.1.1, OTC-C5): a file can show that logging is switched off (\`logging: driver: none\`), not that logs are collected and analysed centrally;
- trusted/private registry (CL-1.1.1, CL-4.3.1, CSC-1.2.1, ART-2.1): the image reference shows the registry, checked against the configured \`trustedRegistries\`;
- exposed services (CSVS-3.13): a file shows ports and services that are published, not whether the service requires authentication;
- AppArmor/SELinux profiles (POL-4.1.2): a manifest shows that a specific profile is assigned, not what the profile contains;
- OWASP risks (OTC-*): the rules cover the file-visible countermeasures only.
`;

/** The whole Markdown page. */
export function checkableMarkdown(): string {
  const rows = ITEMS.filter((item) => item.checkable).map((item) => {
    const rules = RULES.filter((r) => r.references.includes(item.id)).map((r) => `\`${r.id}\``);
    return `| ${item.id} | ${item.text.en.replace(/\|/g, '\\|')} | ${rules.length ? rules.join(', ') : '— (no rule yet)'} |`;
  });
  const covered = rows.filter((row) => !row.endsWith('— (no rule yet) |')).length;
  return `${INTRO}\n${covered} of ${rows.length} checkable items are covered by at least one rule.\n\n| Item | Text (en) | Rules |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
}
