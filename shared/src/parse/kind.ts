import type { FileKind } from '../types';
import { isMap, mapGet, parseChunk, scalarString, splitDocuments, type ParseYamlOptions, type YamlFile } from './yaml';
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

/**
 * True when a YAML text looks like a Go/Helm template by its lines and path (`pin` skips such
 * files before it edits image references); linting decides by parsing instead (failsAtTemplate).
 */
export function isTemplated(path: string, text: string): boolean {
  if (!text.includes('{{')) return false;
  // `*.tmpl.yaml` names a template; `- {{ … }}` would be a nested flow map in plain YAML.
  return /(^|\/)templates\//.test(path) || /\.(?:tmpl|tpl|gotmpl)\.ya?ml$/i.test(path) || /^\s*(?:-\s+)?\{\{[-\s]/m.test(text) || /:\s*\{\{[^}]*\}\}\s*$/m.test(text);
}

/**
 * Recognises the file kind: by name first, then by content (PRODUCT.md §1). Among YAML and JSON
 * names, what is a manifest is decided by parsing: a document whose root is a mapping with
 * string `apiVersion` and `kind` (quoted keys, a flow-style root and JSON included). Column-0
 * `apiVersion:` and `kind:` lines answer without a parse (most manifests); a Compose file is
 * recognised by a column-0 `services:`. `cache` keeps the chunks parsed here for the lint's parse.
 * Returns undefined for files Bollwerk does not check.
 */
export function detectKind(path: string, text: string, cache?: ParseYamlOptions['cache']): FileKind | undefined {
  if (isDockerfileName(path)) return 'dockerfile';
  if (isComposeName(path)) return 'compose';
  if (isPipelinePath(path)) return 'pipeline';
  if (!isYamlName(path)) return undefined;
  if (/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text)) return 'kubernetes';
  if (/^services\s*:/m.test(text)) return 'compose';
  if (!text.includes('apiVersion') || !text.includes('kind')) return undefined;
  return hasManifestDocument(text, cache) ? 'kubernetes' : undefined;
}

/** True when a document of the text parses to a mapping with string `apiVersion` and `kind`. */
function hasManifestDocument(text: string, cache: ParseYamlOptions['cache']): boolean {
  for (const chunk of splitDocuments(text)) {
    const chunkText = text.slice(chunk.start, chunk.end);
    if (!chunkText.includes('apiVersion')) continue;
    let parsed = cache?.get(chunkText);
    if (!parsed) {
      parsed = parseChunk(chunkText);
      cache?.set(chunkText, parsed);
    }
    for (const doc of parsed.docs) {
      const root = doc.contents;
      if (isMap(root) && scalarString(mapGet(root, 'apiVersion')) !== undefined && scalarString(mapGet(root, 'kind')) !== undefined) return true;
    }
  }
  return false;
}

/**
 * True when a YAML file does not parse and its first syntax error lies on a line with a Go
 * template action (`{{`), or right below one: an unrendered template. A file that parses is
 * checked whatever `{{` it holds (Alertmanager and Grafana templates in a ConfigMap's block
 * scalars), and so is one that fails elsewhere (its parse error is reported).
 */
export function failsAtTemplate(file: YamlFile): boolean {
  if (!file.text.includes('{{')) return false;
  const first = file.documents.find((d) => d.errors.length > 0)?.errors[0];
  if (!first) return false;
  let line = first.range.start.line;
  if (file.lines.lineText(line).includes('{{')) return true;
  while (line > 0 && file.lines.lineText(line - 1).trim() === '') line--;
  return line > 0 && file.lines.lineText(line - 1).includes('{{');
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
