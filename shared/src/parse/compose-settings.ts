import { isMap, isSeq, type Node } from 'yaml';
import { MemoKey } from '../memo';
import { hasVariable } from '../facts/variables';
import { lookup, lookupPath, resolve, truthy, type ComposeService, type Entry } from './compose';
import { mapGet, mapPair, scalarString } from './yaml';

/** A volume of a service, short (`src:dst:ro`) or long (`type: bind`) syntax. */
export interface VolumeMount {
  /** The list item (the scalar of the short syntax, the map of the long one). */
  readonly node: Node;
  readonly type: 'bind' | 'volume' | 'tmpfs' | 'other';
  /** Host path or volume name; undefined for anonymous volumes. */
  readonly source: string | undefined;
  /** The node holding the source text (the item scalar in short syntax). */
  readonly sourceNode: Node;
  readonly target: string | undefined;
  readonly readOnly: boolean;
  readonly syntax: 'short' | 'long';
}

/** Memoises a per-service computation (several rules read the same volumes, ports, environment). */
function memo<T>(fn: (service: ComposeService) => T): (service: ComposeService) => T {
  const key = new MemoKey<T>(fn.name);
  return (service) => service.memo.get(key, () => fn(service));
}

const HOST_PATH = /^(?:[./~]|\$|[A-Za-z]:[\\/]|\\\\)/;

/** Splits `src:dst[:mode]`, keeping a Windows drive letter (`C:\x:/y`) and `${VAR:-default}` whole. */
export function splitShortVolume(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (c === ':' && depth === 0 && !(i === start + 1 && /^[A-Za-z]:[\\/]/.test(text.slice(start, start + 3)))) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The volumes of a service. */
export const composeVolumes = memo(function composeVolumes(service: ComposeService): VolumeMount[] {
  const value = lookup(service, 'volumes')?.value;
  if (!isSeq(value)) return [];
  const out: VolumeMount[] = [];
  for (const raw of value.items) {
    const node = resolve(service.document, raw);
    if (!node) continue;
    const text = scalarString(node);
    if (text !== undefined) {
      const parts = splitShortVolume(text.trim());
      if (parts.length < 2) {
        out.push({ node, type: 'volume', source: undefined, sourceNode: node, target: parts[0], readOnly: false, syntax: 'short' });
        continue;
      }
      const source = parts[0]!;
      const modes = (parts[2] ?? '').split(',').map((m) => m.trim().toLowerCase());
      out.push({
        node,
        type: HOST_PATH.test(source) ? 'bind' : 'volume',
        source,
        sourceNode: node,
        target: parts[1],
        readOnly: modes.includes('ro'),
        syntax: 'short',
      });
    } else if (isMap(node)) {
      const type = scalarString(mapGet(node, 'type'))?.toLowerCase();
      const sourceNode = resolve(service.document, mapPair(node, 'source')?.value) ?? node;
      out.push({
        node,
        type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
        source: scalarString(sourceNode),
        sourceNode,
        target: scalarString(mapGet(node, 'target')),
        readOnly: truthy(mapGet(node, 'read_only')) === true,
        syntax: 'long',
      });
    }
  }
  return out;
});

/** A published port, short (`127.0.0.1:8080:80/tcp`) or long (`host_ip:`, `published:`) syntax. */
export interface PortMapping {
  readonly node: Node;
  /** Host address; undefined when none is given (all interfaces). */
  readonly hostIp: string | undefined;
  /** Host port or range; undefined for an ephemeral host port. */
  readonly published: string | undefined;
  /** Container port or range. */
  readonly target: string | undefined;
  readonly protocol: string | undefined;
}

/** Parses a short port mapping: `[[IP:]HOST:]CONTAINER[/PROTO]`, IPv6 host addresses in brackets. */
export function parseShortPort(text: string): Omit<PortMapping, 'node'> {
  let rest = text.trim();
  let protocol: string | undefined;
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2]!;
  }
  const parts = splitShortVolume(rest).map((p) => p.trim());
  if (!v6 && parts.length >= 3) {
    hostIp = parts.slice(0, parts.length - 2).join(':');
    parts.splice(0, parts.length - 2);
  }
  const target = parts[parts.length - 1];
  const published = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  return { hostIp: hostIp === '' ? undefined : hostIp, published: published === '' ? undefined : published, target, protocol };
}

/** The published ports of a service. */
export const composePorts = memo(function composePorts(service: ComposeService): PortMapping[] {
  const value = lookup(service, 'ports')?.value;
  if (!isSeq(value)) return [];
  const out: PortMapping[] = [];
  for (const raw of value.items) {
    const node = resolve(service.document, raw);
    if (!node) continue;
    const text = scalarString(node);
    if (text !== undefined) out.push({ node, ...parseShortPort(text) });
    else if (isMap(node)) {
      out.push({
        node,
        hostIp: scalarString(mapGet(node, 'host_ip')) || undefined,
        published: scalarString(mapGet(node, 'published')),
        target: scalarString(mapGet(node, 'target')),
        protocol: scalarString(mapGet(node, 'protocol')),
      });
    }
  }
  return out;
});

/** An environment variable of a service, map (`NAME: value`) or list (`- NAME=value`) form. */
export interface EnvVar {
  readonly name: string;
  /** The literal value; undefined when it is taken from the host environment (`NAME` or `NAME:`). */
  readonly value: string | undefined;
  /** The whole entry (the pair's key for maps, the item scalar for lists). */
  readonly node: Node;
  /** True when the value interpolates a variable (`${DB_PASSWORD}`). */
  readonly interpolated: boolean;
}

/** The `environment:` variables of a service. */
export const composeEnvironment = memo(function composeEnvironment(service: ComposeService): EnvVar[] {
  return variablesIn(service, lookup(service, 'environment')?.value);
});

/** The `build.args` of a service (build arguments, read like `environment:`). */
export function composeBuildArgs(service: ComposeService): EnvVar[] {
  const build = lookup(service, 'build')?.value;
  return isMap(build) ? variablesIn(service, resolve(service.document, mapGet(build, 'args'))) : [];
}

/** Variables written as a map (`NAME: value`) or a list (`- NAME=value`). */
function variablesIn(service: ComposeService, value: Node | undefined): EnvVar[] {
  const out: EnvVar[] = [];
  const push = (name: string, v: string | undefined, node: Node): void => {
    out.push({ name, value: v, node, interpolated: v !== undefined && hasVariable(v, 'compose') });
  };
  if (isMap(value)) {
    for (const pair of value.items) {
      const name = scalarString(pair.key);
      if (name === undefined || name === '<<') continue;
      push(name, scalarString(resolve(service.document, pair.value)), pair.key as Node);
    }
  } else if (isSeq(value)) {
    for (const raw of value.items) {
      const node = resolve(service.document, raw);
      const text = scalarString(node);
      if (!node || text === undefined) continue;
      const eq = text.indexOf('=');
      push(eq < 0 ? text : text.slice(0, eq), eq < 0 ? undefined : text.slice(eq + 1), node);
    }
  }
  return out;
}

/** The memory, CPU and process limits of a service, wherever they are set. */
export interface ResourceLimits {
  readonly memory: Entry | undefined;
  readonly cpu: Entry | undefined;
  readonly pids: Entry | undefined;
}

/** Finds `mem_limit`, `cpus`/`cpu_quota`, `pids_limit` and their `deploy.resources.limits` forms. */
export function resourceLimits(service: ComposeService): ResourceLimits {
  const limits = (key: string): Entry | undefined => lookupPath(service, ['deploy', 'resources', 'limits', key]);
  const first = (...entries: (Entry | undefined)[]): Entry | undefined => entries.find((e) => e && scalarString(e.value) !== undefined);
  return {
    memory: first(lookup(service, 'mem_limit'), limits('memory')),
    cpu: first(lookup(service, 'cpus'), lookup(service, 'cpu_quota'), lookup(service, 'cpu_count'), lookup(service, 'cpu_percent'), limits('cpus')),
    pids: first(lookup(service, 'pids_limit'), limits('pids')),
  };
}

/** What a service builds: the context and the Dockerfile path as written. */
export interface BuildInfo {
  readonly node: Node;
  /** The build context (`.` when not given). */
  readonly context: string;
  /** The Dockerfile path relative to the context (`Dockerfile` when not given). */
  readonly dockerfile: string;
  /** True for `dockerfile_inline:` (no file to find). */
  readonly inline: boolean;
}

/** The `build:` of a service, or undefined. */
export function composeBuild(service: ComposeService): BuildInfo | undefined {
  const entry = lookup(service, 'build');
  const value = entry?.value;
  if (!entry || !value) return undefined;
  const text = scalarString(value);
  if (text !== undefined) return { node: value, context: text, dockerfile: 'Dockerfile', inline: false };
  if (!isMap(value)) return undefined;
  return {
    node: value,
    context: scalarString(mapGet(value, 'context')) ?? '.',
    dockerfile: scalarString(mapGet(value, 'dockerfile')) ?? 'Dockerfile',
    inline: mapPair(value, 'dockerfile_inline') !== undefined,
  };
}
