import { writeFileSync } from 'node:fs';
import { formatSummary, runFixSafety } from './fix-run';
runFixSafety(2).then((s) => { const lines = formatSummary(s, 400); writeFileSync('/tmp/fix-safety.txt', lines.join('\n')); console.log(lines.slice(0, 60).join('\n')); });
