import type { Rule } from '../../types';
import { dockerPrivileged } from './docker-privileged';
import { pullRequestTargetCheckout } from './pull-request-target-checkout';
import { pushWithoutSbom } from './push-without-sbom';
import { pushWithoutScan } from './push-without-scan';
import { pushWithoutSignature } from './push-without-signature';
import { scanCannotFail } from './scan-cannot-fail';
import { secretEchoed } from './secret-echoed';
import { unpinnedAction } from './unpinned-action';
import { workflowPermissions } from './workflow-permissions';

/** The CI pipeline rules, sorted by id. */
export const PIPELINE_RULES: readonly Rule[] = [dockerPrivileged, pullRequestTargetCheckout, pushWithoutSbom, pushWithoutScan, pushWithoutSignature, scanCannotFail, secretEchoed, unpinnedAction, workflowPermissions];
