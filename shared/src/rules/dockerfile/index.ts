import type { Rule } from '../../types';
import { preferCopy } from './prefer-copy';

/** The Dockerfile rules, sorted by id. */
export const DOCKERFILE_RULES: readonly Rule[] = [preferCopy];
