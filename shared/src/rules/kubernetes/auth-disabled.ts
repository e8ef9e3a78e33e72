import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { authDisablingSwitch } from '../../parse/auth-switches';
import { getIn, isKind, podSpecs, type PodSpecRef } from '../../parse/kubernetes';
import { mapGet, scalarBool, scalarString, seqItems, stringMap, type YamlFile } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { isInternalLoadBalancer } from './support/load-balancers';
import { findingOn, rangeOf } from './support/findings';

/** The label selectors of the file's Services that publish outside the cluster (LoadBalancer other than internal, NodePort). */
function publishingSelectors(file: YamlFile): { readonly name: string; readonly selector: Readonly<Record<string, string>> }[] {
  return file.objects.flatMap((o) => {
    if (!isKind(o, 'Service', /^v1$/)) return [];
    const type = scalarString(getIn(o.node, ['spec', 'type']));
    if (type !== 'NodePort' && (type !== 'LoadBalancer' || isInternalLoadBalancer(o.annotations))) return [];
    const selector = stringMap(getIn(o.node, ['spec', 'selector']));
    return Object.keys(selector).length > 0 ? [{ name: `Service ${o.name ?? '?'}`, selector }] : [];
  });
}

/** How a pod is reached from outside the cluster: host network, a host port, or a Service of the file that selects it. */
function publishedBy(pod: PodSpecRef, services: ReturnType<typeof publishingSelectors>): string | undefined {
  if (scalarBool(mapGet(pod.spec, 'hostNetwork')) === true) return 'hostNetwork';
  const hostPort = pod.containers.flatMap((c) => seqItems(mapGet(c.node, 'ports'))).map((p) => scalarString(mapGet(p, 'hostPort'))).find((p) => p !== undefined && p !== '0');
  if (hostPort) return `hostPort ${hostPort}`;
  return services.find((s) => Object.entries(s.selector).every(([k, v]) => pod.labels[k] === v))?.name;
}

/** A container reached from outside the cluster with an environment switch that turns authentication off. */
export const authDisabled = defineYamlRule({
  id: 'k8s/auth-disabled',
  kind: 'kubernetes',
  title: { en: 'Do not switch authentication off on published services', de: 'Authentifizierung bei veröffentlichten Services nicht abschalten' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.13', 'CL-2.3.2', 'OTC-C4'],
  external: [owaspK8s('K06')],
  crossDocument: true,
  messages: {
    default: {
      en: 'Container "{container}" is reachable from outside the cluster ({via}) and {name} allows {effect}; anyone who reaches it gets in. Set a password from a Secret or keep it ClusterIP.',
      de: 'Container "{container}" ist von außerhalb des Clusters erreichbar ({via}), und {name} erlaubt {effect}; jeder, der ihn erreicht, kommt hinein. Ein Passwort aus einem Secret setzen oder ihn bei ClusterIP belassen.',
    },
  },
  docs: {
    rationale: {
      en: 'Images offer switches for local development that turn authentication off (ALLOW_EMPTY_PASSWORD, POSTGRES_HOST_AUTH_METHOD=trust, MYSQL_ALLOW_EMPTY_PASSWORD, NEO4J_AUTH=none, xpack.security.enabled=false …). A pod on the host network, with a hostPort, or selected by a NodePort or public LoadBalancer Service of the same file is open to every network that reaches the nodes or the load balancer. Pods reached only inside the cluster are not reported.',
      de: 'Images bieten für die lokale Entwicklung Schalter, die die Authentifizierung abschalten (ALLOW_EMPTY_PASSWORD, POSTGRES_HOST_AUTH_METHOD=trust, MYSQL_ALLOW_EMPTY_PASSWORD, NEO4J_AUTH=none, xpack.security.enabled=false …). Ein Pod im Host-Netz, mit hostPort oder ausgewählt von einem NodePort- oder öffentlichen LoadBalancer-Service derselben Datei steht jedem Netz offen, das die Knoten oder den Load Balancer erreicht. Pods, die nur im Cluster erreichbar sind, werden nicht gemeldet.',
    },
    fix: {
      en: 'Remove the switch and take the password from a Secret (`valueFrom.secretKeyRef`), or publish the service only inside the cluster (ClusterIP).',
      de: 'Den Schalter entfernen und das Passwort aus einem Secret nehmen (`valueFrom.secretKeyRef`), oder den Service nur im Cluster veröffentlichen (ClusterIP).',
    },
    bad: 'env:\n- name: POSTGRES_HOST_AUTH_METHOD\n  value: trust',
    good: 'env:\n- name: POSTGRES_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: password}',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    const services = publishingSelectors(file);
    for (const pod of podSpecs(file)) {
      const via = publishedBy(pod, services);
      if (!via) continue;
      for (const c of pod.containers) {
        for (const env of seqItems(mapGet(c.node, 'env'))) {
          const name = scalarString(mapGet(env, 'name'));
          const effect = name === undefined ? undefined : authDisablingSwitch(name, scalarString(mapGet(env, 'value')), scalarString(mapGet(c.node, 'image')));
          if (name && effect) out.push(findingOn(pod.object, rangeOf(pod.document, mapGet(env, 'value') ?? null), { args: { container: c.name ?? '?', via, name, effect } }));
        }
      }
    }
    return out;
  },
});
