import type { Rule } from '../../types';
import { workflowPermissions } from './workflow-permissions';

/** The CI pipeline rules, sorted by id. */
export const PIPELINE_RULES: readonly Rule[] = [workflowPermissions];
