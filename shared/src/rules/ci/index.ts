import type { Rule } from '../../types';
import { dockerPrivileged } from './docker-privileged';
import { pushWithoutScan } from './push-without-scan';
import { scanCannotFail } from './scan-cannot-fail';
import { unpinnedAction } from './unpinned-action';
import { workflowPermissions } from './workflow-permissions';

/** The CI pipeline rules, sorted by id. */
export const PIPELINE_RULES: readonly Rule[] = [dockerPrivileged, pushWithoutScan, scanCannotFail, unpinnedAction, workflowPermissions];
