import type { Range } from 'vscode-languageserver-types';
import type { DockerfileFile } from '../../../shared/src/parse/dockerfile';
import { isMap, isScalar, mapGet, seqItems, type Node, type YamlDocument, type YamlFile } from '../../../shared/src/parse/yaml';
import type { ParsedFile } from '../../../shared/src/types';

/** Where an image reference was written. */
export type SiteKind = 'from' | 'copy-from' | 'compose-image' | 'k8s-image';

/** An image reference in a file: its exact text and range (inside any quotes). */
export interface ImageSite {
  readonly kind: SiteKind;
  readonly text: string;
  readonly range: Range;
  /** Set when the text cannot be rewritten with certainty (a block scalar, escapes in quotes). */
  readonly unsafe?: 'scalar-style';
}

/** Every image reference of a Dockerfile, Compose file or Kubernetes manifest. */
export function findImageSites(file: ParsedFile): ImageSite[] {
  return file.kind === 'dockerfile' ? dockerfileSites(file) : yamlSites(file);
}

function dockerfileSites(file: DockerfileFile): ImageSite[] {
  const sites: ImageSite[] = [];
  const stageNames = new Set(file.stages.map((s) => s.name).filter((n): n is string => n !== null));
  const same = (range: Range, text: string): boolean => file.text.slice(file.lines.offsetAt(range.start), file.lines.offsetAt(range.end)) === text;
  for (const stage of file.stages) {
    const range = stage.from.getImageRange();
    const image = stage.image;
    if (!range || image === null || stage.fromStage || image.toLowerCase() === 'scratch') continue;
    if (same(range, image)) sites.push({ kind: 'from', text: image, range });
  }
  for (const instruction of file.instructions) {
    if (instruction.keyword !== 'COPY') continue;
    const flag = instruction.getFromFlag();
    const value = flag?.getValue();
    const range = flag?.getValueRange();
    if (!value || !range || /^\d+$/.test(value) || stageNames.has(value.toLowerCase())) continue;
    if (same(range, value)) sites.push({ kind: 'copy-from', text: value, range });
  }
  return sites.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The site of a scalar `image:` value, or undefined when it is not a string. */
function scalarSite(file: YamlFile, document: YamlDocument, node: Node | undefined, kind: SiteKind): ImageSite | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const start = document.offset + node.range[0];
  const end = document.offset + node.range[1];
  const raw = file.text.slice(start, end);
  const value = node.value;
  if (node.type === 'PLAIN' && raw === value) return { kind, text: value, range: file.lines.rangeOf(start, end) };
  if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && raw.slice(1, -1) === value) {
    return { kind, text: value, range: file.lines.rangeOf(start + 1, end - 1) };
  }
  return { kind, text: value, range: file.lines.rangeOf(start, end), unsafe: 'scalar-style' };
}

const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);

function yamlSites(file: YamlFile): ImageSite[] {
  const sites: ImageSite[] = [];
  if (file.kind === 'compose') {
    for (const document of file.documents) {
      const services = mapGet(document.doc.contents, 'services');
      if (!isMap(services)) continue;
      for (const pair of services.items) {
        const site = scalarSite(file, document, mapGet(pair.value, 'image'), 'compose-image');
        if (site) sites.push(site);
      }
    }
    return sites;
  }
  for (const object of file.objects) {
    const path = POD_SPEC_PATHS[object.kind] ?? (TEMPLATE_KINDS.has(object.kind) ? ['spec', 'template', 'spec'] : undefined);
    if (!path) continue;
    let spec: Node | undefined = object.node;
    for (const key of path) spec = mapGet(spec, key);
    for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
      for (const container of seqItems(mapGet(spec, list))) {
        const site = scalarSite(file, object.document, mapGet(container, 'image'), 'k8s-image');
        if (site) sites.push(site);
      }
    }
  }
  return sites.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
