import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDockerHub, parseImageReference, parseReference } from '../../shared/src/facts/image-reference';
import { lintFile } from './kinds';

const DIGEST = `sha256:${'a1'.repeat(32)}`;
const TRUSTED = ['docker.io/library', 'ghcr.io/acme'];

/**
 * One row per image reference: how it splits (registry, repository, tag, digest), whether
 * `docker pull` accepts it, whether it floats (no tag, or latest) and whether TRUSTED covers it.
 * Each row runs through the image rules of every kind: a Dockerfile FROM, a Compose `image:` and a
 * Kubernetes container `image:`; the registry client's parse must agree with the rules' where
 * Docker accepts the reference.
 */
interface Row {
  readonly ref: string;
  readonly registry: string;
  readonly repository: string;
  readonly tag: string | null;
  readonly digest?: string;
  readonly valid: boolean;
  readonly floating: boolean;
  readonly trusted: boolean;
  /** Holds a variable: the rules leave it alone. */
  readonly variable?: true;
}

const row = (ref: string, registry: string, repository: string, tag: string | null, flags: Partial<Row> = {}): Row => ({
  ref, registry, repository, tag, valid: true, floating: tag === null || tag.toLowerCase() === 'latest', trusted: false, ...flags,
});

const ROWS: readonly Row[] = [
  row('nginx', 'docker.io', 'library/nginx', null, { trusted: true }),
  row('nginx:1.27', 'docker.io', 'library/nginx', '1.27', { trusted: true }),
  row('nginx:latest', 'docker.io', 'library/nginx', 'latest', { trusted: true }),
  row('nginx:LATEST', 'docker.io', 'library/nginx', 'LATEST', { trusted: true }),
  row('library/nginx:1.27', 'docker.io', 'library/nginx', '1.27', { trusted: true }),
  row('docker.io/nginx:1.27', 'docker.io', 'library/nginx', '1.27', { trusted: true }),
  row('index.docker.io/library/nginx:1.27', 'docker.io', 'library/nginx', '1.27', { trusted: true }),
  row('registry-1.docker.io/bitnami/redis:7', 'docker.io', 'bitnami/redis', '7'),
  row('bitnami/redis', 'docker.io', 'bitnami/redis', null),
  row(`ghcr.io/acme/api:1.2@${DIGEST}`, 'ghcr.io', 'acme/api', '1.2', { digest: DIGEST, floating: false, trusted: true }),
  row(`alpine@${DIGEST}`, 'docker.io', 'library/alpine', null, { digest: DIGEST, floating: false, trusted: true }),
  row('ghcr.io/acme-corp/api:1', 'ghcr.io', 'acme-corp/api', '1'),
  row('localhost:5000/app', 'localhost:5000', 'app', null),
  row('localhost/app:1', 'localhost', 'app', '1'),
  row('MyRegistry/app:1', 'myregistry', 'app', '1'),
  row('[::1]:5000/app:1', '[::1]:5000', 'app', '1'),
  row('quay.io/org/team/app:2.0', 'quay.io', 'org/team/app', '2.0'),
  row('Nginx:1.27', 'docker.io', 'library/Nginx', '1.27', { valid: false, trusted: true }),
  row('${REGISTRY}/app:${TAG}', '${registry}', 'app', '${TAG}', { valid: false, variable: true, floating: false }),
];

/** The rules of each kind that judge this row, sorted; what the row expects of them. */
function expectedRules(r: Row, latest: string, trusted: string | undefined): string[] {
  if (r.variable) return [];
  return [...(r.floating ? [latest] : []), ...(!r.trusted && trusted ? [trusted] : [])].sort();
}

const rulesOf = (seen: readonly { rule: string }[]): string[] => seen.map((s) => s.rule).sort();

describe('facts/image-reference: one parse of every reference, in every kind', () => {
  for (const r of ROWS) {
    describe(r.ref, () => {
      it('the fact: the rules\' split, and the registry client agrees where Docker accepts it', () => {
        const ref = parseImageReference(r.ref);
        assert.deepEqual([ref.registry, ref.repository, ref.tag, ref.digest, ref.variable], [r.registry, r.repository, r.tag, r.digest ?? null, r.variable === true]);
        const strict = parseReference(r.ref);
        assert.equal(strict.ok, r.valid);
        if (strict.ok) {
          assert.equal(isDockerHub(strict.ref.domain) ? 'docker.io' : strict.ref.domain.toLowerCase(), ref.registry);
          assert.equal(strict.ref.path, isDockerHub(strict.ref.domain) && !strict.ref.path.includes('/') ? ref.repository.replace(/^library\//, '') : ref.repository);
          assert.deepEqual([strict.ref.tag ?? null, strict.ref.digest ?? null], [ref.tag, ref.digest]);
        }
      });
      it('Dockerfile FROM', () => {
        const seen = lintFile(['dockerfile/no-latest-tag', 'dockerfile/trusted-registry'], 'Dockerfile', `FROM ${r.ref}\nUSER 10001\n`, { trustedRegistries: TRUSTED });
        assert.deepEqual(rulesOf(seen), expectedRules(r, 'dockerfile/no-latest-tag', 'dockerfile/trusted-registry'));
      });
      it('Compose image:', () => {
        const seen = lintFile(['compose/image-latest-tag', 'compose/trusted-registry'], 'compose.yaml', `services:\n  app:\n    image: "${r.ref}"\n`, { trustedRegistries: TRUSTED });
        assert.deepEqual(rulesOf(seen), expectedRules(r, 'compose/image-latest-tag', 'compose/trusted-registry'));
      });
      it('Kubernetes container image:', () => {
        const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: "${r.ref}"\n`;
        assert.deepEqual(rulesOf(lintFile(['k8s/image-latest-tag'], 'pod.yaml', pod)), expectedRules(r, 'k8s/image-latest-tag', undefined));
      });
    });
  }
});
