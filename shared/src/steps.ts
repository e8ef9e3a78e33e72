/**
 * Runs a computation given as steps (a generator that yields between them) to its end, at once.
 * Long computations are written as steps so that the language server can answer the editor
 * between them; the command line and the tests take them whole.
 */
export function runSteps<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
