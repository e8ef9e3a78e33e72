import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRootUid, userVerdict } from '../../shared/src/facts/root-user';
import { lintFile, lintFiles, rangeAfter, rangeOf } from './kinds';

/**
 * One row per spelling of a container user. Each row runs through the rules of every kind that can
 * hold it: a Dockerfile `USER` (dockerfile/no-root-user; compose/implicit-root-user and
 * k8s/image-user-root for a service or Pod built from that Dockerfile), a Compose `user:`
 * (compose/no-root-user) and a Kubernetes `runAsUser` (k8s/run-as-user-root).
 */
interface Row {
  /** The USER value as written in the Dockerfile. */
  readonly user: string;
  /** Whether the Dockerfile's image runs as root (or a Windows administrator). */
  readonly root: boolean;
  /** Lines of the final stage before the USER line. */
  readonly before?: string;
  /** Lines before the first FROM (global ARGs). */
  readonly head?: string;
  /** The Compose `user:` scalar as written and whether it is root; absent where the spelling is not one of Compose. */
  readonly compose?: readonly [string, boolean];
  /** The Kubernetes `runAsUser` scalar as written and whether it is UID 0; absent where it is no integer. */
  readonly runAsUser?: readonly [string, boolean];
}

const ROWS: readonly Row[] = [
  { user: '0', root: true, compose: ['"0"', true], runAsUser: ['0', true] },
  { user: '00', root: true, compose: ['"00"', true], runAsUser: ['00', true] },
  { user: '0000', root: true, compose: ['"0000"', true], runAsUser: ['0000', true] },
  { user: '+0', root: true, compose: ['"+0"', true], runAsUser: ['+0', true] },
  { user: '-0', root: true, compose: ['"-0"', true], runAsUser: ['-0', true] },
  { user: '10001', root: false, compose: ['"10001"', false], runAsUser: ['10001', false] },
  { user: '0x0', root: false, compose: ['"0x0"', false], runAsUser: ['0x0', true] },
  { user: '100', root: false, compose: ['"100"', false], runAsUser: ['"100"', false] },
  { user: 'root', root: true, compose: ['root', true] },
  { user: '"root"', root: true, compose: ['"root"', true] },
  { user: 'ROOT', root: true, compose: ['ROOT', true] },
  { user: 'Root', root: true, compose: ["'Root'", true] },
  { user: 'root:root', root: true, compose: ['root:root', true] },
  { user: '0:0', root: true, compose: ['"0:0"', true] },
  { user: 'root:0', root: true, compose: ['root:0', true] },
  { user: '0:10001', root: true, compose: ['"0:10001"', true] },
  { user: ':10001', root: true, compose: ['":10001"', true] },
  { user: '${APP_USER:-root}', root: true, compose: ['${APP_USER:-root}', true] },
  { user: '${APP_USER-0}', root: true, compose: ['"${APP_USER-0}"', true] },
  { user: 'ContainerAdministrator', root: true, compose: ['ContainerAdministrator', true] },
  { user: 'containeradministrator', root: true, compose: ['containeradministrator', true] },
  { user: 'Administrator', root: true, compose: ['Administrator', true] },
  { user: '10001:10001', root: false, compose: ['"10001:10001"', false] },
  { user: '10001:0', root: false, compose: ['"10001:0"', false] },
  { user: 'app', root: false, compose: ['app', false] },
  { user: 'nobody', root: false, compose: ['nobody', false] },
  { user: 'rootless', root: false, compose: ['rootless', false] },
  { user: 'root2', root: false, compose: ['root2', false] },
  { user: 'ContainerUser', root: false, compose: ['ContainerUser', false] },
  { user: '${APP_USER:-app}', root: false, compose: ['${APP_USER:-app}', false] },
  { user: '${APP_USER}', root: false, compose: ['${APP_USER}', false] },
  { user: '$U', root: false, compose: ['$$U', false] },
  { user: '$U', before: 'ARG U=root\n', root: true, compose: ['$U', false] },
  { user: '${U}', before: 'ENV U=0\n', root: true },
  { user: '$U:$U', before: 'ARG U=root\n', root: true },
  { user: '$U', head: 'ARG U=root\n', before: 'ARG U\n', root: true },
  { user: '$U', before: 'ARG V=root\nARG U=$V\n', root: true },
  { user: '$U', head: 'ARG U=root\n', root: false },
  { user: '$U', before: 'ARG U=app\n', root: false },
  { user: '\\$U', before: 'ARG U=root\n', root: false },
];

const dockerfileOf = (row: Row): string => `${row.head ?? ''}FROM alpine:3.20\n${row.before ?? ''}USER ${row.user}\n`;


const COMPOSE_BUILD = 'services:\n  app:\n    build: ./app\n';
/** The evidence k8s/image-user-root needs that the Pod's image is built from app/Dockerfile: a Compose build naming it. */
const BUILT_AS = 'services:\n  app:\n    build: ./app\n    image: acme/app:1\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: acme/app:1\n';

describe('facts/root-user: one verdict for every spelling, in every kind', () => {
  for (const row of ROWS) {
    const dockerfile = dockerfileOf(row);
    const label = `${JSON.stringify(dockerfile)} is ${row.root ? '' : 'not '}root`;

    it(`Dockerfile: ${label}`, () => {
      const expected = row.root ? [{ rule: 'dockerfile/no-root-user', uri: 'app/Dockerfile', range: rangeAfter(dockerfile, 'USER ', row.user) }] : [];
      assert.deepEqual(lintFile(['dockerfile/no-root-user'], 'app/Dockerfile', dockerfile), expected);
    });

    it(`Compose building it: ${label}`, () => {
      const expected = row.root ? [{ rule: 'compose/implicit-root-user', uri: 'compose.yaml', range: rangeOf(COMPOSE_BUILD, 'build') }] : [];
      assert.deepEqual(lintFiles(['compose/implicit-root-user'], { 'compose.yaml': COMPOSE_BUILD, 'app/Dockerfile': dockerfile }), expected);
    });

    it(`Kubernetes running its image: ${label}`, () => {
      const expected = row.root ? [{ rule: 'k8s/image-user-root', uri: 'pod.yaml', range: rangeOf(POD, 'acme/app:1') }] : [];
      assert.deepEqual(lintFiles(['k8s/image-user-root'], { 'pod.yaml': POD, 'app/Dockerfile': dockerfile, 'compose.yaml': BUILT_AS }), expected);
    });

    if (row.compose) {
      const [value, root] = row.compose;
      const compose = `services:\n  app:\n    image: alpine:3.20\n    user: ${value}\n`;
      it(`Compose user: ${value} is ${root ? '' : 'not '}root`, () => {
        const expected = root ? [{ rule: 'compose/no-root-user', uri: 'compose.yaml', range: rangeAfter(compose, 'user: ', value) }] : [];
        assert.deepEqual(lintFile(['compose/no-root-user'], 'compose.yaml', compose), expected);
      });
    }

    if (row.runAsUser) {
      const [value, root] = row.runAsUser;
      const pod = `${POD}    securityContext:\n      runAsUser: ${value}\n`;
      it(`Kubernetes runAsUser: ${value} is ${root ? '' : 'not '}UID 0`, () => {
        const expected = root ? [{ rule: 'k8s/run-as-user-root', uri: 'pod.yaml', range: rangeAfter(pod, 'runAsUser: ', value) }] : [];
        assert.deepEqual(lintFile(['k8s/run-as-user-root'], 'pod.yaml', pod), expected);
      });
    }
  }

  it('the fact itself: verdicts of the bare values', () => {
    assert.deepEqual(['0', '00', '+0', 'ROOT', 'root:x', ':1', '"0"', '.\\ContainerAdministrator', 'NT AUTHORITY\\SYSTEM'].map(userVerdict), Array(9).fill('root'));
    assert.deepEqual(['1', '0x0', 'app', '1:0', 'r00t'].map(userVerdict), Array(5).fill('not-root'));
    assert.deepEqual(['', '  ', '""'].map(userVerdict), ['unknown', 'unknown', 'unknown']);
    assert.deepEqual(['0', '000', '+0', '-0', '1', '0x0', '', 'root'].map(isRootUid), [true, true, true, true, false, false, false, false]);
  });
});
