// Baseline of the benchmark: reads the given files (or the paths listed in a file after @) and only
// parses them with the parsers Bollwerk uses: dockerfile-ast under the rules' Dockerfile model
// (instructions and their arguments, flags and properties, as the rules read them) and yaml's parseAllDocuments.
// Bundled by esbuild.mjs into dist/bench-parse-only.js.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { parseDockerfileSyntax } from '../../shared/src/parse/dockerfile-syntax';

// the same options as test/bench/parse-only.mjs
const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false, maxAliasCount: 100, strict: false };
const args = process.argv.slice(2);
const files = args[0]?.startsWith('@') ? readFileSync(args[0].slice(1), 'utf8').split('\n').filter(Boolean) : args;
let documents = 0;
let words = 0;
for (const line of files) {
  const [kind, path] = line.includes('\t') ? (line.split('\t') as [string, string]) : [undefined, line];
  const text = readFileSync(path, 'utf8');
  if (kind === 'dockerfile' || (!kind && /(^|\/)(Dockerfile|Containerfile)|\.dockerfile$/i.test(path))) {
    const instructions = parseDockerfileSyntax(text).instructions;
    for (const i of instructions) words += i.getArguments().length + i.getFlags().length + i.getProperties().length;
    documents += instructions.length > 0 ? 1 : 0;
  } else {
    documents += parseAllDocuments(text, YAML_OPTIONS).length;
  }
}
process.stdout.write(`${files.length} files, ${documents} documents parsed (${words} Dockerfile words)\n`);
