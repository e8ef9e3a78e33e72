/**
 * Regenerates shared/src/rules/dockerfile/support/eol-table.json, the end-of-life table of
 * dockerfile/base-image-eol, from endoflife.date's API responses saved in a folder (Bollwerk
 * itself never goes to the network for it):
 *
 *   for p in python nodejs php ruby go postgresql mysql mongodb debian ubuntu alpine centos; do
 *     curl -fsSo "eol/$p.json" "https://endoflife.date/api/$p.json"; done
 *   npx tsx scripts/eol-table.ts eol [--date YYYY-MM-DD]
 *
 * The products and their endoflife.date names come from the current file; each gets the cycles
 * whose end of support (the `eol` field, or the one its `date` names) lies on or before the date
 * (default: today), and, where endoflife.date gives code names, the first word of each
 * (`Bookworm` → `bookworm`, `Focal Fossa` → `focal`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EolData, EolProduct } from '../shared/src/rules/dockerfile/support/eol-table';

const TABLE = join(__dirname, '..', 'shared', 'src', 'rules', 'dockerfile', 'support', 'eol-table.json');

/** One cycle of an endoflife.date API response (the fields read here). */
export interface ApiCycle {
  readonly cycle: string | number;
  readonly eol?: string | boolean;
  readonly extendedSupport?: string | boolean;
  readonly codename?: string;
  readonly [field: string]: unknown;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The table for `date` from the API responses by endoflife.date product name; throws when one is missing or malformed. */
export function buildEolTable(current: EolData, responses: Readonly<Record<string, readonly ApiCycle[]>>, date: string): EolData {
  if (!DAY.test(date)) throw new Error(`not a day: ${date}`);
  const products: Record<string, EolProduct> = {};
  for (const [image, product] of Object.entries(current.products)) {
    const response = responses[product.endoflife];
    if (!Array.isArray(response)) throw new Error(`no endoflife.date response for ${product.endoflife} (image ${image})`);
    const field = product.date ?? 'eol';
    const cycles: Record<string, string> = {};
    const codenames: Record<string, string> = {};
    for (const c of response) {
      const end = c[field];
      if (typeof end !== 'string' || !DAY.test(end) || end > date) continue;
      const cycle = String(c.cycle);
      cycles[cycle] = end;
      const name = typeof c.codename === 'string' ? c.codename.trim().split(/\s+/)[0]?.toLowerCase() : undefined;
      if (name) codenames[name] = cycle;
    }
    products[image] = { endoflife: product.endoflife, ...(product.date ? { date: product.date } : {}), cycles, ...(Object.keys(codenames).length ? { codenames } : {}) };
  }
  return { about: current.about, source: current.source, compiled: date, products };
}

function main(argv: readonly string[]): void {
  const folder = argv[0];
  const dateAt = argv.indexOf('--date');
  const date = dateAt >= 0 ? argv[dateAt + 1] ?? '' : new Date().toISOString().slice(0, 10);
  if (!folder || folder.startsWith('--')) throw new Error('usage: npx tsx scripts/eol-table.ts <folder of endoflife.date responses> [--date YYYY-MM-DD]');
  const current = JSON.parse(readFileSync(TABLE, 'utf8')) as EolData;
  const responses: Record<string, ApiCycle[]> = {};
  for (const p of Object.values(current.products)) responses[p.endoflife] = JSON.parse(readFileSync(join(folder, `${p.endoflife}.json`), 'utf8')) as ApiCycle[];
  writeFileSync(TABLE, `${JSON.stringify(buildEolTable(current, responses, date), null, 2)}\n`);
  console.log(`wrote ${TABLE} (${date})`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
