import type { Rule } from '../../types';

/** The kubernetes rules, sorted by id. */
export const KUBERNETES_RULES: readonly Rule[] = [];
