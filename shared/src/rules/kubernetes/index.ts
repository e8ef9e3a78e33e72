import type { Rule } from '../../types';
import { allowPrivilegeEscalation } from './allow-privilege-escalation';
import { apparmor } from './apparmor';
import { apparmorProfile } from './apparmor-profile';
import { authDisabled } from './auth-disabled';
import { automountServiceAccountToken } from './automount-service-account-token';
import { capabilitiesBaseline } from './capabilities-baseline';
import { capabilitiesRestricted } from './capabilities-restricted';
import { clusterAdminBinding } from './cluster-admin-binding';
import { defaultServiceAccount } from './default-service-account';
import { exposedSensitivePorts } from './exposed-sensitive-ports';
import { hostNamespaces } from './host-namespaces';
import { hostPathVolumes } from './host-path-volumes';
import { hostPorts } from './host-ports';
import { hostProbes } from './host-probes';
import { hostUsers } from './host-users';
import { imageLatestTag } from './image-latest-tag';
import { imagePullPolicy } from './image-pull-policy';
import { imageUserRoot } from './image-user-root';
import { namespacePsaEnforce } from './namespace-psa-enforce';
import { networkPolicyCoverage } from './network-policy-coverage';
import { networkPolicyDefaultDeny } from './network-policy-default-deny';
import { pinImageDigest } from './pin-image-digest';
import { plaintextSecret } from './plaintext-secret';
import { podAntiAffinity } from './pod-anti-affinity';
import { privileged } from './privileged';
import { privilegedPorts } from './privileged-ports';
import { procMount } from './proc-mount';
import { procMountRestricted } from './proc-mount-restricted';
import { rbacDangerousVerbs } from './rbac-dangerous-verbs';
import { rbacSecretsAccess } from './rbac-secrets-access';
import { rbacWildcard } from './rbac-wildcard';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { resources } from './resources';
import { restrictedVolumeTypes } from './restricted-volume-types';
import { runAsGroupRoot } from './run-as-group-root';
import { runAsNonRoot } from './run-as-non-root';
import { runAsUserLow } from './run-as-user-low';
import { runAsUserRoot } from './run-as-user-root';
import { seccompBaseline } from './seccomp-baseline';
import { seccompRestricted } from './seccomp-restricted';
import { secretInEnv } from './secret-in-env';
import { secretLiteralEnv } from './secret-literal-env';
import { selinux } from './selinux';
import { sensitiveHostPath } from './sensitive-host-path';
import { serviceExposesSensitivePort } from './service-exposes-sensitive-port';
import { sysctls } from './sysctls';
import { windowsHostProcess } from './windows-host-process';

/** The kubernetes rules, sorted by id. */
export const KUBERNETES_RULES: readonly Rule[] = [
  allowPrivilegeEscalation,
  apparmor,
  apparmorProfile,
  authDisabled,
  automountServiceAccountToken,
  capabilitiesBaseline,
  capabilitiesRestricted,
  clusterAdminBinding,
  defaultServiceAccount,
  exposedSensitivePorts,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbes,
  hostUsers,
  imageLatestTag,
  imagePullPolicy,
  imageUserRoot,
  namespacePsaEnforce,
  networkPolicyCoverage,
  networkPolicyDefaultDeny,
  pinImageDigest,
  plaintextSecret,
  podAntiAffinity,
  privileged,
  privilegedPorts,
  procMount,
  procMountRestricted,
  rbacDangerousVerbs,
  rbacSecretsAccess,
  rbacWildcard,
  readOnlyRootFilesystem,
  resources,
  restrictedVolumeTypes,
  runAsGroupRoot,
  runAsNonRoot,
  runAsUserLow,
  runAsUserRoot,
  seccompBaseline,
  seccompRestricted,
  secretInEnv,
  secretLiteralEnv,
  selinux,
  sensitiveHostPath,
  serviceExposesSensitivePort,
  sysctls,
  windowsHostProcess,
];
