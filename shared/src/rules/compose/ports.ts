import type { ComposeService } from '../../parse/compose';
import { composePorts, type PortMapping } from '../../parse/compose-settings';
import { hasVariable } from '../../facts/variables';
import { isMap } from '../../parse/yaml';
import type { TextEdit } from '../../types';
import { setIn } from '../../yaml-edit';
import { ownList, replaceOwnScalar } from './common';

/** Container ports of databases, key-value stores, cluster control planes and remote administration. */
export const SENSITIVE_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH', 23: 'Telnet', 2375: 'Docker API', 2376: 'Docker API', 2379: 'etcd', 2380: 'etcd peer', 3306: 'MySQL/MariaDB',
  5432: 'PostgreSQL', 27017: 'MongoDB', 27018: 'MongoDB', 6379: 'Redis', 9200: 'Elasticsearch', 9300: 'Elasticsearch transport',
  5984: 'CouchDB', 11211: 'Memcached', 1433: 'SQL Server', 1521: 'Oracle', 3389: 'RDP', 5900: 'VNC', 6443: 'Kubernetes API',
  10250: 'kubelet', 8500: 'Consul', 2181: 'ZooKeeper', 9042: 'Cassandra', 8086: 'InfluxDB', 5672: 'AMQP',
  15672: 'RabbitMQ management', 4369: 'Erlang port mapper', 7474: 'Neo4j', 7687: 'Neo4j Bolt', 26257: 'CockroachDB',
  28015: 'RethinkDB', 8529: 'ArangoDB', 5433: 'PostgreSQL', 3307: 'MySQL', 6380: 'Redis', 9092: 'Kafka', 9093: 'Kafka/Alertmanager', 2049: 'NFS', 111: 'RPC portmapper', 445: 'SMB',
};

/** A port mapping published on every host interface, with the sensitive service it exposes (if any). */
export interface OpenPort {
  readonly port: PortMapping;
  readonly sensitive: string | undefined;
  readonly label: string;
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]', '*']);

function portsOf(range: string | undefined): number[] {
  const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(range ?? '');
  if (!m) return [];
  const start = Number(m[1]);
  const end = Math.min(Number(m[2] ?? m[1]), start + 1000);
  const out: number[] = [];
  for (let p = start; p <= end; p++) out.push(p);
  return out;
}

/** The service's ports published on all interfaces (no host IP, `0.0.0.0` or `::`). Interpolated addresses are skipped. */
export function openPorts(service: ComposeService): OpenPort[] {
  const out: OpenPort[] = [];
  for (const port of composePorts(service)) {
    // `${BIND_IP:-0.0.0.0}` binds to its default unless the variable is set.
    const ip = port.hostIp?.trim().replace(/^\$\{[A-Za-z_]\w*:?-([^}]*)\}$/, '$1');
    if (ip !== undefined && !ALL_INTERFACES.has(ip)) continue;
    if (ip === undefined && port.published !== undefined && hasVariable(port.published, 'compose')) {
      // `${BIND}:80` may carry the address inside the variable; `${PORT:-80}:80` carries only a port.
      if (!/^\$\{?[A-Za-z_]\w*(?::?-\d+)?\}?$/.test(port.published.trim())) continue;
    }
    const candidates = [...portsOf(port.target), ...portsOf(port.published)];
    const hit = candidates.find((p) => SENSITIVE_PORTS[p] !== undefined);
    const label = port.published !== undefined ? `${port.published}:${port.target ?? ''}` : `${port.target ?? ''}`;
    out.push({ port, sensitive: hit === undefined ? undefined : `${SENSITIVE_PORTS[hit]} ${hit}`, label });
  }
  return out;
}

/**
 * Binds a mapping of the service's own ports list to the loopback interface: `127.0.0.1:` before
 * the short syntax's host port (replacing an all-interfaces address; quoted, as Compose asks for
 * port strings), `host_ip: 127.0.0.1` in the long syntax.
 */
export function bindLocallyEdit(service: ComposeService, p: OpenPort): TextEdit[] | undefined {
  const { node, hostIp, published, target, protocol } = p.port;
  if (!ownList(service, 'ports')?.items.includes(node) || target === undefined) return undefined;
  // An address from a variable is left to whoever sets it.
  if (hostIp !== undefined && hasVariable(hostIp, 'compose')) return undefined;
  if (isMap(node)) return setIn(service.document, service.file.lines, node, ['host_ip'], '127.0.0.1');
  return replaceOwnScalar(service, node, `127.0.0.1:${published ?? ''}:${target}${protocol !== undefined ? `/${protocol}` : ''}`, '"');
}

/** The title of {@link bindLocallyEdit}. */
export const BIND_LOCALLY = { en: 'Bind to 127.0.0.1', de: 'An 127.0.0.1 binden' };
