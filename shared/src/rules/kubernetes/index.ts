import type { Rule } from '../../types';
import { allowPrivilegeEscalation } from './allow-privilege-escalation';
import { apparmor } from './apparmor';
import { capabilitiesBaseline } from './capabilities-baseline';
import { capabilitiesRestricted } from './capabilities-restricted';
import { hostNamespaces } from './host-namespaces';
import { hostPathVolumes } from './host-path-volumes';
import { hostPorts } from './host-ports';
import { hostProbes } from './host-probes';
import { privileged } from './privileged';
import { procMount } from './proc-mount';
import { procMountRestricted } from './proc-mount-restricted';
import { restrictedVolumeTypes } from './restricted-volume-types';
import { runAsNonRoot } from './run-as-non-root';
import { runAsUserRoot } from './run-as-user-root';
import { seccompBaseline } from './seccomp-baseline';
import { seccompRestricted } from './seccomp-restricted';
import { selinux } from './selinux';
import { sysctls } from './sysctls';
import { windowsHostProcess } from './windows-host-process';

/** The kubernetes rules, sorted by id. */
export const KUBERNETES_RULES: readonly Rule[] = [
  allowPrivilegeEscalation,
  apparmor,
  capabilitiesBaseline,
  capabilitiesRestricted,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbes,
  privileged,
  procMount,
  procMountRestricted,
  restrictedVolumeTypes,
  runAsNonRoot,
  runAsUserRoot,
  seccompBaseline,
  seccompRestricted,
  selinux,
  sysctls,
  windowsHostProcess,
];
