import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { getIn, isWindowsPod, pairIn, podSpecs } from '../../parse/kubernetes';
import { scalarBool } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, podAnchor, setFix, valueRange, withFix } from './support/findings';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'];

/** Pods without a user namespace (`hostUsers: false`). */
export const hostUsers = defineYamlRule({
  id: 'k8s/host-users',
  kind: 'kubernetes',
  title: { en: 'Run pods in a user namespace', de: 'Pods in einem User-Namespace betreiben' },
  severity: 'info',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.2'],
  external: [owaspK8s('K01')],
  messages: {
    default: {
      en: 'The pod shares the node\'s user namespace; set hostUsers: false so that root in the container is not root on the node.',
      de: 'Der Pod teilt den User-Namespace des Knotens; hostUsers: false setzen, damit root im Container nicht root auf dem Knoten ist.',
    },
  },
  docs: {
    rationale: {
      en: 'With hostUsers: false the container\'s UIDs map to unprivileged UIDs of the node, which contains many container escapes.',
      de: 'Mit hostUsers: false werden die UIDs des Containers auf unprivilegierte UIDs des Knotens abgebildet; das entschärft viele Ausbrüche.',
    },
    fix: { en: 'Set spec.hostUsers: false (Kubernetes 1.33+ with a supporting runtime).', de: 'spec.hostUsers: false setzen (Kubernetes 1.33+ mit passender Laufzeit).' },
    bad: 'spec:\n  containers: []',
    good: 'spec:\n  hostUsers: false\n  containers: []',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      if (!pod.podLevel || isWindowsPod(pod)) continue;
      const pair = pairIn(pod.spec, ['hostUsers']);
      if (scalarBool(pair?.value) === false) continue;
      // The API rejects hostUsers: false together with host namespaces: no certain fix then.
      const shared = HOST_NAMESPACES.some((k) => scalarBool(getIn(pod.spec, [k])) === true);
      const fix = shared ? undefined : setFix(file, pod.document, pod.spec, ['hostUsers'], 'false', { en: 'Set hostUsers: false', de: 'hostUsers: false setzen' });
      out.push(withFix(findingOn(pod.object, pair ? valueRange(pod.document, pair) : podAnchor(pod)), fix));
    }
    return out;
  },
});
