import type { Localized } from '../types';

/** What in a repository proves a checklist item: files (by path) with a line matching a pattern. */
export interface EvidenceProbe {
  readonly id: string;
  /** What the match shows, as the report says it after the location. */
  readonly what: Localized;
  /** Paths (relative to the repository root) the probe reads. */
  readonly path: RegExp;
  /** A line that proves it; absent: the file's existence does (line 1). */
  readonly line?: RegExp;
}

const CI = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$|(?:^|\/)action\.ya?ml$|(?:^|\/)[^/]*\.gitlab-ci\.ya?ml$|(?:^|\/)\.gitlab\/.+\.ya?ml$|(?:^|\/)Jenkinsfile$|(?:^|\/)\.circleci\/config\.ya?ml$|(?:^|\/)azure-pipelines\.ya?ml$|(?:^|\/)bitbucket-pipelines\.ya?ml$|(?:^|\/)\.tekton\/.+\.ya?ml$/i;
const YAML = /\.ya?ml$/i;

/** Paths of CI configuration: a repository with none of them has its pipeline elsewhere. */
export const CI_PATH = CI;

const p = (id: string, en: string, de: string, path: RegExp, line?: RegExp): EvidenceProbe => ({ id, what: { en, de }, path, ...(line ? { line } : {}) });

/** The probes, by id. */
export const PROBES: Readonly<Record<string, EvidenceProbe>> = Object.fromEntries(
  [
    p('dependabot', 'Dependabot updates', 'Dependabot-Aktualisierungen', /(?:^|\/)\.github\/dependabot\.ya?ml$/i, /package-ecosystem\s*:\s*["']?(?:docker|github-actions|npm|pip|maven|gradle|gomod|cargo|nuget|bundler|composer)/),
    p('renovate', 'Renovate updates', 'Renovate-Aktualisierungen', /(?:^|\/)(?:renovate\.json5?|\.renovaterc(?:\.json)?|\.github\/renovate\.json5?)$/i),
    p('image-scan', 'image scan', 'Image-Scan', CI, /aquasecurity\/trivy-action|anchore\/scan-action|\btrivy\s+(?:image|i)\b|\bgrype\b|snyk\s+container|snyk\/actions\/docker|docker\s+scout\s+cves|docker\/scout-action|\bclair|\bxray\b/i),
    p('scan-threshold', 'scan fails on CRITICAL', 'Scan scheitert an CRITICAL', CI, /(?:exit-code["']?\s*[:=]\s*["']?[1-9]|--exit-code[ =][1-9]|--fail-on[ =]|fail-build\s*:\s*true|--severity-threshold)/i),
    p('dependency-scan', 'dependency scan', 'Abhängigkeits-Scan', CI, /dependency-check|dependency-review-action|\bnpm\s+audit\b|\bpip-audit\b|\bsafety\s+check\b|osv-scanner|\bsnyk\s+test\b|trivy\s+fs\b|scan-type\s*:\s*["']?fs|\bgovulncheck\b|cargo\s+audit/i),
    p('registry-scan', 'scheduled scan', 'zeitgesteuerter Scan', CI, /^\s*(?:-\s*)?cron\s*:|^\s*schedule\s*:/),
    p('sign', 'image signing', 'Image-Signatur', CI, /\bcosign\s+sign\b|sigstore\/cosign-installer|\bnotation\s+sign\b|actions\/attest-build-provenance/i),
    p('verify', 'signature verification', 'Signaturprüfung', /./, /\bverifyImages\s*:|\bcosign\s+verify\b|kind:\s*ClusterImagePolicy|policy\.sigstore\.dev|connaisseur|ratify|\bnotation\s+verify\b/i),
    p('sbom', 'SBOM / provenance', 'SBOM / Provenienz', CI, /\bsbom\s*:\s*["']?true|\bprovenance\s*:\s*["']?(?:true|mode)|anchore\/sbom-action|\bsyft\b|cyclonedx|--format\s+spdx|trivy\s+sbom|attest-build-provenance|--sbom|--provenance/i),
    p('oci-source', 'OCI source label', 'OCI-Quell-Label', /(?:^|\/)(?:[^/]*\.)?(?:Docker|Container)file(?:\.[^/]*)?$/i, /org\.opencontainers\.image\.source/),
    p('sast', 'SAST', 'SAST', CI, /github\/codeql-action|\bsemgrep\b|returntocorp\/semgrep|sonarsource|sonar-scanner|\bbandit\b|\bgosec\b|\bbrakeman\b|snyk\s+code|horusec|njsscan/i),
    p('dast', 'DAST', 'DAST', CI, /zaproxy\/|\bzap-(?:baseline|full-scan|api-scan)|owasp\/zap|\bnuclei\b|\bnikto\b|stackhawk/i),
    p('container-tests', 'container security tests', 'Container-Sicherheitstests', CI, /\bbollwerk\b|\bhadolint\b|kube-linter|\bconftest\b|\bcheckov\b|\bkubesec\b|\bpolaris\b|\bkics\b|trivy\s+config|scan-type\s*:\s*["']?config|dockle|container-structure-test/i),
    p('cis', 'CIS benchmark checks', 'CIS-Benchmark-Prüfung', /./, /kube-bench|docker-bench-security|\bkubescape\b|trivy\s+k8s.*--compliance|cis-benchmark/i),
    p('mesh-mtls', 'mesh mTLS', 'Mesh-mTLS', YAML, /mode\s*:\s*STRICT|linkerd\.io\/inject\s*:\s*["']?enabled/),
    p('secret-store', 'secrets manager', 'Secrets-Manager', /./, /secrets-store\.csi|external-secrets\.io|kind:\s*(?:ExternalSecret|SecretStore|ClusterSecretStore|SealedSecret)\b|bitnami\.com\/v1alpha1|^sops\s*:|creation_rules\s*:/),
    p('falco', 'runtime monitoring', 'Laufzeitüberwachung', /./, /\bfalco\b|tetragon|kind:\s*TracingPolicy|^-\s*rule\s*:/i),
    p('falco-shell', 'Falco rule: shell in container', 'Falco-Regel: Shell im Container', YAML, /rule\s*:.*(?:shell|Terminal)|spawned_process.*shell_procs/i),
    p('falco-sensitive', 'Falco rule: sensitive file read', 'Falco-Regel: Lesen sensibler Dateien', YAML, /rule\s*:.*(?:sensitive|\/etc\/shadow)|sensitive_files/i),
    p('falco-priv', 'Falco rule: privilege escalation', 'Falco-Regel: Rechteausweitung', YAML, /rule\s*:.*(?:privilege|privileged)|container\.privileged\s*=\s*true/i),
    p('falco-network', 'Falco rule: unexpected network', 'Falco-Regel: unerwartete Netzwerkverbindung', YAML, /rule\s*:.*(?:outbound|network|connection)/i),
    p('falco-miner', 'Falco rule: crypto miner', 'Falco-Regel: Krypto-Miner', YAML, /rule\s*:.*(?:miner|mining|crypto)/i),
    p('falco-kubectl', 'Falco rule: kubectl in container', 'Falco-Regel: kubectl im Container', YAML, /rule\s*:.*kubectl|proc\.name\s*=\s*kubectl/i),
    p('git', 'tracked by git', 'von git verwaltet', /(?:^|\/)\.git(?:ignore|attributes)$|^\.git\/HEAD$/),
    p('helm-kustomize', 'Helm or Kustomize', 'Helm oder Kustomize', /(?:^|\/)(?:Chart\.ya?ml|kustomization\.ya?ml|Kustomization)$/),
    p('monitoring', 'Prometheus monitoring', 'Prometheus-Überwachung', YAML, /kind:\s*(?:ServiceMonitor|PodMonitor)\b|scrape_configs\s*:/),
    p('alerts', 'alert rules', 'Alarmregeln', YAML, /kind:\s*PrometheusRule\b|^\s*-?\s*alert\s*:/),
    p('sbom-scan', 'SBOM scanned', 'SBOM gescannt', CI, /trivy\s+sbom|grype\s+sbom:|scan-type\s*:\s*["']?sbom|\bsbom\s*:\s*.*\.(?:spdx|cdx)/i),
    p('environments', 'deployment environments', 'Deployment-Umgebungen', CI, /^\s+environment\s*:|^\s+deployment\s*:\s*["']?true/),
    p('cni-policy', 'Calico / Cilium policies', 'Calico-/Cilium-Richtlinien', YAML, /kind:\s*(?:CiliumNetworkPolicy|CiliumClusterwideNetworkPolicy|GlobalNetworkPolicy)\b|projectcalico\.org\//),
    p('deploy-verify', 'verified before deploy', 'vor dem Deployment geprüft', CI, /\bcosign\s+verify\b|\bnotation\s+verify\b/i),
  ].map((x) => [x.id, x]),
);

/** The `evidence` declarations: for each checklist item, the probes any one of which decides it. */
export const EVIDENCE: Readonly<Record<string, readonly string[]>> = {
  'CL-1.2.1': ['dependabot', 'renovate'],
  'CL-4.1.3': ['dependabot', 'renovate'],
  'CL-1.2.3': ['dependency-scan'],
  'CL-1.3.1': ['image-scan'],
  'CL-1.3.2': ['scan-threshold'],
  'CL-1.3.3': ['scan-threshold'],
  'CL-1.3.4': ['registry-scan'],
  'CL-1.3.5': ['sign'],
  'CL-2.3.3': ['mesh-mtls'],
  'CL-2.3.4': ['mesh-mtls'],
  'CL-3.1.3': ['secret-store'],
  'CL-4.2.1': ['sast'],
  'CL-4.2.2': ['dast'],
  'CL-4.2.3': ['container-tests'],
  'CL-4.2.4': ['cis'],
  'CL-4.3.4': ['sbom', 'oci-source'],
  'CL-5.1.1': ['falco'],
  'CSVS-3.7': ['verify'],
  'ART-1.7': ['image-scan'],
  'ART-1.8': ['scan-threshold'],
  'ART-1.9': ['sign'],
  'ART-1.10': ['verify'],
  'ART-1.11': ['sbom'],
  'ART-1.12': ['sbom-scan'],
  'ART-2.2': ['image-scan'],
  'ART-2.3': ['verify'],
  'ART-4.1': ['falco-shell'],
  'ART-4.2': ['falco-priv'],
  'ART-4.3': ['falco-sensitive'],
  'ART-4.4': ['falco-network'],
  'ART-4.5': ['falco-miner'],
  'ART-4.6': ['falco-kubectl'],
  'CSC-1.1.1': ['image-scan'],
  'CSC-1.1.2': ['registry-scan'],
  'CSC-1.1.3': ['dependabot', 'renovate'],
  'CSC-1.2.2': ['verify'],
  'CSC-3.1.1': ['git'],
  'CSC-3.1.2': ['helm-kustomize'],
  'CSC-3.2.1': ['image-scan', 'container-tests', 'sast'],
  'CSC-4.2.1': ['monitoring'],
  'CSC-4.2.2': ['alerts'],
  'CL-4.1.5': ['environments'],
  'CL-5.1.4': ['falco-network'],
  'CL-7.1.1': ['image-scan'],
  'CL-7.1.2': ['falco'],
  'CL-7.1.3': ['cis'],
  'CL-7.1.4': ['cni-policy'],
  'CL-7.1.5': ['secret-store'],
  'ART-2.7': ['verify'],
  'POL-5.2.1': ['monitoring', 'falco'],
  'CSC-2.2.2': ['monitoring'],
  'OTC-C7': ['image-scan', 'sbom'],
  'OTC-C8': ['falco'],
  'OTC-C9': ['cis'],
};
