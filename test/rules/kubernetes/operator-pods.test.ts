// Pod templates inside operator resources, recognised by their shape: the container rules see
// their containers like those of a Deployment (checked here with k8s/privileged and k8s/run-as-non-root).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../../shared/src/lint';
import { findPodShapes } from '../../../shared/src/parse/pod-shapes';
import { parseYaml } from '../../../shared/src/parse/yaml';
import { privileged } from '../../../shared/src/rules/kubernetes/privileged';
import { runAsNonRoot } from '../../../shared/src/rules/kubernetes/run-as-non-root';
import { ruleTester } from '../../rule-tester';

const PRIV = '{name: app, image: "app:1.0", securityContext: {privileged: true}}';

/** JobSet, RayCluster (head and workers), LeaderWorkerSet and Knative Service, one document each. */
const OPERATORS = [
  `apiVersion: jobset.x-k8s.io/v1alpha2\nkind: JobSet\nmetadata: {name: j}\nspec:\n  replicatedJobs:\n  - name: workers\n    template:\n      spec:\n        template:\n          spec:\n            containers: [${PRIV}]\n`,
  `apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: ray}\nspec:\n  headGroupSpec:\n    template:\n      spec:\n        containers: [${PRIV}]\n  workerGroupSpecs:\n  - groupName: gpu\n    template:\n      spec:\n        containers: [${PRIV}]\n`,
  `apiVersion: leaderworkerset.x-k8s.io/v1\nkind: LeaderWorkerSet\nmetadata: {name: l}\nspec:\n  leaderWorkerTemplate:\n    workerTemplate:\n      spec:\n        containers: [${PRIV}]\n`,
  `apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec:\n  template:\n    spec:\n      containers: [${PRIV}]\n`,
].join('---\n');

ruleTester(privileged, {
  valid: [
    { name: 'dont-fire: a CRD schema describing containers', code: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x.example.com}\nspec:\n  versions:\n  - name: v1\n    schema:\n      openAPIV3Schema:\n        properties:\n          containers: {type: array, items: {type: object}}\n' },
    { name: 'dont-fire: a ConfigMap holding a pod as data', code: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  pod: |\n    containers: [${PRIV}]\n` },
  ],
  invalid: [
    {
      name: 'OpenShift DeploymentConfig, in its API group and as the older v1, with a container whose image a trigger fills in',
      code: `apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: [${PRIV}]\n---\napiVersion: v1\nkind: DeploymentConfig\nmetadata: {name: e}\nspec:\n  triggers: [{type: ImageChange}]\n  template:\n    spec:\n      containers:\n      - name: app\n        securityContext: {privileged: true}\n`,
      findings: [{ range: [6, 79, 6, 83] }, { range: [17, 38, 17, 42] }],
      output: `apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: "app:1.0", securityContext: {privileged: false}}]\n---\napiVersion: v1\nkind: DeploymentConfig\nmetadata: {name: e}\nspec:\n  triggers: [{type: ImageChange}]\n  template:\n    spec:\n      containers:\n      - name: app\n        securityContext: {privileged: false}\n`,
    },
    {
      name: 'Argo Rollout and KEDA ScaledJob',
      code: `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n      containers: [${PRIV}]\n---\napiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata: {name: s}\nspec:\n  jobTargetRef:\n    template:\n      spec:\n        containers: [${PRIV}]\n`,
      findings: [{ range: [6, 79, 6, 83] }, { range: [15, 81, 15, 85] }],
      output: `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: "app:1.0", securityContext: {privileged: false}}]\n---\napiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata: {name: s}\nspec:\n  jobTargetRef:\n    template:\n      spec:\n        containers: [{name: app, image: "app:1.0", securityContext: {privileged: false}}]\n`,
    },
    {
      name: 'JobSet, RayCluster (head and workers), LeaderWorkerSet, Knative Service',
      code: OPERATORS,
      findings: [{ range: [10, 85, 10, 89] }, { range: [19, 81, 19, 85] }, { range: [24, 81, 24, 85] }, { range: [33, 81, 33, 85] }, { range: [41, 79, 41, 83] }],
      output: OPERATORS.replaceAll('privileged: true', 'privileged: false'),
    },
  ],
});

describe('pod shapes', () => {
  it('give the pod-level securityContext of a template to its containers and record where the pod spec sits', () => {
    const code = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    metadata: {labels: {app: r}}\n    spec:\n      securityContext: {runAsNonRoot: true}\n      containers: [{name: app, image: "app:1.0"}]\n';
    assert.deepEqual(lintText('file:///w/r.yaml', code, { rules: [runAsNonRoot] }).results, []);
    const doc = parseYaml('file:///w/r.yaml', code, 'kubernetes').objects[0]!;
    const shapes = findPodShapes(doc.kind, doc.node);
    assert.deepEqual(shapes.map((s) => s.path), [['spec', 'template', 'spec']]);
  });
});
