// kustomize's default transformer configuration: which fields each built-in transformer changes.
// Ported from kubernetes-sigs/kustomize api/konfig/builtinpluginconsts/*.go (commonlabels.go,
// templatelabels.go, commonannotations.go, namespace.go, nameprefix.go, images.go, replicas.go,
// namereference.go, varreference.go). Copyright 2019 The Kubernetes Authors, Apache-2.0.
import type { FieldSpec } from './field-spec';
import type { Gvk } from './resource';

const fs = (path: string, kind = '', create = false, group = '', version = ''): FieldSpec => ({ gvk: { kind, group, version }, path, create });

const AFFINITY = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** Where `commonLabels` (and `labels` with includeSelectors) go. */
export const COMMON_LABELS: readonly FieldSpec[] = [
  fs('metadata/labels', '', true),
  fs('spec/selector', 'Service', true, '', 'v1'),
  fs('spec/selector', 'ReplicationController', true, '', 'v1'),
  fs('spec/template/metadata/labels', 'ReplicationController', true, '', 'v1'),
  fs('spec/selector/matchLabels', 'Deployment', true),
  fs('spec/template/metadata/labels', 'Deployment', true),
  ...AFFINITY.map((p) => fs(p, 'Deployment', false, 'apps')),
  fs('spec/selector/matchLabels', 'ReplicaSet', true),
  fs('spec/template/metadata/labels', 'ReplicaSet', true),
  fs('spec/selector/matchLabels', 'DaemonSet', true),
  fs('spec/template/metadata/labels', 'DaemonSet', true),
  fs('spec/selector/matchLabels', 'StatefulSet', true, 'apps'),
  fs('spec/template/metadata/labels', 'StatefulSet', true, 'apps'),
  ...AFFINITY.map((p) => fs(p, 'StatefulSet', false, 'apps')),
  fs('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', true, 'apps'),
  fs('spec/selector/matchLabels', 'Job', false, 'batch'),
  fs('spec/template/metadata/labels', 'Job', true, 'batch'),
  fs('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', false, 'batch'),
  fs('spec/jobTemplate/metadata/labels', 'CronJob', true, 'batch'),
  fs('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', true, 'batch'),
  fs('spec/selector/matchLabels', 'PodDisruptionBudget', false, 'policy'),
  fs('spec/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  fs('spec/ingress/from/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  fs('spec/egress/to/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
];

/** Where `labels` with includeTemplates go, besides metadata/labels. */
export const TEMPLATE_LABELS: readonly FieldSpec[] = [
  fs('spec/template/metadata/labels', 'ReplicationController', true, '', 'v1'),
  fs('spec/template/metadata/labels', 'Deployment', true),
  fs('spec/template/metadata/labels', 'ReplicaSet', true),
  fs('spec/template/metadata/labels', 'DaemonSet', true),
  fs('spec/template/metadata/labels', 'StatefulSet', true, 'apps'),
  fs('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', true, 'apps'),
  fs('spec/template/metadata/labels', 'Job', true, 'batch'),
  fs('spec/jobTemplate/metadata/labels', 'CronJob', true, 'batch'),
  fs('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', true, 'batch'),
];

/** Where `commonAnnotations` go. */
export const COMMON_ANNOTATIONS: readonly FieldSpec[] = [
  fs('metadata/annotations', '', true),
  fs('spec/template/metadata/annotations', 'ReplicationController', true, '', 'v1'),
  fs('spec/template/metadata/annotations', 'Deployment', true),
  fs('spec/template/metadata/annotations', 'ReplicaSet', true),
  fs('spec/template/metadata/annotations', 'DaemonSet', true),
  fs('spec/template/metadata/annotations', 'StatefulSet', true, 'apps'),
  fs('spec/template/metadata/annotations', 'Job', true, 'batch'),
  fs('spec/jobTemplate/metadata/annotations', 'CronJob', true, 'batch'),
  fs('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', true, 'batch'),
];

/** Where `namespace` goes (metadata/namespace and role-binding subjects are handled apart, as kustomize does). */
export const NAMESPACE: readonly FieldSpec[] = [
  fs('metadata/namespace', '', true),
  fs('metadata/name', 'Namespace', true, '', 'v1'),
  fs('subjects[]/namespace', 'RoleBinding'),
  fs('subjects[]/namespace', 'ClusterRoleBinding'),
  fs('spec/service/namespace', 'APIService', true, 'apiregistration.k8s.io'),
  fs('spec/conversion/webhook/clientConfig/service/namespace', 'CustomResourceDefinition', false, 'apiextensions.k8s.io'),
];

/** Where `namePrefix` and `nameSuffix` go. */
export const NAME_PREFIX: readonly FieldSpec[] = [fs('metadata/name')];

/** Where `images` apply. */
export const IMAGES: readonly FieldSpec[] = [
  fs('spec/containers[]/image', '', true),
  fs('spec/initContainers[]/image', '', true),
  fs('spec/template/spec/containers[]/image', '', true),
  fs('spec/template/spec/initContainers[]/image', '', true),
];

/** Where `replicas` apply. */
export const REPLICAS: readonly FieldSpec[] = [
  fs('spec/replicas', 'Deployment', true),
  fs('spec/replicas', 'ReplicationController', true),
  fs('spec/replicas', 'ReplicaSet', true),
  fs('spec/replicas', 'StatefulSet', true),
];

/** A kind that others refer to by name, and the fields that hold the name. */
export interface NameBackRef {
  readonly gvk: Partial<Gvk>;
  readonly referrers: readonly FieldSpec[];
}

const WORKLOADS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'];
const podRefs = (suffixes: readonly string[]): FieldSpec[] => [
  ...suffixes.map((s) => fs(`spec/${s}`, 'Pod', false, '', 'v1')),
  ...WORKLOADS.flatMap((k) => suffixes.map((s) => fs(`spec/template/spec/${s}`, k))),
  ...suffixes.map((s) => fs(`spec/jobTemplate/spec/template/spec/${s}`, 'CronJob')),
];
const CM_FIELDS = ['volumes/configMap/name', 'containers/env/valueFrom/configMapKeyRef/name', 'initContainers/env/valueFrom/configMapKeyRef/name', 'containers/envFrom/configMapRef/name', 'initContainers/envFrom/configMapRef/name', 'volumes/projected/sources/configMap/name'];
const SECRET_FIELDS = ['volumes/secret/secretName', 'containers/env/valueFrom/secretKeyRef/name', 'initContainers/env/valueFrom/secretKeyRef/name', 'containers/envFrom/secretRef/name', 'initContainers/envFrom/secretRef/name', 'imagePullSecrets/name', 'volumes/projected/sources/secret/name'];
const KNATIVE = (p: string): FieldSpec => fs(p, 'Service', false, 'serving.knative.dev', 'v1');
const SA_KINDS = ['StatefulSet', 'Deployment', 'ReplicationController', 'Job', 'DaemonSet'];
const podSpecField = (field: string): FieldSpec[] => [
  fs(`spec/${field}`, 'Pod'),
  ...SA_KINDS.map((k) => fs(`spec/template/spec/${field}`, k)),
  fs(`spec/jobTemplate/spec/template/spec/${field}`, 'CronJob'),
];

/** kustomize's nameReference configuration. */
export const NAME_REFERENCE: readonly NameBackRef[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ gvk: { kind }, referrers: [fs('spec/scaleTargetRef/name', 'HorizontalPodAutoscaler')] })),
  {
    gvk: { kind: 'ConfigMap', version: 'v1' },
    referrers: [
      ...podRefs(CM_FIELDS),
      fs('spec/configSource/configMap', 'Node'),
      fs('rules/resourceNames', 'Role'),
      fs('rules/resourceNames', 'ClusterRole'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'Ingress'),
      KNATIVE('spec/template/spec/containers/env/valueFrom/configMapKeyRef/name'),
      KNATIVE('spec/template/spec/containers/envFrom/configMapRef/name'),
    ],
  },
  {
    gvk: { kind: 'Secret', version: 'v1' },
    referrers: [
      ...podRefs(SECRET_FIELDS),
      fs('spec/tls/secretName', 'Ingress'),
      fs('metadata/annotations/ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', 'Ingress'),
      fs('imagePullSecrets/name', 'ServiceAccount'),
      fs('parameters/secretName', 'StorageClass'),
      fs('parameters/adminSecretName', 'StorageClass'),
      fs('parameters/userSecretName', 'StorageClass'),
      fs('parameters/secretRef', 'StorageClass'),
      fs('rules/resourceNames', 'Role'),
      fs('rules/resourceNames', 'ClusterRole'),
      KNATIVE('spec/template/spec/containers/env/valueFrom/secretKeyRef/name'),
      fs('spec/azureFile/secretName', 'PersistentVolume'),
    ],
  },
  {
    gvk: { kind: 'Service', version: 'v1' },
    referrers: [
      fs('spec/serviceName', 'StatefulSet', false, 'apps'),
      fs('spec/rules/http/paths/backend/serviceName', 'Ingress'),
      fs('spec/backend/serviceName', 'Ingress'),
      fs('spec/rules/http/paths/backend/service/name', 'Ingress'),
      fs('spec/defaultBackend/service/name', 'Ingress'),
      fs('spec/service/name', 'APIService', false, 'apiregistration.k8s.io'),
      fs('webhooks/clientConfig/service', 'ValidatingWebhookConfiguration', false, 'admissionregistration.k8s.io'),
      fs('webhooks/clientConfig/service', 'MutatingWebhookConfiguration', false, 'admissionregistration.k8s.io'),
    ],
  },
  { gvk: { kind: 'Role', group: 'rbac.authorization.k8s.io' }, referrers: [fs('roleRef/name', 'RoleBinding', false, 'rbac.authorization.k8s.io')] },
  {
    gvk: { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io' },
    referrers: [fs('roleRef/name', 'RoleBinding', false, 'rbac.authorization.k8s.io'), fs('roleRef/name', 'ClusterRoleBinding', false, 'rbac.authorization.k8s.io')],
  },
  {
    gvk: { kind: 'ServiceAccount', version: 'v1' },
    referrers: [fs('subjects', 'RoleBinding', false, 'rbac.authorization.k8s.io'), fs('subjects', 'ClusterRoleBinding', false, 'rbac.authorization.k8s.io'), ...podSpecField('serviceAccountName')],
  },
  { gvk: { kind: 'PersistentVolumeClaim', version: 'v1' }, referrers: podSpecField('volumes/persistentVolumeClaim/claimName') },
  { gvk: { kind: 'PersistentVolume', version: 'v1' }, referrers: [fs('spec/volumeName', 'PersistentVolumeClaim'), fs('rules/resourceNames', 'ClusterRole')] },
  {
    gvk: { kind: 'StorageClass', version: 'v1', group: 'storage.k8s.io' },
    referrers: [fs('spec/storageClassName', 'PersistentVolume'), fs('spec/storageClassName', 'PersistentVolumeClaim'), fs('spec/volumeClaimTemplates/spec/storageClassName', 'StatefulSet')],
  },
  { gvk: { kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io' }, referrers: podSpecField('priorityClassName') },
  { gvk: { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io/v1' }, referrers: [fs('spec/ingressClassName', 'Ingress')] },
  { gvk: { kind: 'ValidatingAdmissionPolicy', group: 'admissionregistration.k8s.io' }, referrers: [fs('spec/policyName', 'ValidatingAdmissionPolicyBinding', false, 'admissionregistration.k8s.io')] },
];

const VAR_POD_FIELDS = ['containers/args', 'containers/command', 'containers/env/value', 'containers/volumeMounts/mountPath', 'initContainers/args', 'initContainers/command', 'initContainers/env/value', 'initContainers/volumeMounts/mountPath', 'volumes/nfs/server'];

/** Where `$(VAR)` references of legacy `vars` are replaced. */
export const VAR_REFERENCE: readonly FieldSpec[] = [
  ...VAR_POD_FIELDS.map((p) => fs(`spec/jobTemplate/spec/template/spec/${p}`, 'CronJob')),
  ...['DaemonSet', 'Deployment'].flatMap((k) => VAR_POD_FIELDS.map((p) => fs(`spec/template/spec/${p}`, k))),
  fs('spec/rules/host', 'Ingress'),
  fs('spec/tls/hosts', 'Ingress'),
  fs('spec/tls/secretName', 'Ingress'),
  ...VAR_POD_FIELDS.map((p) => fs(`spec/template/spec/${p}`, 'Job')),
  ...VAR_POD_FIELDS.map((p) => fs(`spec/${p}`, 'Pod')),
  ...VAR_POD_FIELDS.map((p) => fs(`spec/template/spec/${p}`, 'ReplicaSet')),
  fs('spec/ports/port', 'Service'),
  fs('spec/ports/targetPort', 'Service'),
  ...VAR_POD_FIELDS.slice(0, 8).map((p) => fs(`spec/template/spec/${p}`, 'StatefulSet')),
  fs('spec/volumeClaimTemplates/spec/nfs/server', 'StatefulSet'),
  fs('spec/nfs/server', 'PersistentVolume'),
  fs('metadata/labels'),
  fs('metadata/annotations'),
];
