// The workspace layer: walking directories, reading files safely, loading the configuration and
// scanning a set of paths. Node-only (file system); the report builders in ../report are not.
export { compileIgnoreLine, isIgnored, parseIgnoreFile, type IgnoreFile, type IgnoreRule } from './gitignore';
export { findFiles, findFilesStepwise, isCandidate, resolvePath, type FindOptions, type FoundFiles, type WalkProblem } from './walk';
export { hasDockerignore, readSource, type Source } from './source';
export { findConfigFile, loadConfig, type LoadedConfig } from './config-file';
export { fileUri, lintFile, scanWorkspace, streamWorkspace, uriPath, type ScanNote, type ScanOptions, type ScanResult, type ScanSummary } from './scan';
