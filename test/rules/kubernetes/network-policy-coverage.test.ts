import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { networkPolicyCoverage } from '../../../shared/src/rules/kubernetes/network-policy-coverage';
import { runWorkspace } from './workspace-helpers';
import { enclosingUnits } from '../../../shared/src/rules/kubernetes/support/deployable-unit';

const deployment = (name: string, labels: string, namespace = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}\nspec:\n  template:\n    metadata:\n      labels: ${labels}\n    spec:\n      containers: [{name: a, image: "a:1"}]\n`;

const policy = (selector: string, namespace = ''): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np${namespace ? `\n  namespace: ${namespace}` : ''}\nspec:\n  podSelector: ${selector}\n  policyTypes: [Ingress]\n`;

describe('k8s/network-policy-coverage', () => {
  it('valid: a default-deny policy in the same namespace covers every workload (across files)', () => {
    assert.deepEqual(runWorkspace(networkPolicyCoverage, { 'api.yaml': deployment('api', '{app: api}'), 'np.yaml': policy('{} # default deny') }), []);
  });

  it('valid: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist)', () => {
    const files = {
      'a.yaml': deployment('api', '{app: api, tier: web}', 'shop'),
      'np.yaml': policy('\n    matchLabels: {app: api}\n    matchExpressions:\n    - {key: tier, operator: In, values: [web, edge]}\n    - {key: debug, operator: DoesNotExist}\n    - {key: app, operator: Exists}\n    - {key: tier, operator: NotIn, values: [db]}', 'shop'),
    };
    assert.deepEqual(runWorkspace(networkPolicyCoverage, files), []);
  });

  it('valid (dont-fire): host-network pods and PodTemplates; no workloads at all', () => {
    const hostNet = 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  hostNetwork: true\n  containers: [{name: a}]\n';
    const template = 'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n    containers: [{name: a}]\n';
    assert.deepEqual(runWorkspace(networkPolicyCoverage, { 'p.yaml': hostNet, 't.yaml': template, 'Dockerfile': 'FROM alpine:3.20\n' }), []);
    assert.deepEqual(runWorkspace(networkPolicyCoverage, { 'Dockerfile': 'FROM alpine:3.20\n', 'compose.yaml': 'services:\n  a:\n    image: a\n' }), []);
  });

  it('invalid: the policy is in another namespace or selects other labels', () => {
    const files = {
      'api.yaml': deployment('api', '{app: api}', 'shop'),
      'web.yaml': deployment('web', '{app: web}', 'shop'),
      'np.yaml': policy('{matchLabels: {app: web}}', 'shop') + '---\n' + policy('{}', 'other'),
    };
    assert.deepEqual(runWorkspace(networkPolicyCoverage, files), [
      { uri: 'api.yaml', range: [3, 8, 3, 11], message: 'Deployment "api" in namespace "shop" is selected by no NetworkPolicy; its pods accept traffic from everywhere. Add a policy that selects its labels.' },
    ]);
  });

  it('invalid: no NetworkPolicy in the scan at all (namespace default when unset)', () => {
    assert.deepEqual(runWorkspace(networkPolicyCoverage, { 'api.yaml': deployment('api', '{app: api}') }), [
      { uri: 'api.yaml', range: [3, 8, 3, 11], message: 'Deployment "api" in namespace "default" is selected by no NetworkPolicy, and its deployable unit (ws/) defines none; start with a default-deny policy per namespace.' },
    ]);
  });

  it('scopes policies to the deployable unit: an unrelated application\'s default-deny covers nothing', () => {
    const files = {
      'apps/shop/k8s/api.yaml': deployment('api', '{app: api}'),
      'apps/shop/k8s/np.yaml': policy('{}'),
      'apps/blog/k8s/web.yaml': deployment('web', '{app: web}'),
      'charts/wiki/templates/deploy.yaml': deployment('wiki', '{app: wiki}'),
      'charts/wiki/templates/np.yaml': policy('{matchLabels: {app: wiki}}'),
      'charts/forum/templates/deploy.yaml': deployment('forum', '{app: wiki}'),
    };
    assert.deepEqual(runWorkspace(networkPolicyCoverage, files), [
      { uri: 'apps/blog/k8s/web.yaml', range: [3, 8, 3, 11], message: 'Deployment "web" in namespace "default" is selected by no NetworkPolicy, and its deployable unit (apps/blog/) defines none; start with a default-deny policy per namespace.' },
      { uri: 'charts/forum/templates/deploy.yaml', range: [3, 8, 3, 13], message: 'Deployment "forum" in namespace "default" is selected by no NetworkPolicy, and its deployable unit (charts/forum/) defines none; start with a default-deny policy per namespace.' },
    ]);
  });

  it('a kustomization tree is one unit: a policy of an overlay covers the base; a policy at the top covers the folders below', () => {
    const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\n';
    const tree = {
      'app/base/kustomization.yaml': kustomization,
      'app/base/deploy.yaml': deployment('api', '{app: api}'),
      'app/overlays/prod/kustomization.yaml': kustomization,
      'app/overlays/prod/np.yaml': policy('{}'),
    };
    assert.deepEqual(runWorkspace(networkPolicyCoverage, tree), []);
    assert.deepEqual(runWorkspace(networkPolicyCoverage, { 'np.yaml': policy('{}'), 'svc/a/deploy.yaml': deployment('a', '{app: a}') }), []);
    assert.equal(runWorkspace(networkPolicyCoverage, { 'other/np.yaml': policy('{}'), 'svc/a/deploy.yaml': deployment('a', '{app: a}') }).length, 1, 'a sibling folder is another unit');
    const sorted = { 'shop/k8s/network-policies/np.yaml': policy('{}'), 'shop/k8s/deployments/api.yaml': deployment('api', '{app: api}') };
    assert.deepEqual(runWorkspace(networkPolicyCoverage, sorted), [], 'folders that only sort manifests belong to the application above them');
  });

  it('invalid: a failed matchExpression (NotIn) leaves the workload uncovered', () => {
    const files = { 'api.yaml': deployment('api', '{app: api, tier: db}'), 'np.yaml': policy('{matchExpressions: [{key: tier, operator: NotIn, values: [db]}]}') };
    assert.equal(runWorkspace(networkPolicyCoverage, files).length, 1);
  });
});

describe('deployable units: the units that hold a unit', () => {
  it('are the unit and every folder above it, nearest first', () => {
    assert.deepEqual(enclosingUnits('file:///repo/apps/blog'), ['file:///repo/apps/blog', 'file:///repo/apps', 'file:///repo', 'file://', 'file:/', 'file:']);
    assert.deepEqual(enclosingUnits('/repo'), ['/repo', '']);
    assert.deepEqual(enclosingUnits('apps'), ['apps']);
  });

  it('a policy of a folder whose name is a prefix of the unit’s folder does not hold it', () => {
    // apps/blog-admin is no folder above apps/blog-admin2, though the one name starts with the other
    const files = { 'apps/blog-admin/np.yaml': policy('{}'), 'apps/blog-admin2/deploy.yaml': deployment('a', '{app: a}'), 'apps/blog-admin/sub/deploy.yaml': deployment('b', '{app: b}') };
    assert.deepEqual(
      runWorkspace(networkPolicyCoverage, files).map((f) => f.uri),
      ['apps/blog-admin2/deploy.yaml'],
    );
  });
});
