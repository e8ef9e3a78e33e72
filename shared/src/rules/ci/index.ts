import type { Rule } from '../../types';
import { pushWithoutScan } from './push-without-scan';
import { scanCannotFail } from './scan-cannot-fail';
import { workflowPermissions } from './workflow-permissions';

/** The CI pipeline rules, sorted by id. */
export const PIPELINE_RULES: readonly Rule[] = [pushWithoutScan, scanCannotFail, workflowPermissions];
