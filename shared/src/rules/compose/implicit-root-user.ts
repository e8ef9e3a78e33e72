import { URI, Utils } from 'vscode-uri';
import { defineWorkspaceRule } from '../../define';
import { composeServices, hasVariable, lookup, type ComposeService } from '../../parse/compose';
import { composeBuild } from '../../parse/compose-settings';
import type { DockerfileFile, Stage } from '../../parse/dockerfile';
import { parseImageReference, runsAsNonRootByDefault } from '../../parse/images';
import { mapGet, scalarString } from '../../parse/yaml';
import type { ParsedFile, RawFinding, YamlFile } from '../../types';
import { owasp } from './common';
import { isRootUser } from './no-root-user';

const normalize = (uri: string): string => URI.parse(uri).toString();

/** The Dockerfile a service builds, as a URI relative to the Compose file; undefined for remote or inline builds. */
export function dockerfileUri(composeUri: string, context: string, dockerfile: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\/|^git@|\.git(#|$)/i.test(context) || hasVariable(context) || hasVariable(dockerfile)) return undefined;
  const base = Utils.dirname(URI.parse(composeUri));
  const contextUri = context.startsWith('/') ? base.with({ path: context }) : Utils.resolvePath(base, context);
  const file = dockerfile.startsWith('/') ? contextUri.with({ path: dockerfile }) : Utils.resolvePath(contextUri, dockerfile);
  return file.toString();
}

/** The user the stage runs as: its last USER, else the one of the stage it builds on; undefined when none sets one. */
function stageUser(file: DockerfileFile, stage: Stage, depth = 0): { user: string; stage: Stage } | { user: undefined; base: string | null } {
  const users = stage.instructions.filter((i) => i.getKeyword() === 'USER');
  const last = users[users.length - 1];
  if (last) return { user: last.getArgumentsContent() ?? '', stage };
  if (stage.fromStage && depth < 20) {
    const parent = file.stages.find((s) => s.index < stage.index && s.name === stage.image?.toLowerCase());
    if (parent) return stageUser(file, parent, depth + 1);
  }
  return { user: undefined, base: stage.image };
}

function check(service: ComposeService, files: ReadonlyMap<string, DockerfileFile>): RawFinding[] {
  if (service.partial || lookup(service, 'user')) return [];
  const build = composeBuild(service);
  if (!build || build.inline) return [];
  const uri = dockerfileUri(service.file.uri, build.context, build.dockerfile);
  const dockerfile = uri ? files.get(normalize(uri)) : undefined;
  if (!dockerfile) return [];
  const target = scalarString(mapGet(build.node, 'target'))?.toLowerCase();
  const stage = target ? dockerfile.stages.find((s) => s.name === target) : dockerfile.finalStage;
  if (!stage) return [];
  const found = stageUser(dockerfile, stage);
  const range = service.document.keyRange(lookup(service, 'build')!.pair);
  const base = { range, uri: service.file.uri, objectRange: service.range };
  const args = { service: service.name, dockerfile: build.dockerfile };
  if (found.user === undefined) {
    if (found.base && runsAsNonRootByDefault(parseImageReference(found.base))) return [];
    return [{ ...base, messageId: 'noUser', args }];
  }
  if (hasVariable(found.user) || !isRootUser(found.user)) return [];
  return [{ ...base, messageId: 'rootUser', args: { ...args, line: found.stage.instructions.filter((i) => i.getKeyword() === 'USER').pop()!.getRange().start.line + 1 } }];
}

/**
 * A service that builds a Dockerfile which sets no USER (or USER root) and sets no `user:` itself.
 * Services with only `image:` are not reported: the image's default user is unknown statically.
 */
export const implicitRootUser = defineWorkspaceRule({
  id: 'compose/implicit-root-user',
  kind: 'compose',
  scope: 'workspace',
  title: { en: 'Do not run built images as root by default', de: 'Gebaute Images nicht standardmäßig als root ausführen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.1', 'CL-2.1.1', 'CSC-2.1.1'],
  external: [owasp(2)],
  messages: {
    noUser: {
      en: 'Service "{service}" builds {dockerfile}, which sets no USER, and sets no user: itself, so it runs as root; add a USER to the Dockerfile or user: to the service.',
      de: 'Service "{service}" baut {dockerfile}, das keinen USER setzt, und setzt selbst kein user:, läuft also als root; einen USER im Dockerfile oder user: im Service ergänzen.',
    },
    rootUser: {
      en: 'Service "{service}" builds {dockerfile}, which runs as root (USER on line {line}), and sets no user: itself; switch to an unprivileged user.',
      de: 'Service "{service}" baut {dockerfile}, das als root läuft (USER in Zeile {line}), und setzt selbst kein user:; auf einen unprivilegierten Benutzer wechseln.',
    },
  },
  docs: {
    rationale: {
      en: 'Without USER in the Dockerfile and without `user:` in the service, the container runs as root (CSVS 3.1). The rule reads the Dockerfile the service builds (build context + dockerfile, relative to the Compose file, build target honoured) when it is among the scanned files. Services that only name an `image:` are not reported, because the image\'s default user cannot be known without pulling it; set `user:` explicitly to be sure.',
      de: 'Ohne USER im Dockerfile und ohne `user:` im Service läuft der Container als root (CSVS 3.1). Die Regel liest das Dockerfile, das der Service baut (Build-Kontext + dockerfile, relativ zur Compose-Datei, Build-Target berücksichtigt), sofern es unter den geprüften Dateien ist. Services, die nur ein `image:` nennen, werden nicht gemeldet, weil der Standardbenutzer des Images ohne Pull nicht bekannt ist; zur Sicherheit `user:` ausdrücklich setzen.',
    },
    fix: {
      en: 'Create an unprivileged user in the Dockerfile and end the final stage with `USER 10001:10001` (see dockerfile rules), or set `user: "10001:10001"` on the service.',
      de: 'Im Dockerfile einen unprivilegierten Benutzer anlegen und die letzte Stufe mit `USER 10001:10001` beenden (siehe Dockerfile-Regeln) oder `user: "10001:10001"` im Service setzen.',
    },
    bad: 'services:\n  app:\n    build: .   # Dockerfile without USER',
    good: 'services:\n  app:\n    build: .\n    user: "10001:10001"',
  },
  fixable: false,
  check(files: readonly ParsedFile[]) {
    const dockerfiles = new Map<string, DockerfileFile>();
    for (const f of files) if (f.kind === 'dockerfile') dockerfiles.set(normalize(f.uri), f);
    if (dockerfiles.size === 0) return [];
    return files
      .filter((f): f is YamlFile => f.kind === 'compose')
      .flatMap((f) => composeServices(f).flatMap((s) => check(s, dockerfiles)));
  },
});
