// Imported first by the CLI and the scan worker, before any other module runs.
//
// A CLI run is short and cold: every function starts in V8's interpreter and the hottest are
// compiled again by the optimising compiler, on background threads. With V8's default interrupt
// budget, hundreds of rule and parser functions are optimised, deoptimised and optimised again
// within the first second; over the corpus's 1,130 Dockerfiles that compiler work cost more CPU
// than the linting itself. A larger budget lets a function run longer in the interpreter before it
// is optimised, so only the really hot code (the parsers' inner loops) gets compiled. The language
// server, which runs for hours, keeps V8's default.
import { setFlagsFromString } from 'node:v8';

/** V8's interrupt budget for the command line and its workers (bytes of bytecode executed between tier-up checks; Node 20's V8 default is 67,584). */
export const CLI_INTERRUPT_BUDGET = 300_000;

setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
