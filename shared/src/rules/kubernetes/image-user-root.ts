import { defineWorkspaceRule } from '../../define';
import { containerName, effective, podSpecs, type ContainerRef } from '../../parse/kubernetes';
import type { DockerfileFile } from '../../parse/dockerfile';
import { mapPair, scalarBool, scalarString } from '../../parse/yaml';
import type { ParsedFile, RawFinding, YamlFile } from '../../types';
import { findingOn, valueRange } from './support/findings';
import { dockerfileImageNames, finalUser, type ImageUser } from './support/dockerfile-user';
import { imageBaseName, isTemplatedImage } from './support/image';

/** Dockerfiles of the scan by the image names they are likely published under. */
function dockerfilesByName(files: readonly ParsedFile[]): Map<string, DockerfileFile[]> {
  const byName = new Map<string, DockerfileFile[]>();
  for (const f of files) {
    if (f.kind !== 'dockerfile') continue;
    for (const name of dockerfileImageNames(f)) byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  return byName;
}

const shortPath = (uri: string): string => decodeURIComponent(uri.replace(/^file:\/\//, '')).split('/').slice(-2).join('/');

function checkContainer(c: ContainerRef, user: ImageUser, dockerfile: string, uri: string): RawFinding | undefined {
  const imagePair = mapPair(c.node, 'image');
  const nonRoot = effective(c, ['runAsNonRoot']);
  const runAsUser = effective(c, ['runAsUser']);
  const uid = scalarString(runAsUser?.node);
  const args = { container: containerName(c), dockerfile };
  if (user.kind === 'root' && imagePair) {
    if (scalarBool(nonRoot?.node) === true || (uid !== undefined && uid !== '0')) return undefined;
    return findingOn(c.pod.object, valueRange(c.pod.document, imagePair), { uri, args });
  }
  if (user.kind === 'numeric' && runAsUser && uid === '0') {
    return findingOn(c.pod.object, valueRange(c.pod.document, runAsUser.pair), { uri, messageId: 'override', args: { ...args, uid: user.uid } });
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
 * `name`, `image`, `app`). When several Dockerfiles match, the rule reports nothing.
 */
export const imageUserRoot = defineWorkspaceRule({
  id: 'k8s/image-user-root',
  kind: 'kubernetes',
  scope: 'workspace',
  title: { en: 'Images built here must not run as root in the cluster', de: 'Hier gebaute Images dürfen im Cluster nicht als root laufen' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
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
      en: 'The Dockerfile and the manifest decide together who the process runs as; either alone can undo the other.',
      de: 'Dockerfile und Manifest bestimmen gemeinsam, als wer der Prozess läuft; jedes allein kann das andere aushebeln.',
    },
    fix: { en: 'Give the final stage a numeric non-root USER and set runAsNonRoot: true in the manifest.', de: 'Der letzten Stufe einen numerischen Nicht-root-USER geben und im Manifest runAsNonRoot: true setzen.' },
    bad: '# shop-api/Dockerfile\nFROM node:20\nCMD ["node", "server.js"]',
    good: '# shop-api/Dockerfile\nFROM node:20\nUSER 10001\nCMD ["node", "server.js"]',
  },
  fixable: false,
  check(files) {
    const byName = dockerfilesByName(files);
    if (byName.size === 0) return [];
    const out: RawFinding[] = [];
    for (const file of files.filter((f): f is YamlFile => f.kind === 'kubernetes')) {
      for (const pod of podSpecs(file)) {
        for (const c of pod.containers) {
          const image = scalarString(mapPair(c.node, 'image')?.value);
          if (image === undefined || isTemplatedImage(image)) continue;
          const matches = byName.get(imageBaseName(image)) ?? [];
          if (matches.length !== 1) continue;
          const f = checkContainer(c, finalUser(matches[0]!), shortPath(matches[0]!.uri), file.uri);
          if (f) out.push(f);
        }
      }
    }
    return out;
  },
});
