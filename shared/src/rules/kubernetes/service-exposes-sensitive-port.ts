import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { isKind, pairIn } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarString, seqItems, stringMap } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, valueRange, objectName } from './support/findings';
import { isInternalLoadBalancer } from './support/load-balancers';

/** Database and coordination ports that must not be published outside the cluster. */
export const DATABASE_PORTS: Readonly<Record<string, string>> = {
  '1433': 'SQL Server', '1521': 'Oracle', '2379': 'etcd', '2380': 'etcd', '3306': 'MySQL/MariaDB', '5432': 'PostgreSQL',
  '5984': 'CouchDB', '6379': 'Redis', '7000': 'Cassandra', '7687': 'Neo4j', '8086': 'InfluxDB', '9042': 'Cassandra',
  '9200': 'Elasticsearch', '9300': 'Elasticsearch', '11211': 'Memcached', '26257': 'CockroachDB', '27017': 'MongoDB', '28015': 'RethinkDB',
};

const EXTERNAL_TYPES = new Set(['LoadBalancer', 'NodePort']);

const DASHBOARD = /dashboard/i;

/** Services of type LoadBalancer/NodePort that publish a dashboard or a database port. */
export const serviceExposesSensitivePort = defineYamlRule({
  id: 'k8s/service-exposes-sensitive-port',
  kind: 'kubernetes',
  title: { en: 'Do not publish dashboards or databases outside the cluster', de: 'Dashboards und Datenbanken nicht außerhalb des Clusters veröffentlichen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.13', 'CL-2.3.2', 'OTC-C4', 'OTC-C10'],
  external: [owaspK8s('K06')],
  messages: {
    default: {
      en: 'Service "{name}" of type {type} publishes {service} port {port} outside the cluster; use ClusterIP and reach it through a trusted path.',
      de: 'Service "{name}" vom Typ {type} veröffentlicht {service}-Port {port} außerhalb des Clusters; ClusterIP verwenden und über einen vertrauenswürdigen Weg erreichen.',
    },
    dashboard: {
      en: 'Service "{name}" of type {type} publishes a dashboard outside the cluster; keep it ClusterIP and use kubectl port-forward or an authenticating proxy.',
      de: 'Service "{name}" vom Typ {type} veröffentlicht ein Dashboard außerhalb des Clusters; ClusterIP belassen und kubectl port-forward oder einen authentifizierenden Proxy nutzen.',
    },
  },
  docs: {
    rationale: {
      en: 'Published dashboards and databases are scanned from the internet within hours; the Kubernetes dashboard and etcd have led to complete cluster takeovers. A LoadBalancer with a provider\'s internal annotation (GKE, AWS, Azure, OpenStack, Oracle, IBM, Alibaba, Tencent, Hetzner) gets a private address only and is not reported.',
      de: 'Veröffentlichte Dashboards und Datenbanken werden binnen Stunden aus dem Internet gescannt; Kubernetes-Dashboard und etcd führten schon zu vollständigen Cluster-Übernahmen. Ein LoadBalancer mit der Annotation eines Anbieters für interne Load Balancer (GKE, AWS, Azure, OpenStack, Oracle, IBM, Alibaba, Tencent, Hetzner) erhält nur eine private Adresse und wird nicht gemeldet.',
    },
    fix: { en: 'Change the Service to ClusterIP; expose only the application through an Ingress with authentication.', de: 'Den Service auf ClusterIP ändern; nur die Anwendung über einen Ingress mit Authentifizierung freigeben.' },
    bad: 'kind: Service\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 5432',
    good: 'kind: Service\nspec:\n  type: ClusterIP\n  ports:\n  - port: 5432',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const o of file.objects) {
      if (!isKind(o, 'Service', /^v1$/)) continue;
      const typePair = pairIn(o.node, ['spec', 'type']);
      const type = scalarString(typePair?.value);
      if (!typePair || !type || !EXTERNAL_TYPES.has(type)) continue;
      if (type === 'LoadBalancer' && isInternalLoadBalancer(o.annotations)) continue;
      const name = objectName(o);
      const selector = Object.values(stringMap(mapGet(mapGet(o.node, 'spec'), 'selector')));
      if ([name, ...selector].some((s) => DASHBOARD.test(s))) {
        out.push(findingOn(o, valueRange(o.document, typePair), { messageId: 'dashboard', args: { name, type } }));
        continue;
      }
      for (const p of seqItems(mapGet(mapGet(o.node, 'spec'), 'ports'))) {
        const pair = mapPair(p, 'port');
        const port = scalarString(pair?.value);
        const target = scalarString(mapGet(p, 'targetPort'));
        const service = (port && DATABASE_PORTS[port]) ?? (target && DATABASE_PORTS[target]);
        if (pair && port && service) out.push(findingOn(o, valueRange(o.document, pair), { args: { name, type, service, port } }));
      }
    }
    return out;
  },
});
