import type { DockerfileFile, FileRule, WorkspaceRule, YamlFile } from './types';

/** Declares a Dockerfile rule (identity; helps type inference). */
export const defineDockerfileRule = (rule: FileRule<DockerfileFile> & { kind: 'dockerfile' }): FileRule<DockerfileFile> => rule;

/** Declares a Kubernetes or Compose rule. */
export const defineYamlRule = (rule: FileRule<YamlFile> & { kind: 'kubernetes' | 'compose' | 'pipeline' }): FileRule<YamlFile> => rule;

/** Declares a rule over all files scanned together. */
export const defineWorkspaceRule = <F>(rule: WorkspaceRule<F>): WorkspaceRule => rule as WorkspaceRule;
