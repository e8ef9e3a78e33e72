import { defineWorkspaceRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { isRootUid } from '../../facts/root-user';
import { containerName, effective, podSpecs, type ContainerRef } from '../../parse/kubernetes';
import { mapPair, scalarBool, scalarString } from '../../parse/yaml';
import type { Anchor, FileFacts, ParsedFile, RawFinding } from '../../types';
import { findingOn, valueRange } from './support/findings';
import { composeBuiltImages, canonicalUri, skaffoldBuiltImages, type BuiltImage } from './support/build-evidence';
import { finalUser, labelledImageNames, type ImageUser } from './support/dockerfile-user';
import { imageBaseName, isTemplatedImage } from './support/image';

/** What the rule reads of a Dockerfile: its URI, the names its LABELs give its image, and the user it runs as. */
interface DockerfileFacts {
  readonly kind: 'dockerfile';
  readonly uri: string;
  readonly labelled: readonly string[];
  readonly user: ImageUser;
  /** Its last two path segments, for messages. */
  readonly path: string;
}

/** A container with a concrete image and what its manifest says about the user. */
interface ContainerFacts {
  readonly image: string;
  readonly container: string;
  readonly nonRoot: boolean;
  /** `runAsUser` in force (container over pod), as written. */
  readonly uid: string | undefined;
  readonly imageAnchor: Anchor;
  readonly runAsUserAnchor: Anchor | undefined;
}

type Facts =
  | DockerfileFacts
  | { readonly kind: 'kubernetes'; readonly containers: readonly ContainerFacts[]; readonly builds: readonly BuiltImage[] }
  | { readonly kind: 'compose'; readonly builds: readonly BuiltImage[] };

const shortPath = (uri: string): string => decodeURIComponent(uri.replace(/^file:\/\//, '')).split('/').slice(-2).join('/');

function containerFacts(c: ContainerRef): ContainerFacts | undefined {
  const imagePair = mapPair(c.node, 'image');
  const image = scalarString(imagePair?.value);
  if (!imagePair || image === undefined || isTemplatedImage(image)) return undefined;
  const runAsUser = effective(c, ['runAsUser']);
  return {
    image,
    container: containerName(c),
    nonRoot: scalarBool(effective(c, ['runAsNonRoot'])?.node) === true,
    uid: scalarString(runAsUser?.node),
    imageAnchor: findingOn(c.pod.object, valueRange(c.pod.document, imagePair)),
    runAsUserAnchor: runAsUser ? findingOn(c.pod.object, valueRange(c.pod.document, runAsUser.pair)) : undefined,
  };
}

function collect(file: ParsedFile): Facts | undefined {
  if (file.kind === 'dockerfile') {
    return { kind: 'dockerfile', uri: canonicalUri(file.uri), labelled: [...labelledImageNames(file)], user: finalUser(file), path: shortPath(file.uri) };
  }
  if (file.kind === 'compose') {
    const builds = composeBuiltImages(file);
    return builds.length > 0 ? { kind: 'compose', builds } : undefined;
  }
  const containers = podSpecs(file).flatMap((pod) => pod.containers.flatMap((c) => containerFacts(c) ?? []));
  const builds = skaffoldBuiltImages(file);
  return containers.length > 0 || builds.length > 0 ? { kind: 'kubernetes', containers, builds } : undefined;
}

/** Dockerfiles by the image names there is evidence they are built as. */
type Candidates = Map<string, DockerfileFacts[]>;

const add = (map: Map<string, DockerfileFacts[]>, key: string, f: DockerfileFacts): void => {
  const list = map.get(key) ?? [];
  if (!list.includes(f)) map.set(key, [...list, f]);
};

/** Dockerfiles of the scan by the image names there is evidence for: a name LABEL, a Compose build, a Skaffold artifact. */
function candidates(files: readonly FileFacts<Facts>[]): Candidates {
  const byUri = new Map<string, DockerfileFacts>();
  const byName: Candidates = new Map();
  for (const { facts: f } of files) {
    if (f.kind !== 'dockerfile') continue;
    byUri.set(f.uri, f);
    for (const n of f.labelled) add(byName, n, f);
  }
  for (const { facts: f } of files) {
    if (f.kind === 'dockerfile') continue;
    for (const b of f.builds) {
      const dockerfile = byUri.get(b.dockerfileUri);
      if (dockerfile) add(byName, b.name, dockerfile);
    }
  }
  return byName;
}

/** The one Dockerfile an image is built from, or undefined (no evidence, or several Dockerfiles). */
function dockerfileFor(image: string, c: Candidates): DockerfileFacts | undefined {
  const matches = c.get(imageBaseName(image)) ?? [];
  return matches.length === 1 ? matches[0] : undefined;
}

function checkContainer(c: ContainerFacts, dockerfile: DockerfileFacts, uri: string): RawFinding | undefined {
  const { user } = dockerfile;
  const args = { container: c.container, dockerfile: dockerfile.path };
  if (user.kind === 'root') {
    if (c.nonRoot || (c.uid !== undefined && !isRootUid(c.uid))) return undefined;
    return { ...c.imageAnchor, uri, args };
  }
  if (user.kind === 'numeric' && c.runAsUserAnchor && c.uid !== undefined && isRootUid(c.uid)) {
    return { ...c.runAsUserAnchor, uri, messageId: 'override', args: { ...args, uid: user.uid } };
  }
  return undefined;
}

/**
 * An image built from a Dockerfile of the workspace runs as root while the manifest does not
 * set runAsNonRoot (or a non-zero runAsUser); or the Dockerfile sets a numeric USER that the
 * manifest overrides with runAsUser: 0.
 *
 * Matching by evidence only: the manifest image's last repository segment (`ghcr.io/acme/shop-api:1.2`
 * → `shop-api`) is the image a Compose service builds from the Dockerfile (`build:` beside
 * `image:`), a Skaffold artifact built from it, or the name its LABEL declares
 * (`org.opencontainers.image.title`, `name`, `image`, `app`). A folder or file name proves nothing.
 * When several Dockerfiles match, the rule reports nothing.
 */
export const imageUserRoot = defineWorkspaceRule<Facts>({
  id: 'k8s/image-user-root',
  kind: 'kubernetes',
  scope: 'workspace',
  fileKinds: ['dockerfile', 'kubernetes', 'compose'],
  title: { en: 'Images built here must not run as root in the cluster', de: 'Hier gebaute Images dürfen im Cluster nicht als root laufen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.1', 'CSVS-3.3', 'CL-2.1.1', 'CSC-2.1.1'],
  external: [owaspK8s('K01')],
  messages: {
    default: {
      en: 'Container "{container}" runs an image built from {dockerfile}, whose final stage runs as root, and the manifest does not set runAsNonRoot: true; add a USER to the Dockerfile and runAsNonRoot: true here.',
      de: 'Container "{container}" startet ein aus {dockerfile} gebautes Image, dessen letzte Stufe als root läuft, und das Manifest setzt runAsNonRoot: true nicht; dem Dockerfile einen USER geben und hier runAsNonRoot: true setzen.',
    },
    override: {
      en: 'runAsUser: 0 overrides USER {uid} of {dockerfile} and runs container "{container}" as root; remove it or use the image\'s UID.',
      de: 'runAsUser: 0 überschreibt USER {uid} aus {dockerfile} und startet Container "{container}" als root; entfernen oder die UID des Images verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'The Dockerfile and the manifest decide together who the process runs as; either alone can undo the other. An image is matched to a Dockerfile of the workspace only on evidence that the Dockerfile builds it: a Compose service with build: and image:, a Skaffold build artifact, or a name LABEL of the Dockerfile (org.opencontainers.image.title, name, image, app), compared by the last segment of the repository (ghcr.io/acme/shop-api:1.2 → shop-api). A folder name alone is no evidence. When several Dockerfiles match, nothing is reported. A final stage without USER counts as root unless its base image is known to run as non-root.',
      de: 'Dockerfile und Manifest bestimmen gemeinsam, als wer der Prozess läuft; jedes allein kann das andere aushebeln. Ein Image wird einem Dockerfile des Arbeitsbereichs nur zugeordnet, wenn belegt ist, dass das Dockerfile es baut: ein Compose-Service mit build: und image:, ein Skaffold-Build-Artefakt oder ein Namens-LABEL des Dockerfiles (org.opencontainers.image.title, name, image, app), verglichen über das letzte Segment des Repositorys (ghcr.io/acme/shop-api:1.2 → shop-api). Ein Ordnername allein belegt nichts. Passen mehrere Dockerfiles, wird nichts gemeldet. Eine letzte Stufe ohne USER gilt als root, sofern ihr Basis-Image nicht bekanntermaßen ohne root läuft.',
    },
    fix: { en: 'Give the final stage a numeric non-root USER and set runAsNonRoot: true in the manifest.', de: 'Der letzten Stufe einen numerischen Nicht-root-USER geben und im Manifest runAsNonRoot: true setzen.' },
    bad: '# Dockerfile (compose: build: ., image: shop-api)\nFROM node:20\nCMD ["node", "server.js"]',
    good: '# Dockerfile (compose: build: ., image: shop-api)\nFROM node:20\nUSER 10001\nCMD ["node", "server.js"]',
  },
  fixable: false,
  collect,
  check(files) {
    const c = candidates(files);
    if (c.size === 0) return [];
    const out: RawFinding[] = [];
    for (const { uri, facts } of files) {
      if (facts.kind !== 'kubernetes') continue;
      for (const container of facts.containers) {
        const dockerfile = dockerfileFor(container.image, c);
        const f = dockerfile && checkContainer(container, dockerfile, uri);
        if (f) out.push(f);
      }
    }
    return out;
  },
});
