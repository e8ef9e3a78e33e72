import type { Rule } from '../../types';
import { addRemoteChecksum } from './add-remote-checksum';
import { apkNoCache } from './apk-no-cache';
import { aptListsCleanup } from './apt-lists-cleanup';
import { aptNoInstallRecommends } from './apt-no-install-recommends';
import { baseImageEol } from './base-image-eol';
import { buildToolsInFinalStage } from './build-tools-in-final-stage';
import { copyAllWithoutDockerignore } from './copy-all-without-dockerignore';
import { copySensitiveFiles } from './copy-sensitive-files';
import { execFormRule } from './exec-form';
import { exposeMinimalPorts } from './expose-minimal-ports';
import { fatBaseImage } from './fat-base-image';
import { healthcheck } from './healthcheck';
import { noDistUpgrade } from './no-dist-upgrade';
import { noInsecureDownload } from './no-insecure-download';
import { noLatestTag } from './no-latest-tag';
import { noPipeToShell } from './no-pipe-to-shell';
import { noRootUser } from './no-root-user';
import { noSecretsInEnv } from './no-secrets-in-env';
import { noSsh } from './no-ssh';
import { noSudo } from './no-sudo';
import { noWorldWritable } from './no-world-writable';
import { pinBaseImageDigest } from './pin-base-image-digest';
import { pinPackageVersions } from './pin-package-versions';
import { pipNoCacheDir } from './pip-no-cache-dir';
import { pipefail } from './pipefail';
import { preferCopy } from './prefer-copy';
import { secretArg } from './secret-arg';
import { sshPrivateKey } from './ssh-private-key';
import { trustedRegistry } from './trusted-registry';
import { updateAlone } from './update-alone';
import { workdirNotCd } from './workdir-not-cd';

/** The Dockerfile rules, sorted by id. */
export const DOCKERFILE_RULES: readonly Rule[] = [
  addRemoteChecksum,
  apkNoCache,
  aptListsCleanup,
  aptNoInstallRecommends,
  baseImageEol,
  buildToolsInFinalStage,
  copyAllWithoutDockerignore,
  copySensitiveFiles,
  execFormRule,
  exposeMinimalPorts,
  fatBaseImage,
  healthcheck,
  noDistUpgrade,
  noInsecureDownload,
  noLatestTag,
  noPipeToShell,
  noRootUser,
  noSecretsInEnv,
  noSsh,
  noSudo,
  noWorldWritable,
  pinBaseImageDigest,
  pinPackageVersions,
  pipNoCacheDir,
  pipefail,
  preferCopy,
  secretArg,
  sshPrivateKey,
  trustedRegistry,
  updateAlone,
  workdirNotCd,
];
