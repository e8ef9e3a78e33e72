import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandVariables, hasVariable, nothingSet, type VariableSyntax } from '../../shared/src/facts/variables';
import { lintFile, lintFiles } from './kinds';

/**
 * One row per way of writing a value with (or without) a variable: what it is when the file sets no
 * variable, read as a Dockerfile value (`\$` is a literal dollar) and as Compose interpolation (`$$`
 * is). `undefined` means it depends on the build or the deployment. Each row runs through the rules
 * of every kind that read such a value: a Dockerfile `USER` (dockerfile/no-root-user, and
 * k8s/image-user-root for a Pod running its image) and a Compose `user:` (compose/no-root-user),
 * which report exactly the values that expand to root.
 */
const ROWS: readonly (readonly [text: string, dockerfile: string | undefined, compose: string | undefined, references: readonly [dockerfile: boolean, compose: boolean]])[] = [
  ['root', 'root', 'root', [false, false]],
  ['$X', undefined, undefined, [true, true]],
  ['${X}', undefined, undefined, [true, true]],
  ['${X:-root}', 'root', 'root', [true, true]],
  ['${X-root}', 'root', 'root', [true, true]],
  ['${X:-}root', 'root', 'root', [true, true]],
  ['${X:?a user is needed}', undefined, undefined, [true, true]],
  ['${X:+root}', undefined, undefined, [true, true]],
  ['${X:-${Y:-root}}', undefined, undefined, [true, true]],
  ['${1}', undefined, undefined, [true, true]],
  ['$$X', undefined, '$X', [true, false]],
  ['\\$X', '$X', undefined, [false, true]],
  ['ro$', 'ro$', 'ro$', [false, false]],
  ['r${X:-o}ot', 'root', 'root', [true, true]],
];

const value = (syntax: VariableSyntax, text: string): string | undefined => expandVariables(text, syntax, nothingSet);

describe('facts/variables: one reading of variable references, in every kind', () => {
  for (const [text, dockerfile, compose, references] of ROWS) {
    describe(text, () => {
      it('the fact itself', () => {
        assert.deepEqual([value('dockerfile', text), value('compose', text)], [dockerfile, compose]);
        assert.deepEqual([hasVariable(text, 'dockerfile'), hasVariable(text, 'compose')], references);
      });
      it('Dockerfile USER, and a Pod running its image', () => {
        const file = `FROM alpine:3.20\nUSER ${text}\n`;
        const root = dockerfile === 'root';
        assert.equal(lintFile(['dockerfile/no-root-user'], 'app/Dockerfile', file).length, root ? 1 : 0);
        const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: "acme/app:1"}\n';
        assert.equal(lintFiles(['k8s/image-user-root'], { 'app/Dockerfile': file, 'pod.yaml': pod, 'compose.yaml': 'services:\n  app:\n    build: ./app\n    image: acme/app:1\n' }).length, root ? 1 : 0);
      });
      it('Compose user:', () => {
        const user = `services:\n  app:\n    image: a:1\n    user: '${text}'\n`;
        assert.equal(lintFile(['compose/no-root-user'], 'compose.yaml', user).length, compose === 'root' ? 1 : 0);
      });
    });
  }
});
