import { mapGet, scalarString, seqItems, stringMap } from '../../../parse/yaml';

/**
 * Whether a Kubernetes label selector (matchLabels and matchExpressions with In, NotIn, Exists,
 * DoesNotExist) selects a set of labels. An empty or missing selector selects everything;
 * an unknown operator selects nothing (the API would reject it).
 */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(stringMap(mapGet(selector, 'matchLabels')))) if (labels[k] !== v) return false;
  for (const e of seqItems(mapGet(selector, 'matchExpressions'))) {
    const key = scalarString(mapGet(e, 'key')) ?? '';
    const op = scalarString(mapGet(e, 'operator'));
    const values = seqItems(mapGet(e, 'values')).map((n) => scalarString(n));
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
