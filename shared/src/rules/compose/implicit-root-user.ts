import { defineWorkspaceRule } from '../../define';
import { expandedArguments } from '../../facts/dockerfile-variables';
import { isRootUser } from '../../facts/root-user';
import { composeServices, lookup, type ComposeService } from '../../parse/compose';
import { composeBuild } from '../../parse/compose-settings';
import { stageUser } from '../../parse/dockerfile';
import { parseImageReference } from '../../facts/image-reference';
import { runsAsNonRootByDefault } from '../../parse/images';
import { isMap, isScalar, mapGet, scalarString, seqItems } from '../../parse/yaml';
import type { Anchor, FileFacts, ParsedFile, RawFinding } from '../../types';
import { owasp } from './common';
import { dockerfileUri, normalize } from './support/build-context';

/** Docker Hub official images whose Dockerfile ends with a non-root USER. */
const NON_ROOT_OFFICIAL = new Set(['elasticsearch', 'kibana', 'logstash', 'sonarqube', 'jenkins', 'solr', 'haproxy', 'zookeeper', 'unit', 'friendica', 'eclipse-mosquitto']);

/**
 * Whether a base image is known to run as root when the Dockerfile sets no USER: Docker Hub
 * official images (and scratch) do, except the few above. Vendor images often set their own user
 * (bitnami, grafana, selenium …), so a Dockerfile built on them proves nothing.
 */
export function baseRunsAsRoot(image: string): boolean {
  const ref = parseImageReference(image);
  if (ref.registry !== 'docker.io' || !ref.repository.startsWith('library/') || ref.variable) return false;
  const name = ref.repository.slice('library/'.length).toLowerCase();
  return !NON_ROOT_OFFICIAL.has(name) && !runsAsNonRootByDefault(ref);
}

/** Image names that services of the same file build (`FROM base` may be one of them, not Docker Hub's). */
function builtImages(service: ComposeService): Set<string> {
  const out = new Set<string>();
  for (const other of composeServices(service.file)) {
    const image = scalarString(lookup(other, 'image')?.value);
    if (image && lookup(other, 'build')) out.add(image.trim());
  }
  return out;
}

/** Names of `additional_contexts`, in map form (`base: service:base`) or list form (`- base=service:base`). */
function additionalContextNames(build: unknown): string[] {
  const contexts = mapGet(build, 'additional_contexts');
  if (isMap(contexts)) return contexts.items.map((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)));
  return seqItems(contexts).flatMap((i) => {
    const text = scalarString(i);
    return text?.includes('=') ? [text.slice(0, text.indexOf('=')).trim()] : [];
  });
}

/**
 * Who a stage runs as: its USER, variables expanded (undefined when they depend on the build), with
 * the line of that instruction (1-based); or, without one, its base image.
 */
type StageUser = { readonly user: string | undefined; readonly line: number } | { readonly user: undefined; readonly base: string | null };

/** A service that builds a local Dockerfile and sets no `user:`. */
interface ServiceFacts {
  readonly service: string;
  readonly dockerfileUri: string;
  /** As written in the service, for messages. */
  readonly dockerfile: string;
  readonly target: string | undefined;
  readonly anchor: Anchor;
  /** Images that services of the same file build. */
  readonly builtImages: readonly string[];
  readonly additionalContexts: readonly string[];
}

/** What the rule reads of one file: a Dockerfile's stages and who they run as, or a Compose file's services that build one. */
type Facts =
  | { readonly kind: 'dockerfile'; readonly stages: readonly { readonly name: string | null; readonly user: StageUser }[] }
  | { readonly kind: 'compose'; readonly services: readonly ServiceFacts[] };

function serviceFacts(service: ComposeService): ServiceFacts | undefined {
  if (service.partial || lookup(service, 'user')) return undefined;
  const build = composeBuild(service);
  if (!build || build.inline) return undefined;
  const uri = dockerfileUri(service.file.uri, build.context, build.dockerfile);
  if (!uri) return undefined;
  return {
    service: service.name,
    dockerfileUri: normalize(uri),
    dockerfile: build.dockerfile,
    target: scalarString(mapGet(build.node, 'target'))?.toLowerCase(),
    anchor: { range: service.document.keyRange(lookup(service, 'build')!.pair), objectRange: service.range },
    builtImages: [...builtImages(service)],
    additionalContexts: additionalContextNames(build.node),
  };
}

function collect(file: ParsedFile): Facts | undefined {
  if (file.kind === 'dockerfile') {
    const stages = file.stages.map((stage) => {
      const found = stageUser(file, stage);
      const user: StageUser = found.user ? { user: expandedArguments(file, found.stage, found.user), line: found.user.getRange().start.line + 1 } : { user: undefined, base: found.stage.image };
      return { name: stage.name, user };
    });
    return { kind: 'dockerfile', stages };
  }
  if (file.kind !== 'compose') return undefined;
  const services = composeServices(file).flatMap((s) => serviceFacts(s) ?? []);
  return services.length > 0 ? { kind: 'compose', services } : undefined;
}

function check(service: ServiceFacts, uri: string, dockerfiles: ReadonlyMap<string, Facts & { kind: 'dockerfile' }>): RawFinding[] {
  const dockerfile = dockerfiles.get(service.dockerfileUri);
  if (!dockerfile) return [];
  const stage = service.target ? dockerfile.stages.find((s) => s.name === service.target) : dockerfile.stages[dockerfile.stages.length - 1];
  if (!stage) return [];
  const found = stage.user;
  const base = { ...service.anchor, uri };
  const args = { service: service.service, dockerfile: service.dockerfile };
  if ('base' in found) {
    if (!found.base || !baseRunsAsRoot(found.base) || service.builtImages.includes(found.base)) return [];
    // A named build context (`additional_contexts: {base: "service:base"}`) replaces the registry image.
    if (service.additionalContexts.includes(found.base)) return [];
    return [{ ...base, messageId: 'noUser', args: { ...args, base: found.base } }];
  }
  if (found.user === undefined || !isRootUser(found.user)) return [];
  return [{ ...base, messageId: 'rootUser', args: { ...args, line: found.line } }];
}

/**
 * A service that builds a Dockerfile which sets no USER (or USER root) and sets no `user:` itself.
 * Services with only `image:` are not reported: the image's default user is unknown statically.
 */
export const implicitRootUser = defineWorkspaceRule<Facts>({
  id: 'compose/implicit-root-user',
  kind: 'compose',
  scope: 'workspace',
  fileKinds: ['compose', 'dockerfile'],
  title: { en: 'Do not run built images as root by default', de: 'Gebaute Images nicht standardmäßig als root ausführen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.1', 'CL-2.1.1', 'CSC-2.1.1'],
  external: [owasp(2)],
  messages: {
    noUser: {
      en: 'Service "{service}" builds {dockerfile}, which sets no USER on top of {base} (root by default), and sets no user: itself, so it runs as root; add a USER to the Dockerfile or user: to the service.',
      de: 'Service "{service}" baut {dockerfile}, das auf {base} (standardmäßig root) keinen USER setzt, und setzt selbst kein user:, läuft also als root; einen USER im Dockerfile oder user: im Service ergänzen.',
    },
    rootUser: {
      en: 'Service "{service}" builds {dockerfile}, which runs as root (USER on line {line}), and sets no user: itself; switch to an unprivileged user.',
      de: 'Service "{service}" baut {dockerfile}, das als root läuft (USER in Zeile {line}), und setzt selbst kein user:; auf einen unprivilegierten Benutzer wechseln.',
    },
  },
  docs: {
    rationale: {
      en: 'Without USER in the Dockerfile and without `user:` in the service, the container runs as root (CSVS 3.1). The rule reads the Dockerfile the service builds (build context + dockerfile, relative to the Compose file, build target honoured) when it is among the scanned files. Without USER the base image decides: Docker Hub official images run as root (except a few such as elasticsearch or haproxy), vendor images often set their own user, so only the former are reported. Services that only name an `image:` are not reported, because the image\'s default user cannot be known without pulling it; set `user:` explicitly to be sure.',
      de: 'Ohne USER im Dockerfile und ohne `user:` im Service läuft der Container als root (CSVS 3.1). Die Regel liest das Dockerfile, das der Service baut (Build-Kontext + dockerfile, relativ zur Compose-Datei, Build-Target berücksichtigt), sofern es unter den geprüften Dateien ist. Ohne USER entscheidet das Basis-Image: offizielle Docker-Hub-Images laufen als root (bis auf wenige wie elasticsearch oder haproxy), Images von Herstellern setzen oft einen eigenen Benutzer, daher werden nur erstere gemeldet. Services, die nur ein `image:` nennen, werden nicht gemeldet, weil der Standardbenutzer des Images ohne Pull nicht bekannt ist; zur Sicherheit `user:` ausdrücklich setzen.',
    },
    fix: {
      en: 'Create an unprivileged user in the Dockerfile and end the final stage with `USER 10001:10001` (see dockerfile rules), or set `user: "10001:10001"` on the service.',
      de: 'Im Dockerfile einen unprivilegierten Benutzer anlegen und die letzte Stufe mit `USER 10001:10001` beenden (siehe Dockerfile-Regeln) oder `user: "10001:10001"` im Service setzen.',
    },
    bad: 'services:\n  app:\n    build: .   # Dockerfile without USER',
    good: 'services:\n  app:\n    build: .\n    user: "10001:10001"',
  },
  fixable: false,
  collect,
  check(files: readonly FileFacts<Facts>[]) {
    // URIs are normalised only when a Compose service builds a local Dockerfile (URI.parse is not cheap)
    if (!files.some((f) => f.facts.kind === 'compose')) return [];
    const dockerfiles = new Map<string, Facts & { kind: 'dockerfile' }>();
    for (const { uri, facts } of files) if (facts.kind === 'dockerfile') dockerfiles.set(normalize(uri), facts);
    if (dockerfiles.size === 0) return [];
    return files.flatMap(({ uri, facts }) => (facts.kind === 'compose' ? facts.services.flatMap((s) => check(s, uri, dockerfiles)) : []));
  },
});
