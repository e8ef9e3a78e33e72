// Run by stream-memory.test.ts in a process of its own (node --expose-gc): scans the folder in
// argv[2] with streamScan in the main thread and prints, as JSON, the heap the scan still holds
// when its report starts to be written (after a full collection), against the heap before it.
import { streamScan } from '../../cli/src/stream-scan';
import { DEFAULT_CONFIG } from '../../shared/src/config';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heap = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};
const before = heap();
let atWrite: number | undefined;
const streamed = streamScan([process.argv[2]!], DEFAULT_CONFIG, {
  threads: 0,
  beforeFile: () => {
    atWrite ??= heap();
  },
});
let results = 0;
for (const _r of streamed.input.results) results++;
streamed.close();
process.stdout.write(`${JSON.stringify({ retained: (atWrite ?? heap()) - before, results })}\n`);
