const WORKFLOW_PATH = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const ACTION_NAME = /^action\.ya?ml$/i;
const GITLAB_NAME = /^\.gitlab-ci\.ya?ml$/i;
/** Files GitLab pipelines include by convention: `<name>.gitlab-ci.yml` anywhere, any YAML below `.gitlab/ci/`. */
const GITLAB_INCLUDE = /(?:^|\/)[^/]+\.gitlab-ci\.ya?ml$|(?:^|\/)\.gitlab\/ci\/(?:[^/]+\/)*[^/]+\.ya?ml$/i;

/**
 * True when the path alone says CI pipeline: a GitHub Actions workflow (`.github/workflows/*.yml`),
 * a composite action (`action.yml`), the GitLab CI root file (`.gitlab-ci.yml`) or a file it
 * conventionally includes (`build.gitlab-ci.yml`, `.gitlab/ci/*.yml`).
 */
export function isPipelinePath(path: string): boolean {
  const clean = path.replace(/[?#].*$/, '');
  const name = clean.slice(clean.lastIndexOf('/') + 1);
  return WORKFLOW_PATH.test(clean) || ACTION_NAME.test(name) || GITLAB_NAME.test(name) || GITLAB_INCLUDE.test(clean);
}

/**
 * The CI system a pipeline path belongs to: GitHub for workflow and action paths, GitLab for the
 * rest (GitLab's conventional names, and any file a `.gitlab-ci.yml` includes locally).
 */
export function pipelineSystem(path: string): 'github' | 'gitlab' {
  const clean = path.replace(/[?#].*$/, '');
  return WORKFLOW_PATH.test(clean) || ACTION_NAME.test(clean.slice(clean.lastIndexOf('/') + 1)) ? 'github' : 'gitlab';
}
