// How `--fix` writes: never through a link to a file outside the scanned folders, never over a
// file with other hard links, atomically (a new inode renamed into place) and with the mode kept.
import assert from 'node:assert/strict';
import { chmodSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeBack, writeRoots } from '../../host/src/workspace/write-back';
import { runMain, tempDir, workspace } from './helpers';

const CONFIG = 'rules:\n  dockerfile/prefer-copy: warning\n';
const BEFORE = 'FROM alpine:3.20\nADD app /app\nUSER 10001\n';
const AFTER = 'FROM alpine:3.20\nCOPY app /app\nUSER 10001\n';

describe('--fix writes', () => {
  it('does not write through a symbolic link to a file outside the scanned folder, and says so', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'Dockerfile'), BEFORE);
    const dir = workspace({ '.bollwerk.yaml': CONFIG });
    symlinkSync(join(outside, 'Dockerfile'), join(dir, 'Dockerfile'));
    const r = await runMain([dir, '--fix', '--fail-on', 'never']);
    assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), BEFORE);
    assert.ok(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink());
    assert.match(r.stderr, /Dockerfile: not written: it is a link to .*outside the scanned folders\n/);
    assert.match(r.stdout, /^fixed 0 problems in 0 files\n/);
  });
  it('writes a link\'s target inside the scanned folder and keeps the link', async () => {
    const dir = workspace({ '.bollwerk.yaml': CONFIG, 'docker/Dockerfile.app': BEFORE });
    symlinkSync('docker/Dockerfile.app', join(dir, 'Dockerfile'));
    const r = await runMain([dir, '--fix', '--fail-on', 'never']);
    assert.equal(readFileSync(join(dir, 'docker/Dockerfile.app'), 'utf8'), AFTER);
    assert.equal(readlinkSync(join(dir, 'Dockerfile')), 'docker/Dockerfile.app');
    assert.equal(r.stderr, '');
  });
  it('does not write a file with a second hard link', async () => {
    const outside = tempDir();
    const dir = workspace({ '.bollwerk.yaml': CONFIG, Dockerfile: BEFORE });
    linkSync(join(dir, 'Dockerfile'), join(outside, 'Dockerfile'));
    const r = await runMain([dir, '--fix', '--fail-on', 'never']);
    assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), BEFORE);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), BEFORE);
    assert.match(r.stderr, /Dockerfile: not written: the file has 2 hard links/);
  });
  it('says it in German with --lang de', async () => {
    const outside = tempDir();
    const dir = workspace({ '.bollwerk.yaml': CONFIG, Dockerfile: BEFORE });
    linkSync(join(dir, 'Dockerfile'), join(outside, 'Dockerfile'));
    const r = await runMain([dir, '--fix', '--fail-on', 'never', '--lang', 'de']);
    assert.match(r.stderr, /nicht geschrieben: die Datei hat 2 harte Verweise/);
  });
  it('replaces the file atomically: a new inode, the mode kept, no temporary file left', async () => {
    const dir = workspace({ '.bollwerk.yaml': CONFIG, Dockerfile: BEFORE });
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const inode = statSync(join(dir, 'Dockerfile')).ino;
    await runMain([dir, '--fix', '--fail-on', 'never']);
    const st = statSync(join(dir, 'Dockerfile'));
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), AFTER);
    assert.equal(st.mode & 0o777, 0o640);
    assert.notEqual(st.ino, inode);
    assert.deepEqual(readdirSync(dir).sort(), ['.bollwerk.yaml', 'Dockerfile']);
  });
});

describe('writeBack', () => {
  it('skips a file whose content changed since it was read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM a:1 # edited\n');
    const r = writeBack(join(dir, 'Dockerfile'), 'FROM a:1\n', 'FROM a:2\n', writeRoots([dir]));
    assert.deepEqual(r.written ? 'written' : r.skip, 'changed');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM a:1 # edited\n');
  });
  it('skips a path outside the roots reached through a linked folder', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'Dockerfile'), 'FROM a:1\n');
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    symlinkSync(outside, join(dir, 'sub', 'linked'));
    const r = writeBack(join(dir, 'sub', 'linked', 'Dockerfile'), 'FROM a:1\n', 'FROM a:2\n', writeRoots([dir]));
    assert.deepEqual(r.written ? 'written' : r.skip, 'outside');
    assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), 'FROM a:1\n');
  });
  it('writes a file named as the root itself', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM a:1\n');
    assert.deepEqual(writeBack(join(dir, 'Dockerfile'), 'FROM a:1\n', 'FROM a:2\n', writeRoots([join(dir, 'Dockerfile')])), { written: true });
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM a:2\n');
  });
});
