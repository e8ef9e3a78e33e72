// Runs dockerfilelint over the Dockerfiles listed in the file after @, as its command line does
// (lib/index.js run() per file, the file's folder as the place of .dockerfilelintrc), but going on
// past a file it throws on: its command line stops at the first such file (a HEALTHCHECK it cannot
// read, in the real-world corpus), which would leave most files unlinted and its time too short.
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
