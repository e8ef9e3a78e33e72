import { defineWorkspaceRule } from '../../define';
import { parseImageReference } from '../../facts/image-reference';
import { isRootUid } from '../../facts/root-user';
import { containerName, effective, podSpecs, type ContainerRef } from '../../parse/kubernetes';
import { mapPair, scalarBool, scalarString } from '../../parse/yaml';
import type { Anchor, FileFacts, ParsedFile, RawFinding } from '../../types';
import { findingOn, valueRange } from './support/findings';
import { dockerfileImageNames, finalUser, type ImageUser } from './support/dockerfile-user';
import { imageBaseName, isTemplatedImage } from './support/image';

/** What the rule reads of a Dockerfile: the names its image is likely published under and the user it runs as. */
interface DockerfileFacts {
  readonly kind: 'dockerfile';
  readonly directory: string | undefined;
  readonly explicit: readonly string[];
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

type Facts = DockerfileFacts | { readonly kind: 'kubernetes'; readonly containers: readonly ContainerFacts[] };

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
    const names = dockerfileImageNames(file);
    return { kind: 'dockerfile', directory: names.directory, explicit: [...names.explicit], user: finalUser(file), path: shortPath(file.uri) };
  }
  if (file.kind !== 'kubernetes') return undefined;
  const containers = podSpecs(file).flatMap((pod) => pod.containers.flatMap((c) => containerFacts(c) ?? []));
  return containers.length > 0 ? { kind: 'kubernetes', containers } : undefined;
}

interface Candidates {
  readonly byDirectory: Map<string, DockerfileFacts[]>;
  readonly byExplicitName: Map<string, DockerfileFacts[]>;
}

const add = (map: Map<string, DockerfileFacts[]>, key: string, f: DockerfileFacts): void => {
  const list = map.get(key) ?? [];
  if (!list.includes(f)) map.set(key, [...list, f]);
};

/** Dockerfiles of the scan by the image names they are likely published under. */
function candidates(files: readonly FileFacts<Facts>[]): Candidates {
  const byDirectory = new Map<string, DockerfileFacts[]>();
  const byExplicitName = new Map<string, DockerfileFacts[]>();
  for (const { facts: f } of files) {
    if (f.kind !== 'dockerfile') continue;
    if (f.directory) add(byDirectory, f.directory, f);
    for (const n of f.explicit) add(byExplicitName, n, f);
  }
  return { byDirectory, byExplicitName };
}

/**
 * The one Dockerfile an image is built from, or undefined (none or ambiguous). Official Docker
 * Hub images (`python:3.12`) are matched by explicit names only: a `python/` folder of samples
 * does not build the official image.
 */
function dockerfileFor(image: string, c: Candidates): DockerfileFacts | undefined {
  const base = imageBaseName(image);
  const official = parseImageReference(image).repository.startsWith('library/');
  const matches = [...(c.byExplicitName.get(base) ?? []), ...(official ? [] : c.byDirectory.get(base) ?? [])];
  const unique = [...new Set(matches)];
  return unique.length === 1 ? unique[0] : undefined;
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
 * Matching: the manifest image's last repository segment (`ghcr.io/acme/shop-api:1.2` →
 * `shop-api`) equals a Dockerfile's directory name, the name in its file name
 * (`Dockerfile.shop-api`, `shop-api.Dockerfile`), or a name LABEL (`org.opencontainers.image.title`,
 * `name`, `image`, `app`); official Docker Hub images only by the explicit names. When several
 * Dockerfiles match, the rule reports nothing.
 */
export const imageUserRoot = defineWorkspaceRule<Facts>({
  id: 'k8s/image-user-root',
  kind: 'kubernetes',
  scope: 'workspace',
  fileKinds: ['dockerfile', 'kubernetes'],
  title: { en: 'Images built here must not run as root in the cluster', de: 'Hier gebaute Images dürfen im Cluster nicht als root laufen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.1', 'CSVS-3.3', 'CL-2.1.1', 'CSC-2.1.1'],
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
      en: 'The Dockerfile and the manifest decide together who the process runs as; either alone can undo the other. An image is matched to a Dockerfile of the workspace when the last segment of its repository (ghcr.io/acme/shop-api:1.2 → shop-api) equals the Dockerfile\'s folder name, the name in its file name (Dockerfile.shop-api, shop-api.Dockerfile) or a name LABEL (org.opencontainers.image.title, name, image, app); official Docker Hub images only by file name or LABEL. When several Dockerfiles match, nothing is reported. A final stage without USER counts as root unless its base image is known to run as non-root.',
      de: 'Dockerfile und Manifest bestimmen gemeinsam, als wer der Prozess läuft; jedes allein kann das andere aushebeln. Ein Image wird einem Dockerfile des Arbeitsbereichs zugeordnet, wenn das letzte Segment seines Repositorys (ghcr.io/acme/shop-api:1.2 → shop-api) dem Ordnernamen des Dockerfiles, dem Namen in seinem Dateinamen (Dockerfile.shop-api, shop-api.Dockerfile) oder einem Namens-LABEL (org.opencontainers.image.title, name, image, app) entspricht; offizielle Docker-Hub-Images nur über Dateiname oder LABEL. Passen mehrere Dockerfiles, wird nichts gemeldet. Eine letzte Stufe ohne USER gilt als root, sofern ihr Basis-Image nicht bekanntermaßen ohne root läuft.',
    },
    fix: { en: 'Give the final stage a numeric non-root USER and set runAsNonRoot: true in the manifest.', de: 'Der letzten Stufe einen numerischen Nicht-root-USER geben und im Manifest runAsNonRoot: true setzen.' },
    bad: '# shop-api/Dockerfile\nFROM node:20\nCMD ["node", "server.js"]',
    good: '# shop-api/Dockerfile\nFROM node:20\nUSER 10001\nCMD ["node", "server.js"]',
  },
  fixable: false,
  collect,
  check(files) {
    const c = candidates(files);
    if (c.byDirectory.size === 0 && c.byExplicitName.size === 0) return [];
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
