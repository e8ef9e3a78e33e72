// The npm package and the GitHub Action in one test process: both install the tarball that
// pack.ts builds and packs once, and two processes building dist/ at once would race.
import './npm-package-suite';
import './action-suite';
import './pre-commit-suite';
