// Imported first by the CLI's bin (launch.ts), before any other module runs: V8 settings for a
// short, cold process. Only the process's entry sets them: they hold for the whole process, its
// scan worker threads included, and changing them once code has been compiled is undefined in V8
// (a test that imports the command line in-process once hit a fatal check in the inliner).
//
// Every function of a CLI run starts in V8's interpreter; the optimising compiler recompiles the
// hot ones on background threads. With V8's default interrupt budget, hundreds of rule and parser
// functions are optimised, deoptimised and optimised again within the first second, and that
// compiler work competes with the linting for the CPU. A larger budget lets a function run longer
// in the interpreter before it is optimised, so only the really hot code (the parsers' inner loops)
// gets compiled; a smaller inlining limit keeps each compile job small, so its code arrives sooner.
// The heap may grow to at most twice what stays alive after a full collection (V8 lets it grow up to
// four times): what a scan keeps alive is small (a report is written from a spill), and what it
// throws away, the parses of files linted, would otherwise pile up in the old generation of every
// thread's heap until the next full collection.
// The language server, which runs for hours, keeps V8's defaults.
import { setFlagsFromString } from 'node:v8';

/** V8's interrupt budget for the command line and its workers (bytes of bytecode executed between tier-up checks; Node 20's V8 default is 67,584). */
export const CLI_INTERRUPT_BUDGET = 300_000;

/** The largest function (bytes of bytecode) the optimising compiler inlines; V8's default is 460. */
export const CLI_MAX_INLINED_BYTECODE_SIZE = 115;

/** How much the heap may grow beyond what is alive after a full collection, in percent (V8 chooses 10-300 by itself). */
export const CLI_HEAP_GROWING_PERCENT = 100;

setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
setFlagsFromString(`--max-inlined-bytecode-size=${CLI_MAX_INLINED_BYTECODE_SIZE}`);
setFlagsFromString(`--heap-growing-percent=${CLI_HEAP_GROWING_PERCENT}`);
