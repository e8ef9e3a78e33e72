// The transformer configuration (kustomize's builtinconfig.TransformerConfig): defaults plus the
// `configurations:` files of every kustomization in the build.
import * as D from './default-config';
import { mergeFieldSpecs, parseFieldSpecs, type FieldSpec } from './field-spec';
import { isMap, type Json } from './json';
import type { Gvk } from './resource';

/** Field specs per transformer. */
export interface TransformerConfig {
  readonly namePrefix: readonly FieldSpec[];
  readonly nameSuffix: readonly FieldSpec[];
  readonly namespace: readonly FieldSpec[];
  readonly commonLabels: readonly FieldSpec[];
  readonly templateLabels: readonly FieldSpec[];
  readonly commonAnnotations: readonly FieldSpec[];
  readonly images: readonly FieldSpec[];
  readonly replicas: readonly FieldSpec[];
  readonly varReference: readonly FieldSpec[];
  readonly nameReference: readonly D.NameBackRef[];
}

/** kustomize's default configuration. */
export const DEFAULT_CONFIG: TransformerConfig = {
  namePrefix: D.NAME_PREFIX,
  nameSuffix: D.NAME_PREFIX,
  namespace: D.NAMESPACE,
  commonLabels: D.COMMON_LABELS,
  templateLabels: D.TEMPLATE_LABELS,
  commonAnnotations: D.COMMON_ANNOTATIONS,
  images: D.IMAGES,
  replicas: D.REPLICAS,
  varReference: D.VAR_REFERENCE,
  nameReference: D.NAME_REFERENCE,
};

/** An empty configuration, for `configurations:` files. */
export const EMPTY_CONFIG: TransformerConfig = {
  namePrefix: [], nameSuffix: [], namespace: [], commonLabels: [], templateLabels: [], commonAnnotations: [], images: [], replicas: [], varReference: [], nameReference: [],
};

const sameGvk = (a: Partial<Gvk>, b: Partial<Gvk>): boolean => (a.kind ?? '') === (b.kind ?? '') && (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '');

function mergeNameRefs(a: readonly D.NameBackRef[], b: readonly D.NameBackRef[]): D.NameBackRef[] {
  const out = [...a];
  for (const ref of b) {
    const i = out.findIndex((o) => sameGvk(o.gvk, ref.gvk));
    if (i < 0) out.push(ref);
    else out[i] = { gvk: out[i]!.gvk, referrers: mergeFieldSpecs(out[i]!.referrers, ref.referrers) };
  }
  return out;
}

/** Two configurations together. */
export function mergeConfig(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  return {
    namePrefix: mergeFieldSpecs(a.namePrefix, b.namePrefix),
    nameSuffix: mergeFieldSpecs(a.nameSuffix, b.nameSuffix),
    namespace: mergeFieldSpecs(a.namespace, b.namespace),
    commonLabels: mergeFieldSpecs(a.commonLabels, b.commonLabels),
    templateLabels: mergeFieldSpecs(a.templateLabels, b.templateLabels),
    commonAnnotations: mergeFieldSpecs(a.commonAnnotations, b.commonAnnotations),
    images: mergeFieldSpecs(a.images, b.images),
    replicas: mergeFieldSpecs(a.replicas, b.replicas),
    varReference: mergeFieldSpecs(a.varReference, b.varReference),
    nameReference: mergeNameRefs(a.nameReference, b.nameReference),
  };
}

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');

/** A configuration read from a `configurations:` file. */
export function parseConfig(v: Json): TransformerConfig {
  if (!isMap(v)) return EMPTY_CONFIG;
  const nameReference = Array.isArray(v['nameReference'])
    ? v['nameReference'].filter(isMap).map((m) => ({ gvk: { kind: str(m['kind']), group: str(m['group']), version: str(m['version']) }, referrers: parseFieldSpecs(m['fieldSpecs']) }))
    : [];
  return {
    namePrefix: parseFieldSpecs(v['namePrefix']),
    nameSuffix: parseFieldSpecs(v['nameSuffix']),
    namespace: parseFieldSpecs(v['namespace']),
    commonLabels: parseFieldSpecs(v['commonLabels']),
    templateLabels: parseFieldSpecs(v['templateLabels']),
    commonAnnotations: parseFieldSpecs(v['commonAnnotations']),
    images: parseFieldSpecs(v['images']),
    replicas: parseFieldSpecs(v['replicas']),
    varReference: parseFieldSpecs(v['varReference']),
    nameReference,
  };
}
