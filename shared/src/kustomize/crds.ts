// The legacy `crds:` field: OpenAPI definitions whose properties carry kustomize's extensions
// (x-kubernetes-object-ref-kind/-api-version/-name-key, x-kubernetes-annotation, x-kubernetes-label-selector,
// x-kubernetes-identity) add field specs. After kustomize api/internal/accumulator/loadconfigfromcrds.go
// (Copyright 2019 The Kubernetes Authors, Apache-2.0).
import { EMPTY_CONFIG, type TransformerConfig } from './config';
import type { NameBackRef } from './default-config';
import type { FieldSpec } from './field-spec';
import { getIn, getString, isMap, type Json, type JsonMap } from './json';

const MAX_DEPTH = 50;

/** The field specs an OpenAPI definitions document adds. */
export function configFromCrds(defs: Json): TransformerConfig {
  if (!isMap(defs)) return EMPTY_CONFIG;
  const nameReference: NameBackRef[] = [];
  const commonAnnotations: FieldSpec[] = [];
  const commonLabels: FieldSpec[] = [];
  const namePrefix: FieldSpec[] = [];
  const visit = (kind: string, typeName: string, path: readonly string[]): void => {
    if (path.length > MAX_DEPTH) return;
    const props = getIn(defs[typeName], 'Schema', 'properties');
    if (!isMap(props)) return;
    for (const prop of Object.keys(props)) {
      const p = props[prop] as JsonMap;
      if (!isMap(p)) continue;
      const here = [...path, prop];
      const spec = (extra: string[] = []): FieldSpec => ({ gvk: { kind }, path: [...here, ...extra].join('/'), create: false });
      if (typeof p['x-kubernetes-annotation'] === 'string') commonAnnotations.push(spec());
      if (typeof p['x-kubernetes-label-selector'] === 'string') commonLabels.push(spec());
      if (typeof p['x-kubernetes-identity'] === 'string') namePrefix.push(spec());
      const version = getString(p, 'x-kubernetes-object-ref-api-version');
      const refKind = getString(p, 'x-kubernetes-object-ref-kind');
      if (version && refKind) nameReference.push({ gvk: { kind: refKind, version }, referrers: [spec([getString(p, 'x-kubernetes-object-ref-name-key') || 'name'])] });
      const ref = getString(p, '$ref');
      if (ref && ref in defs) visit(kind, ref, here);
    }
  };
  for (const typeName of Object.keys(defs)) {
    if (!isMap(getIn(defs[typeName], 'Schema', 'properties', 'kind'))) continue;
    visit(typeName.slice(typeName.lastIndexOf('.') + 1), typeName, []);
  }
  return { ...EMPTY_CONFIG, nameReference, commonAnnotations, commonLabels, namePrefix };
}
