import { expandedArguments } from '../../../facts/dockerfile-variables';
import { userPart, userVerdict } from '../../../facts/root-user';
import { hasVariable } from '../../../facts/variables';
import { stageUser, type DockerfileFile, type Stage } from '../../../parse/dockerfile';
import { parseImageReference } from '../../../facts/image-reference';
import { runsAsNonRootByDefault } from '../../../parse/images';

/** The user an image built from a Dockerfile runs as. */
export type ImageUser =
  | { readonly kind: 'root'; readonly explicit: boolean }
  | { readonly kind: 'numeric'; readonly uid: string }
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'unknown' };

const NAME_LABELS = new Set(['org.opencontainers.image.title', 'name', 'image', 'app']);

function userOfStage(file: DockerfileFile, stage: Stage): ImageUser {
  const { user: last, stage: end } = stageUser(file, stage);
  if (!last) {
    if (end.image === null || hasVariable(end.image, 'dockerfile')) return { kind: 'unknown' };
    return runsAsNonRootByDefault(parseImageReference(end.image)) ? { kind: 'unknown' } : { kind: 'root', explicit: false };
  }
  const spec = expandedArguments(file, end, last);
  const verdict = spec === undefined ? 'unknown' : userVerdict(spec);
  if (spec === undefined || verdict === 'unknown') return { kind: 'unknown' };
  if (verdict === 'root') return { kind: 'root', explicit: true };
  const user = userPart(spec);
  return /^\d+$/.test(user) ? { kind: 'numeric', uid: user } : { kind: 'named', name: user };
}

/** The user of the final stage, following `FROM <stage>` chains; absent USER means root unless the base image says otherwise. */
export function finalUser(file: DockerfileFile): ImageUser {
  return file.finalStage ? userOfStage(file, file.finalStage) : { kind: 'unknown' };
}

/** The image names a Dockerfile declares for itself in a name LABEL (`org.opencontainers.image.title`, `name`, `image`, `app`), last path segment, lower-cased. */
export function labelledImageNames(file: DockerfileFile): Set<string> {
  const names = new Set<string>();
  for (const i of file.instructions) {
    if (i.keyword !== 'LABEL') continue;
    for (const p of i.getProperties()) {
      const value = p.getValue();
      if (NAME_LABELS.has(p.getName().toLowerCase()) && value) {
        const v = value.toLowerCase();
        names.add(v.slice(v.lastIndexOf('/') + 1).replace(/[:@].*$/, ''));
      }
    }
  }
  return names;
}
