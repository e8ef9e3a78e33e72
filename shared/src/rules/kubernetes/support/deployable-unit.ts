/**
 * The deployable unit a manifest belongs to, from its path alone (the core reads no file system):
 * a Helm chart (the folder above `templates/`), a kustomization tree (the folder holding `base/`
 * and `overlays/`, or the folder of a `kustomization.yaml` the scan holds), else the manifest's
 * folder, above the folders that only sort manifests (`k8s/`, `deployments/`, `network-policies/` …).
 * A unit's NetworkPolicies cover the workloads of its folder tree.
 */

/** Folder names that sort an application's manifests rather than name an application. */
const SORTING_FOLDER = /^(?:k8s|kube|kubernetes|manifests?|deploy(?:ments?)?|resources|yamls?|workloads?|services?|statefulsets?|daemonsets?|jobs?|cronjobs?|rbac|security|polic(?:y|ies)|network-?polic(?:y|ies)|netpols?)$/i;

/** The folder of a `file:` URI (without the trailing slash). */
export const folderOf = (uri: string): string => uri.slice(0, uri.lastIndexOf('/'));

const segmentsOf = (folder: string): string[] => folder.split('/');

/**
 * The unit's root folder for a manifest. `kustomizations`: folders that hold a Kustomization of
 * the scan, so that a tree of them (base and overlays) counts as one unit.
 */
export function unitRoot(uri: string, kustomizations: ReadonlySet<string>): string {
  const parts = segmentsOf(folderOf(uri));
  const templates = parts.lastIndexOf('templates');
  if (templates > 0) return parts.slice(0, templates).join('/');
  // the highest folder of a kustomization tree: where base/ and overlays/ meet
  for (let k = parts.length; k > 0; k--) {
    const folder = parts.slice(0, k).join('/');
    if (!kustomizations.has(folder)) continue;
    const name = parts[k - 1];
    if (name === 'base' || name === 'bases') return parts.slice(0, k - 1).join('/');
    const overlays = parts.lastIndexOf('overlays', k - 1);
    if (overlays > 0) return parts.slice(0, overlays).join('/');
  }
  let end = parts.length;
  while (end > 1 && SORTING_FOLDER.test(parts[end - 1]!)) end--;
  return parts.slice(0, end).join('/');
}

/**
 * The units whose folder tree holds the unit `unit`: itself, then every folder above it (each
 * prefix that ends before a slash), nearest first.
 */
export function enclosingUnits(unit: string): string[] {
  const out = [unit];
  for (let i = unit.lastIndexOf('/'); i >= 0; i = unit.lastIndexOf('/', i - 1)) {
    out.push(unit.slice(0, i));
    if (i === 0) break;
  }
  return out;
}
