import type { Node, Pair } from 'yaml';
import { containerAnchor, pairIn, type ContainerRef, type PodSpecRef } from '../../../parse/kubernetes';
import { mapGet, scalarString, type K8sObject, type YAMLMap, type YamlDocument, type YamlFile } from '../../../parse/yaml';
import { appendIn, removeItemsIn, removePair, replaceValue, setIn } from '../../../yaml-edit';
import type { Fix, Level, Localized, Range, RawFinding } from '../../../types';

/** Levels of a Pod Security Standards baseline control. */
export const BASELINE_LEVELS: readonly Level[] = ['L1', 'L2', 'L3'];
/** Levels of a restricted control (unless a CSVS item says otherwise). */
export const RESTRICTED_LEVELS: readonly Level[] = ['L2', 'L3'];

/** The PSA check ids of a baseline control: restricted includes every baseline check. */
export const baselineControl = (id: string): string[] => [`pss:baseline/${id}`, `pss:restricted/${id}`];

/** A finding on a Kubernetes object with the suppression context of that object. */
export function findingOn(object: K8sObject, range: Range, extra: Omit<RawFinding, 'range'> = {}): RawFinding {
  return { range, objectRange: object.range, annotations: object.annotations, ...extra };
}

/** The range of a node or pair. */
export const rangeOf = (doc: YamlDocument, node: Node | Pair | null | undefined): Range => doc.rangeOf(node);

/** Range of a pair's value, or of its key when the value is empty. */
export function valueRange(doc: YamlDocument, pair: Pair): Range {
  const v = pair.value as Node | null;
  return v?.range && v.range[1] > v.range[0] ? doc.rangeOf(v) : doc.keyRange(pair);
}

/** Where an object-level finding goes: the value of its `metadata.name`, else the whole object. */
export function nameRange(object: K8sObject): Range {
  const name = pairIn(object.node, ['metadata', 'name']);
  return name ? valueRange(object.document, name) : object.range;
}

/** Where a pod-level finding without a key of its own goes: the `spec` key of the pod template. */
export function podAnchor(pod: PodSpecRef): Range {
  return pod.specPair ? pod.document.keyRange(pod.specPair) : pod.object.range;
}

/** A fix that sets `path` below `map`, or undefined when no certain edit exists. */
export function setFix(file: YamlFile, doc: YamlDocument, map: YAMLMap, path: readonly string[], valueYaml: string, title: Localized): Fix | undefined {
  const edits = setIn(doc, file.lines, map, path, valueYaml);
  return edits && edits.length > 0 ? { title, edits } : undefined;
}

/** A fix that appends an item to the sequence at `path` below `map`. */
export function appendFix(file: YamlFile, doc: YamlDocument, map: YAMLMap, path: readonly string[], itemYaml: string, title: Localized): Fix | undefined {
  const edits = appendIn(doc, file.lines, map, path, itemYaml);
  return edits && edits.length > 0 ? { title, edits } : undefined;
}

/** A fix setting `securityContext.<path>` of a container (creating `securityContext` when missing). */
export function containerFix(file: YamlFile, c: ContainerRef, path: readonly string[], valueYaml: string, title: Localized): Fix | undefined {
  return setFix(file, c.pod.document, c.node, ['securityContext', ...path], valueYaml, title);
}

/** A container finding: on the offending pair's value when it exists, else on the container's name. */
export function containerFinding(c: ContainerRef, pair: Pair | undefined, extra: Omit<RawFinding, 'range'> = {}): RawFinding {
  const range = pair ? valueRange(c.pod.document, pair) : containerAnchor(c);
  return findingOn(c.pod.object, range, extra);
}

/** Drops undefined `fix` so findings stay plain JSON. */
export function withFix(f: RawFinding, fix: Fix | undefined): RawFinding {
  return fix ? { ...f, fix } : f;
}

/** An object's name for messages: `metadata.name`, else `generateName…`, else `?`. */
export function objectName(object: K8sObject): string {
  if (object.name !== undefined) return object.name;
  const generate = scalarString(mapGet(mapGet(object.node, 'metadata'), 'generateName'));
  return generate !== undefined ? `${generate}…` : '?';
}

/** A fix replacing the value of `pair` (a scalar or flow value). */
export function replaceFix(file: YamlFile, doc: YamlDocument, pair: Pair, valueYaml: string, title: Localized): Fix | undefined {
  const edits = replaceValue(doc, file.lines, pair, valueYaml);
  return edits && edits.length > 0 ? { title, edits } : undefined;
}

/** A fix removing `pair` from `map`. */
export function removePairFix(file: YamlFile, doc: YamlDocument, map: YAMLMap, pair: Pair, title: Localized): Fix | undefined {
  const edits = removePair(doc, file.lines, map, pair);
  return edits && edits.length > 0 ? { title, edits } : undefined;
}

/** A fix removing `items` from the sequence at `path` below `map` (and the keys left empty). */
export function removeItemsFix(file: YamlFile, doc: YamlDocument, map: YAMLMap, path: readonly string[], items: readonly Node[], title: Localized): Fix | undefined {
  const edits = removeItemsIn(doc, file.lines, map, path, items);
  return edits && edits.length > 0 ? { title, edits } : undefined;
}
