// The floor of the benchmark's Dockerfile comparison (2): reads the given files (or the paths listed
// in a file after @) and only parses them with dockerfile-ast (the parser under the rules), YAML files
// with yaml's parseAllDocuments. test/bench/parse-only.ts (dist/bench-parse-only.js) is the same with
// the rules' Dockerfile model, the baseline of (1).
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
const files = args[0]?.startsWith('@') ? readFileSync(args[0].slice(1), 'utf8').split('\n').filter(Boolean) : args;
let documents = 0;
for (const line of files) {
  const [kind, path] = line.includes('\t') ? line.split('\t') : [undefined, line];
  const text = readFileSync(path, 'utf8');
  if (kind === 'dockerfile' || (!kind && /(^|\/)(Dockerfile|Containerfile)|\.dockerfile$/i.test(path))) {
    documents += DockerfileParser.parse(text).getInstructions().length > 0 ? 1 : 0;
  } else {
    documents += parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, maxAliasCount: 100, strict: false }).length;
  }
}
process.stdout.write(`${files.length} files, ${documents} documents parsed\n`);
