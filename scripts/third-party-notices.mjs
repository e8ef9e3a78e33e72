// THIRD-PARTY-NOTICES.md: the licence notices of every package bundled into dist/, read from the
// bundles' inputs (esbuild's metafile) and each package's own licence file. esbuild.mjs writes it
// after each build; the VSIX (.vscodeignore) and the npm package ship it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package directory of a bundle input (`node_modules/@scope/name/lib/x.js` → `node_modules/@scope/name`), or null for own code. */
export function packageDirOf(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at === -1) return null;
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  return name ? `${input.slice(0, at)}node_modules/${name}` : null;
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

/** One bundled package: name, version, licence id, and the text of its licence files. */
function describe(root, dir) {
  const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const files = readdirSync(join(root, dir)).filter((f) => LICENCE_FILE.test(f)).sort();
  const licence = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'see the package');
  const texts = files.map((f) => readFileSync(join(root, dir, f), 'utf8').trim());
  return { name: manifest.name, version: manifest.version, licence, texts, author: typeof manifest.author === 'string' ? manifest.author : manifest.author?.name };
}

/** The packages (one entry per name and version) among the inputs of the given metafiles, sorted by name. */
export function bundledPackages(root, metafiles) {
  const dirs = new Set();
  for (const meta of metafiles) for (const input of Object.keys(meta.inputs)) {
    const dir = packageDirOf(input);
    if (dir && existsSync(join(root, dir, 'package.json'))) dirs.add(dir);
  }
  const byKey = new Map();
  for (const dir of dirs) {
    const p = describe(root, dir);
    byKey.set(`${p.name}@${p.version}`, p);
  }
  return [...byKey.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The notices file for these packages. */
export function noticesText(packages) {
  const sections = packages.map((p) => {
    const body = p.texts.length ? p.texts.join('\n\n') : `Licensed under ${p.licence}${p.author ? `, by ${p.author}` : ''}; the package carries no licence file.`;
    return `## ${p.name} ${p.version} (${p.licence})\n\n\`\`\`\n${body}\n\`\`\``;
  });
  return `# Third-party notices\n\nBollwerk's bundles (dist/) include the following packages. Their licence notices follow.\n\n${sections.join('\n\n')}\n`;
}

/** Writes THIRD-PARTY-NOTICES.md for the bundles' metafiles. */
export function writeNotices(root, metafiles) {
  const packages = bundledPackages(root, metafiles);
  writeFileSync(join(root, 'THIRD-PARTY-NOTICES.md'), noticesText(packages));
  return packages;
}
