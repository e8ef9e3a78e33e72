import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { it } from 'node:test';

const RULES = resolve(__dirname, '../../shared/src/rules');
const DEFINES_RULE = /\bdefine(?:Dockerfile|Yaml|Workspace)Rule\s*[(<]/;
const IMPORT = /^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gm;

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.ts') ? [path] : [];
  });

it('rules import facts and support modules, never another rule (only the catalogue lists them)', () => {
  const files = walk(RULES);
  const isRule = new Map(files.map((f) => [f, DEFINES_RULE.test(readFileSync(f, 'utf8'))]));
  const found: string[] = [];
  for (const file of files) {
    if (file.endsWith('/index.ts')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = `${resolve(dirname(file), m[1]!)}.ts`;
      if (isRule.get(target)) found.push(`${relative(RULES, file)} imports ${relative(RULES, target)}`);
    }
  }
  assert.ok(files.length > 90, `only ${files.length} files under ${RULES}`);
  assert.deepEqual(found, []);
});
