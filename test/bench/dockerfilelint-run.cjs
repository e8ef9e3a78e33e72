// dockerfilelint's rules alone over the Dockerfiles listed in the file after @: lib/index.js run() per
// file (the file's folder as the place of .dockerfilelintrc), as its command line calls it, without
// the command line's argument parsing and report, and going on past a file it throws on. The
// benchmark's goal compares against the command line itself (dockerfilelint-go-on.cjs); this is the
// lower bound beside it.
const { readFileSync } = require('node:fs');
const { dirname, resolve } = require('node:path');
const dockerfilelint = require('dockerfilelint/lib/index');

const files = readFileSync(process.argv[2].slice(1), 'utf8').split('\n').filter(Boolean);
let issues = 0;
let crashed = 0;
for (const path of files) {
  try {
    issues += dockerfilelint.run(resolve(dirname(path)), readFileSync(path, 'utf8')).length;
  } catch {
    crashed++;
  }
}
process.stdout.write(`${files.length} files, ${issues} issues, ${crashed} files dockerfilelint threw on\n`);
