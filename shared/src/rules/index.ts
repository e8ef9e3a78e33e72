import type { Rule } from '../types';
import { PIPELINE_RULES } from './ci';
import { COMPOSE_RULES } from './compose';
import { DOCKERFILE_RULES } from './dockerfile';
import { KUBERNETES_RULES } from './kubernetes';

/** Every rule of the catalogue, explicitly listed per file kind (no discovery, no side effects). */
export const RULES: readonly Rule[] = [...DOCKERFILE_RULES, ...COMPOSE_RULES, ...KUBERNETES_RULES, ...PIPELINE_RULES];
