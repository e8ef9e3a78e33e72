// Preloaded (node --require) before dockerfilelint's own command line (bin/dockerfilelint), so that
// the benchmark runs that command line as a user would, over every Dockerfile of the corpus: its
// bin calls lib/index.js run() per file through the module's export, and a file run() throws on (a
// HEALTHCHECK it cannot read, in the real-world corpus) would end the whole run with an uncaught
// exception. Wrapped here, such a file counts as one without issues and the run goes on; nothing
// else of the command line changes (argument parsing, per-file lstat and read, the JSON reporter,
// the report on standard output). The number of such files is written to standard error at exit.
const dockerfilelint = require('dockerfilelint/lib/index');

const run = dockerfilelint.run;
let threw = 0;
dockerfilelint.run = function goOn(...args) {
  try {
    return run.apply(this, args);
  } catch {
    threw++;
    return [];
  }
};
process.on('exit', () => process.stderr.write(`dockerfilelint threw on ${threw} file(s); counted as without issues\n`));
