// Containers that Argo Workflows and Tekton run without a pod spec in the file: templates'
// container, script, containerSet, initContainers and sidecars; Tekton steps and sidecars of
// tasks, pipelines, runs and step actions. Their security settings inherit as the operators
// merge them (a workflow's securityContext, a stepTemplate, a run's pod template), and the pod
// that the operator builds is not judged here (no service-account or hostUsers findings).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintText } from '../../../shared/src/lint';
import { containersOf, podSpecs } from '../../../shared/src/parse/kubernetes';
import { parseYaml } from '../../../shared/src/parse/yaml';
import { automountServiceAccountToken } from '../../../shared/src/rules/kubernetes/automount-service-account-token';
import { defaultServiceAccount } from '../../../shared/src/rules/kubernetes/default-service-account';
import { hostPathVolumes } from '../../../shared/src/rules/kubernetes/host-path-volumes';
import { hostUsers } from '../../../shared/src/rules/kubernetes/host-users';
import { privileged } from '../../../shared/src/rules/kubernetes/privileged';
import { runAsNonRoot } from '../../../shared/src/rules/kubernetes/run-as-non-root';
import { seccompRestricted } from '../../../shared/src/rules/kubernetes/seccomp-restricted';
import { ruleTester } from '../../rule-tester';

const PRIV = 'securityContext: {privileged: true}';

const ARGO = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: build-}
spec:
  volumes:
  - {name: sock, hostPath: {path: /var/run/docker.sock}}
  templates:
  - name: main
    initContainers:
    - {name: init, image: "busybox:1.36", ${PRIV}}
    container:
      image: golang:1.23
      ${PRIV}
  - name: lint
    script:
      image: python:3.12
      source: print(1)
      ${PRIV}
  - name: pair
    containerSet:
      containers:
      - {name: a, image: "a:1", ${PRIV}}
    sidecars:
    - {name: dind, image: "docker:dind", ${PRIV}}
  - name: steps
    steps: [[{name: s, template: main}]]
`;

const TEKTON = `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: build}
spec:
  volumes:
  - {name: sock, hostPath: {path: /var/run/docker.sock}}
  steps:
  - name: build
    image: golang:1.23
    ${PRIV}
  sidecars:
  - {name: dind, image: "docker:dind", ${PRIV}}
---
apiVersion: tekton.dev/v1
kind: Pipeline
metadata: {name: p}
spec:
  tasks:
  - name: t
    taskSpec:
      steps: [{name: s, image: "s:1", ${PRIV}}]
  - name: ref
    taskRef: {name: build}
  finally:
  - name: f
    taskSpec:
      steps: [{name: s, image: "s:1", ${PRIV}}]
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: r}
spec:
  pipelineSpec:
    tasks:
    - name: t
      taskSpec:
        steps: [{name: s, image: "s:1", ${PRIV}}]
---
apiVersion: tekton.dev/v1beta1
kind: TaskRun
metadata: {name: tr}
spec:
  taskSpec:
    steps: [{name: s, image: "s:1", ${PRIV}}]
---
apiVersion: tekton.dev/v1alpha1
kind: StepAction
metadata: {name: sa}
spec:
  image: alpine:3.20
  ${PRIV}
`;

const unprivileged = (text: string): string => text.replaceAll('privileged: true', 'privileged: false');

ruleTester(privileged, {
  valid: [{ name: 'dont-fire: a Tekton task that only references another', code: 'apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: {name: p}\nspec:\n  tasks: [{name: t, taskRef: {name: build}}]\n' }],
  invalid: [
    {
      name: 'Argo: initContainers, container, script, containerSet and sidecars of templates',
      code: ARGO,
      findings: [{ range: [9, 72, 9, 76] }, { range: [12, 36, 12, 40] }, { range: [17, 36, 17, 40] }, { range: [21, 62, 21, 66] }, { range: [23, 71, 23, 75] }],
      output: unprivileged(ARGO),
    },
    {
      name: 'Tekton: Task steps and sidecars, Pipeline tasks and finally, PipelineRun, TaskRun, StepAction',
      code: TEKTON,
      findings: [{ range: [9, 34, 9, 38] }, { range: [11, 69, 11, 73] }, { range: [20, 68, 20, 72] }, { range: [26, 68, 26, 72] }, { range: [36, 70, 36, 74] }, { range: [43, 66, 43, 70] }, { range: [50, 32, 50, 36] }],
      output: unprivileged(TEKTON),
    },
  ],
});

const argo = (workflowContext: string, templateContext: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: w}\nspec:\n${workflowContext}  templates:\n  - name: main\n${templateContext}    container: {image: "app:1"}\n`;

ruleTester(runAsNonRoot, {
  valid: [
    { name: 'Argo: the workflow securityContext holds for a template without one', code: argo('  securityContext: {runAsNonRoot: true}\n', '') },
    { name: 'Argo: so does the securityContext of templateDefaults', code: argo('  securityContext: {runAsUser: 1000}\n  templateDefaults:\n    securityContext: {runAsNonRoot: true}\n', '') },
    { name: 'Argo CronWorkflow: the same under workflowSpec', code: 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: c}\nspec:\n  schedule: "0 * * * *"\n  workflowSpec:\n    securityContext: {runAsNonRoot: true}\n    templates:\n    - {name: m, container: {image: "app:1"}}\n' },
    { name: 'Tekton: stepTemplate', code: 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  stepTemplate:\n    securityContext: {runAsNonRoot: true}\n  steps: [{name: s, image: "s:1"}]\n' },
    { name: 'Tekton: the pod template of a v1 PipelineRun', code: 'apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata: {name: r}\nspec:\n  taskRunTemplate:\n    podTemplate:\n      securityContext: {runAsNonRoot: true}\n  pipelineSpec:\n    tasks: [{name: t, taskSpec: {steps: [{name: s, image: "s:1"}]}}]\n' },
  ],
  invalid: [
    {
      name: "Argo: a template's own securityContext replaces the workflow's",
      code: argo('  securityContext: {runAsNonRoot: true}\n', '    securityContext: {runAsUser: 1000}\n'),
      findings: [{ range: [8, 16, 8, 21], messageId: 'uid' }],
      output: argo('  securityContext: {runAsNonRoot: true}\n', '    securityContext: {runAsUser: 1000}\n').replace('container: {image: "app:1"}', 'container: {image: "app:1", securityContext: {runAsNonRoot: true}}'),
    },
    {
      name: 'Tekton: runAsNonRoot false in the stepTemplate is reported and fixed where it is written, once',
      code: 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  stepTemplate:\n    securityContext: {runAsNonRoot: false}\n  steps: [{name: a, image: "a:1"}, {name: b, image: "b:1", securityContext: {runAsNonRoot: true}}]\n',
      findings: [{ range: [5, 36, 5, 41], messageId: 'false' }, { range: [6, 17, 6, 18] }],
      output: 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  stepTemplate:\n    securityContext: {runAsNonRoot: true}\n  steps: [{name: a, image: "a:1", securityContext: {runAsNonRoot: true}}, {name: b, image: "b:1", securityContext: {runAsNonRoot: true}}]\n',
    },
    {
      name: 'Argo: runAsNonRoot false at the workflow is reported once, on the workflow',
      code: argo('  securityContext: {runAsNonRoot: false}\n', '') + '  - name: other\n    container: {image: "b:1", securityContext: {runAsNonRoot: true}}\n',
      findings: [{ range: [4, 34, 4, 39], messageId: 'false' }, { range: [7, 16, 7, 21] }],
      output: argo('  securityContext: {runAsNonRoot: true}\n', '').replace('container: {image: "app:1"}', 'container: {image: "app:1", securityContext: {runAsNonRoot: true}}') + '  - name: other\n    container: {image: "b:1", securityContext: {runAsNonRoot: true}}\n',
    },
  ],
});

ruleTester(seccompRestricted, {
  valid: [{ name: 'Argo: the workflow seccomp profile holds for its templates', code: argo('  securityContext: {seccompProfile: {type: RuntimeDefault}}\n', '') }],
  invalid: [
    {
      name: "Argo: not for a template whose own securityContext replaces the workflow's",
      code: argo('  securityContext: {seccompProfile: {type: RuntimeDefault}}\n', '    securityContext: {runAsNonRoot: true}\n'),
      findings: [{ range: [8, 16, 8, 21] }],
      output: argo('  securityContext: {seccompProfile: {type: RuntimeDefault}}\n', '    securityContext: {runAsNonRoot: true}\n').replace('container: {image: "app:1"}', 'container: {image: "app:1", securityContext: {seccompProfile: {type: RuntimeDefault}}}'),
    },
  ],
});

ruleTester(hostPathVolumes, {
  valid: [{ name: 'dont-fire: an emptyDir of a workflow', code: ARGO.replace('hostPath: {path: /var/run/docker.sock}', 'emptyDir: {}') }],
  invalid: [
    {
      name: 'the volumes of an Argo workflow and of a Tekton task, each reported once',
      code: TEKTON.split('---\n')[0]! + '---\n' + ARGO,
      findings: [{ range: [5, 17, 5, 25] }, { range: [18, 17, 18, 25] }],
    },
  ],
});

describe('operator containers', () => {
  for (const rule of [automountServiceAccountToken, defaultServiceAccount, hostUsers]) {
    it(`${rule.id} does not judge the pods that Argo and Tekton build`, () => {
      for (const code of [ARGO, TEKTON]) assert.deepEqual(lintText('file:///w/op.yaml', code, { rules: [rule], config: { ...DEFAULT_CONFIG, level: 'L3' } }).results, []);
    });
  }

  it('reads every container once, named as the operator names it, with where its unit sits', () => {
    const file = parseYaml('file:///w/op.yaml', ARGO, 'kubernetes');
    assert.deepEqual(containersOf(file).map((c) => `${c.group}:${c.name}`), ['initContainers:init', 'containers:main', 'containers:main', 'containers:a', 'containers:dind']);
    assert.deepEqual(podSpecs(file).map((p) => [p.path.join('.'), p.podLevel, p.containers.length]), [['spec', false, 0], ['spec.templates.0', false, 2], ['spec.templates.1', false, 1], ['spec.templates.2', false, 2]]);
    const tekton = parseYaml('file:///w/t.yaml', TEKTON, 'kubernetes');
    assert.equal(containersOf(tekton).length, 7);
  });
});
