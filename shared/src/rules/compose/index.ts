import type { Rule } from '../../types';

/** The compose rules, sorted by id. */
export const COMPOSE_RULES: readonly Rule[] = [];
