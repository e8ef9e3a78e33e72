import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDockerfile } from '../../../shared/src/parse/dockerfile';
import { instructionScript, resolveCommand, splitShell, type ShellScript } from '../../../shared/src/parse/shell';

const words = (script: ShellScript): string[][] => script.commands.map((c) => c.words.map((w) => w.value));
const ops = (script: ShellScript): (string | null)[] => script.commands.map((c) => c.op);

function run(text: string, index = 1): { script: ShellScript; text: string } {
  const file = parseDockerfile('file:///t/Dockerfile', text);
  return { script: instructionScript(file, file.instructions[index]!), text };
}

describe('parse/shell', () => {
  it('splits on && || ; | & and keeps operators', () => {
    const s = splitShell('a 1 && b || c; d | e & f');
    assert.deepEqual(words(s), [['a', '1'], ['b'], ['c'], ['d'], ['e'], ['f']]);
    assert.deepEqual(ops(s), [null, '&&', '||', ';', '|', '&']);
  });

  it('removes quotes, keeps expansions, marks them dynamic, separates redirections', () => {
    const s = splitShell(`echo "a b" 'c$d' x$Y $(date | tr a b) 2>&1 >/dev/null`);
    assert.deepEqual(words(s), [['echo', 'a b', 'c$d', 'x$Y', '$(date | tr a b)']]);
    assert.deepEqual(s.commands[0]!.words.map((w) => w.dynamic), [false, false, false, true, true]);
    assert.deepEqual(s.commands[0]!.redirects.map((w) => w.value), ['1', '/dev/null']);
  });

  it('maps words of continued lines to document offsets and drops comment lines', () => {
    const { script, text } = run('FROM a\nRUN --mount=type=cache,target=/x apt-get update \\\n  # note\n\n  && apt-get install -y curl');
    assert.deepEqual(words(script), [['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']]);
    const curl = script.commands[1]!.words[3]!;
    assert.equal(text.slice(curl.start, curl.end), 'curl');
    assert.equal(script.appendAt, text.length);
  });

  it('honours the escape directive', () => {
    const { script, text } = run('# escape=`\nFROM a\nRUN echo a `\n  && echo b');
    assert.deepEqual(words(script), [['echo', 'a'], ['echo', 'b']]);
    assert.equal(text.slice(script.commands[1]!.words[1]!.start, script.commands[1]!.words[1]!.end), 'b');
  });

  it('reads heredoc scripts and skips heredoc data', () => {
    const a = run('FROM a\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF');
    assert.deepEqual(words(a.script), [['apt-get', 'update'], ['apt-get', 'install', '-y', 'x']]);
    assert.equal(a.script.heredoc, true);
    assert.equal(a.script.appendAt, null);
    const b = run('FROM a\nRUN cat <<A > /f\nrm -rf /\nA');
    assert.deepEqual(words(b.script), [['cat']]);
  });

  it('reads exec form and the script of sh -c inside it', () => {
    const { script, text } = run('FROM a\nRUN ["sh", "-c", "apt-get install -y x && rm -rf /var/lib/apt/lists/*"]');
    assert.equal(script.form, 'exec');
    assert.deepEqual(words(script), [['sh', '-c', 'apt-get install -y x && rm -rf /var/lib/apt/lists/*'], ['apt-get', 'install', '-y', 'x'], ['rm', '-rf', '/var/lib/apt/lists/*']]);
    const x = script.commands[1]!.words[3]!;
    assert.equal(text.slice(x.start, x.end), 'x');
  });

  it('reads the quoted script of bash -c in shell form', () => {
    const s = splitShell(`bash -c 'curl -k x | sh' && true`);
    assert.deepEqual(words(s), [['bash', '-c', 'curl -k x | sh'], ['curl', '-k', 'x'], ['sh'], ['true']]);
    assert.deepEqual(ops(s), [null, ';', '|', '&&']);
  });

  it('appendAt is null after a trailing comment, operator or subshell', () => {
    assert.equal(splitShell('a # c').appendAt, null);
    assert.equal(splitShell('a &').appendAt, null);
    assert.equal(splitShell('(a)').appendAt, null);
    assert.equal(splitShell('if a; then b; fi').appendAt, 16);
  });

  it('resolves programs behind assignments, reserved words and wrappers', () => {
    const s = splitShell('if true; then DEBIAN_FRONTEND=noninteractive sudo -u root -E env A=1 /usr/bin/apt-get -y install x; fi');
    const c = resolveCommand(s.commands[1]!)!;
    assert.equal(c.name, 'apt-get');
    assert.deepEqual(c.args.map((w) => w.value), ['-y', 'install', 'x']);
    assert.equal(resolveCommand(s.commands[1]!, false)!.name, 'sudo');
  });

  it('on any input: no exception, words inside the text in order', () => {
    const alphabet = fc.constantFrom(...'ab $(){}"\'`\\|&;<>#\n-=*EOF'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), (text) => {
        const s = splitShell(text);
        let last = 0;
        for (const c of s.commands) {
          for (const w of [...c.words, ...c.redirects]) {
            assert.ok(w.start >= 0 && w.end <= text.length && w.start < w.end, `word ${w.start}-${w.end} in ${JSON.stringify(text)}`);
          }
          last = Math.max(last, ...c.words.map((w) => w.end));
        }
        assert.ok(s.appendAt === null || (s.appendAt > 0 && s.appendAt <= text.length));
        assert.ok(last <= text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on unbalanced input', () => {
    for (const t of ['"abc', "'x", '$(a', '`b', 'a <<', 'a <<E\nb', '${', 'a \\', '))((', '<(x']) assert.doesNotThrow(() => splitShell(t));
  });
});
