// Text output shows control characters in file names, object names and messages as escapes:
// no line can be forged and no terminal sequence reaches the terminal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeControls } from '../../shared/src/report/escape';
import { runMain, workspace } from './helpers';

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('escapeControls', () => {
  const table: [string, string][] = [
    ['plain name-1.yaml', 'plain name-1.yaml'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['\u001b[2J\u001b]0;title\u0007', '\\x1b[2J\\x1b]0;title\\x07'],
    ['tab\there', 'tab\\there'],
    ['del\u007f c1\u009b', 'del\\x7f c1\\x9b'],
    ['bidi \u202eevil\u202c', 'bidi \\u202eevil\\u202c'],
    ['line\u2028sep', 'line\\u2028sep'],
    ['Ümläut ✔ 漢字 C:\\path', 'Ümläut ✔ 漢字 C:\\path'],
  ];
  // test names in ASCII: the runner's own output must not carry the characters under test
  const ascii = (s: string): string => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  for (const [input, shown] of table) it(ascii(input), () => assert.equal(escapeControls(input), shown));
});

describe('text report escaping', () => {
  const pod = (container: string): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: "${container}"\n      image: a:1\n      securityContext:\n        privileged: true\n`;
  it('file names and object names with control characters cannot forge lines or send terminal escapes', async () => {
    const evil = 'c\\u001b]0;pwned\\u0007\\nforged.yaml:1:1  error  fake/rule  all clear\\u001b[2J';
    const dir = workspace({ 'x\n\u001b[31mforged.yaml:9:9\u001b[0m/pod.yaml': pod(evil) });
    for (const args of [[dir, '--fail-on', 'never'], ['checklist', dir]]) {
      const r = await runMain(args, { cwd: dir });
      assert.ok(!RAW_CONTROL.test(r.stdout), JSON.stringify(r.stdout));
      assert.ok(!r.stdout.split('\n').some((l) => /^\s*forged\.yaml/.test(l)), r.stdout);
    }
    const r = await runMain([dir, '--fail-on', 'never'], { cwd: dir });
    assert.match(r.stdout, /x\\n\\x1b\[31mforged\.yaml:9:9\\x1b\[0m\/pod\.yaml:\d+:\d+/);
    assert.match(r.stdout, /c\\x1b\]0;pwned\\x07/);
  });
});
