// Fixes of different rules applied together in passes, as fix-all and --fix apply them: a fix
// removing a key and a fix appending to or inserting into that key's value must not both land in
// one pass (the append would end up under the previous key).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintText } from '../../shared/src/lint';
import { fixAllText } from '../../server/src/fix-all';

const config = { ...DEFAULT_CONFIG, level: 'L3' as const };
const fixAll = (uri: string, text: string): string => fixAllText(text, (t) => lintText(uri, t, { config }).results);
const yamlErrors = (text: string): number => parseAllDocuments(text).reduce((n, d) => n + (('errors' in d && d.errors.length) || 0), 0);

describe('fixes of several rules in passes', () => {
  it('Compose: security_opt removed whole at the end of the file, then no-new-privileges appended', () => {
    const uri = 'file:///t/compose.yaml';
    const fixed = fixAll(uri, 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:unconfined\n');
    assert.equal(yamlErrors(fixed), 0, fixed);
    assert.match(fixed, /\n {4}security_opt:\n {6}- no-new-privileges:true\n/);
    assert.ok(!/seccomp:unconfined/.test(fixed));
    assert.deepEqual(lintText(uri, fixed, { config }).results.filter((r) => r.fix).map((r) => r.ruleId), []);
  });
  it('Kubernetes: an added capability removed while other fixes fill the same securityContext', () => {
    const uri = 'file:///t/pod.yaml';
    const fixed = fixAll(uri, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: es\n    securityContext:\n      capabilities:\n        add:\n          - IPC_LOCK\n    image: es:5.6.2\n');
    assert.equal(yamlErrors(fixed), 0, fixed);
    assert.ok(!/IPC_LOCK/.test(fixed));
    assert.match(fixed, /\n {6}allowPrivilegeEscalation: false\n/);
    assert.deepEqual(lintText(uri, fixed, { config }).results.filter((r) => r.fix).map((r) => r.ruleId), []);
  });
});
