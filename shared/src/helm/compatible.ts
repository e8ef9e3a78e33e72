// Helm's chartutil.IsCompatibleRange over the Masterminds semver port of the Sprig module.
import { parseConstraints, parseVersion, satisfies } from './sprig/semver';

/** True when the version satisfies the constraint; false when either does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return satisfies(parseVersion(version), parseConstraints(constraint));
  } catch {
    return false;
  }
}
