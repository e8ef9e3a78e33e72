// resolveCommand: wrappers are looked up by name only (a program called `constructor` or `toString`
// once made the lookup find Object's own members and throw).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveCommand, splitShell } from '../../shared/src/parse/shell';

const resolve = (text: string): [string, string[], string[]] | undefined => {
  const r = resolveCommand(splitShell(text).commands[0]!);
  return r && [r.name, r.prefix.map((w) => w.value), r.args.map((w) => w.value)];
};

describe('resolveCommand', () => {
  it('looks through sudo, env and assignments', () => {
    assert.deepEqual(resolve('sudo -u root DEBIAN_FRONTEND=x /usr/bin/apt-get install -y curl'), ['apt-get', ['sudo', '-u', 'root', 'DEBIAN_FRONTEND=x'], ['install', '-y', 'curl']]);
    assert.deepEqual(resolve('env -u HOME nice -n 5 pip install x'), ['pip', ['env', '-u', 'HOME', 'nice', '-n', '5'], ['install', 'x']]);
    assert.deepEqual(resolve('xargs -r -n 1 -I {} apt-get install {}'), ['apt-get', ['xargs', '-r', '-n', '1', '-I', '{}'], ['install', '{}']]);
    assert.equal(resolve('A=1 B=2'), undefined);
  });

  it('programs named like Object members are programs, not wrappers', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      assert.deepEqual(resolve(`${name} -x y`), [name.toLowerCase(), [], ['-x', 'y']]);
    }
  });

  it('caches the resolution on the command (same object for the same command)', () => {
    const command = splitShell('sudo apt-get update').commands[0]!;
    assert.equal(resolveCommand(command), resolveCommand(command));
    assert.equal(resolveCommand(command, false)?.name, 'sudo');
  });
});
