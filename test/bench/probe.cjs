// Preloaded into every benchmarked process (node --require): on exit it appends the process's
// own CPU time and peak RSS to the file named by BENCH_PROBE_OUT, one JSON object per line.
const { appendFileSync } = require('node:fs');
const out = process.env.BENCH_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(out, `${JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS })}\n`);
  });
}
