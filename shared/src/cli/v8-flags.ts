// Imported first by the CLI and the scan worker, before any other module runs.
//
// A CLI run is short and cold: every function starts in V8's interpreter and the hottest are
// compiled again by the optimising compiler, on background threads. With V8's default interrupt
// budget, hundreds of rule and parser functions are optimised, deoptimised and optimised again
// within the first second; over the corpus's 1,130 Dockerfiles that compiler work cost more CPU
// than the linting itself. A larger budget lets a function run longer in the interpreter before it
// is optimised, so only the really hot code (the parsers' inner loops) gets compiled.
//
// The optimising compiler also inlines callees of up to 460 bytes of bytecode by default. With a
// quarter of that, each compile job is smaller and its code arrives sooner: over the corpus's
// Dockerfiles the scan took about 10 ms less (25 interleaved runs, min/p25/median 316/332/343 ms
// against 306/327/333 ms), over the whole corpus in one thread the same within noise (5.59 s and
// 5.63 s). The language server, which runs for hours, keeps V8's defaults.
import { setFlagsFromString } from 'node:v8';

/** V8's interrupt budget for the command line and its workers (bytes of bytecode executed between tier-up checks; Node 20's V8 default is 67,584). */
export const CLI_INTERRUPT_BUDGET = 300_000;

/** The largest function (bytes of bytecode) the optimising compiler inlines; V8's default is 460. */
export const CLI_MAX_INLINED_BYTECODE_SIZE = 115;

setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
setFlagsFromString(`--max-inlined-bytecode-size=${CLI_MAX_INLINED_BYTECODE_SIZE}`);
