import type { Rule } from '../../types';
import { apparmorUnconfined } from './apparmor-unconfined';
import { authDisabled } from './auth-disabled';
import { capDropAll } from './cap-drop-all';
import { dangerousCapAdd } from './dangerous-cap-add';
import { dockerSocket } from './docker-socket';
import { hostNamespaces } from './host-namespaces';
import { hostPathSensitive } from './host-path-sensitive';
import { imageLatestTag } from './image-latest-tag';
import { implicitRootUser } from './implicit-root-user';
import { loggingDisabled } from './logging-disabled';
import { noNewPrivileges } from './no-new-privileges';
import { noRootUser } from './no-root-user';
import { pidsLimit } from './pids-limit';
import { pinImageDigest } from './pin-image-digest';
import { portsAllInterfaces } from './ports-all-interfaces';
import { privileged } from './privileged';
import { readOnly } from './read-only';
import { resourceLimitsRule } from './resource-limits';
import { restartUnbounded } from './restart-unbounded';
import { seccompProfile } from './seccomp-profile';
import { seccompUnconfined } from './seccomp-unconfined';
import { secretsInEnvironment } from './secrets-in-environment';
import { selinuxDisabled } from './selinux-disabled';
import { sensitivePortExposed } from './sensitive-port-exposed';
import { trustedRegistry } from './trusted-registry';
import { usernsHost } from './userns-host';
import { writableBindMount } from './writable-bind-mount';

/** The compose rules, sorted by id. */
export const COMPOSE_RULES: readonly Rule[] = [
  apparmorUnconfined,
  authDisabled,
  capDropAll,
  dangerousCapAdd,
  dockerSocket,
  hostNamespaces,
  hostPathSensitive,
  imageLatestTag,
  implicitRootUser,
  loggingDisabled,
  noNewPrivileges,
  noRootUser,
  pidsLimit,
  pinImageDigest,
  portsAllInterfaces,
  privileged,
  readOnly,
  resourceLimitsRule,
  restartUnbounded,
  seccompProfile,
  seccompUnconfined,
  secretsInEnvironment,
  selinuxDisabled,
  sensitivePortExposed,
  trustedRegistry,
  usernsHost,
  writableBindMount,
];
