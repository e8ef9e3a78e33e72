// Runs dockerfile-utils' validator over the Dockerfiles listed in the file after @.
import { readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';

const files = readFileSync(process.argv[2].slice(1), 'utf8').split('\n').filter(Boolean);
let diagnostics = 0;
for (const path of files) diagnostics += validate(readFileSync(path, 'utf8')).length;
process.stdout.write(`${files.length} files, ${diagnostics} diagnostics\n`);
