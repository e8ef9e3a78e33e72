import { mapGet, scalarString, seqItems, stringMap } from '../../../parse/yaml';

/** A label selector as plain data (it is kept per file by workspace rules). */
export interface Selector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly { readonly key: string; readonly operator: string | undefined; readonly values: readonly (string | undefined)[] }[];
}

/** Reads a label selector node (missing or of the wrong type: empty). */
export function readSelector(selector: unknown): Selector {
  return {
    matchLabels: stringMap(mapGet(selector, 'matchLabels')),
    matchExpressions: seqItems(mapGet(selector, 'matchExpressions')).map((e) => ({
      key: scalarString(mapGet(e, 'key')) ?? '',
      operator: scalarString(mapGet(e, 'operator')),
      values: seqItems(mapGet(e, 'values')).map((n) => scalarString(n)),
    })),
  };
}

/**
 * Whether a Kubernetes label selector (matchLabels and matchExpressions with In, NotIn, Exists,
 * DoesNotExist) selects a set of labels. An empty or missing selector selects everything;
 * an unknown operator selects nothing (the API would reject it).
 */
export function selectorMatches(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const { key, operator: op, values } of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const ok =
      op === 'In' ? has && values.includes(labels[key]) :
      op === 'NotIn' ? !has || !values.includes(labels[key]) :
      op === 'Exists' ? has :
      op === 'DoesNotExist' ? !has :
      false;
    if (!ok) return false;
  }
  return true;
}
