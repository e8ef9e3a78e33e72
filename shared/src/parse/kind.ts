import type { FileKind } from '../types';
import { isPipelinePath } from './pipeline-kind';

const DOCKERFILE_NAME = /^(?:dockerfile|containerfile)(?:[._-].+)?$|\.(?:dockerfile|containerfile)$/i;
const NOT_DOCKERFILE = /\.(?:dockerignore|md|txt|template|tmpl|j2|json|ya?ml|sh|ps1|bak|orig)$/i;
const COMPOSE_NAME = /^(?:docker-compose[^/]*|compose(?:\.[^/]+)?)\.ya?ml$/i;
const YAML_NAME = /\.(?:ya?ml|json)$/i;

/** The base name of a path or URI. */
export function baseName(path: string): string {
  const clean = path.replace(/[?#].*$/, '');
  return clean.slice(clean.lastIndexOf('/') + 1);
}

/** True when the name alone says Dockerfile (`Dockerfile`, `Containerfile`, `*.Dockerfile`, `Dockerfile.*`). */
export function isDockerfileName(path: string): boolean {
  const name = baseName(path);
  return DOCKERFILE_NAME.test(name) && !NOT_DOCKERFILE.test(name);
}

/** True when the name alone says Compose. */
export function isComposeName(path: string): boolean {
  return COMPOSE_NAME.test(baseName(path));
}

/** True for names that may hold Kubernetes manifests or Compose files. */
export function isYamlName(path: string): boolean {
  return YAML_NAME.test(baseName(path));
}

/** True when a YAML text looks like a Go/Helm template rather than plain YAML. */
export function isTemplated(path: string, text: string): boolean {
  if (!text.includes('{{')) return false;
  // `*.tmpl.yaml` names a template; `- {{ … }}` would be a nested flow map in plain YAML.
  return /(^|\/)templates\//.test(path) || /\.(?:tmpl|tpl|gotmpl)\.ya?ml$/i.test(path) || /^\s*(?:-\s+)?\{\{[-\s]/m.test(text) || /:\s*\{\{[^}]*\}\}\s*$/m.test(text);
}

/**
 * Recognises the file kind: by name first, then by content (PRODUCT.md §1).
 * Returns undefined for files Bollwerk does not check.
 */
export function detectKind(path: string, text: string): FileKind | undefined {
  if (isDockerfileName(path)) return 'dockerfile';
  if (isComposeName(path)) return 'compose';
  if (isPipelinePath(path)) return 'pipeline';
  if (!isYamlName(path)) return undefined;
  if (/^\s*\{/.test(text)) {
    return /"apiVersion"\s*:/.test(text) && /"kind"\s*:/.test(text) ? 'kubernetes' : undefined;
  }
  if (/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text)) return 'kubernetes';
  if (/^services\s*:/m.test(text)) return 'compose';
  // Lists and flow-style roots: `items:` entries carry the apiVersion indented.
  if (/^\s*-?\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text) && /^kind\s*:\s*\w*List\b/m.test(text)) return 'kubernetes';
  return undefined;
}

/**
 * The kinds that files of these paths can be, by name alone (detectKind decides by content only
 * among YAML names): a scan of Dockerfiles only cannot hold a Compose file or a manifest.
 */
export function possibleKinds(paths: readonly string[]): Set<FileKind> {
  const kinds = new Set<FileKind>();
  for (const p of paths) {
    if (isDockerfileName(p)) kinds.add('dockerfile');
    else if (isComposeName(p)) kinds.add('compose');
    else if (isPipelinePath(p)) kinds.add('pipeline');
    else if (isYamlName(p)) {
      kinds.add('compose');
      kinds.add('kubernetes');
    }
    if (kinds.size === 4) break;
  }
  return kinds;
}
