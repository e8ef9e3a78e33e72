/**
 * Base images whose configuration already names a non-root user (`config.User` of the image), so
 * that a stage built on them runs as that user without a USER of its own. Each entry cites where
 * its vendor sets the user (documentation or the image's Dockerfile); an image not listed here is
 * taken to run as root, as the OCI default is.
 */

import { isDockerHub, type ImageReference } from './image-reference';

/** One family of images that run as a non-root user by default. */
export interface NonRootImage {
  /** A short name for the family, e.g. `distroless nonroot`. */
  readonly family: string;
  /** Registry hosts the images are served from (`docker.io` stands for Docker Hub under any alias). */
  readonly registries: readonly string[];
  /** The repository path, as resolved (`library/…` for official Hub images). */
  readonly repository: RegExp;
  /** The tags that run as the user (a missing tag is `latest`); every tag when absent. */
  readonly tag?: RegExp;
  /** Tags that run as root although the repository matches. */
  readonly exceptTag?: RegExp;
  /** The user the image's configuration sets (`config.User`), usable in a USER instruction on that image. */
  readonly user: string;
  /** Where the vendor sets that user. */
  readonly source: string;
}

const RED_HAT = ['registry.access.redhat.com', 'registry.redhat.io'];

/** The table: vendor images that run as a non-root user, each with its source. */
export const NON_ROOT_IMAGES: readonly NonRootImage[] = [
  {
    family: 'distroless nonroot',
    registries: ['gcr.io'],
    repository: /^distroless\/[^/]+$/,
    tag: /(?:^|-)nonroot(?:-|$)/,
    user: '65532',
    source: 'https://github.com/GoogleContainerTools/distroless/blob/main/README.md',
  },
  {
    family: 'Chainguard',
    registries: ['cgr.dev'],
    repository: /^[^/]+\/(?:static|glibc-dynamic|python|node|jre|nginx)$/,
    // the -dev variants add a shell and apk and may switch back to root
    exceptTag: /(?:^|-)dev(?:-|$)/,
    user: '65532',
    source: 'https://github.com/chainguard-images/images/blob/main/BEST_PRACTICES.md',
  },
  {
    family: '.NET chiseled and distroless',
    registries: ['mcr.microsoft.com'],
    repository: /^dotnet\/(?:nightly\/)?(?:runtime-deps|runtime|aspnet)$/,
    tag: /chiseled|distroless/,
    user: '1654',
    source: 'https://github.com/dotnet/dotnet-docker/blob/main/documentation/ubuntu-chiseled.md',
  },
  {
    family: 'NGINX unprivileged',
    registries: ['docker.io', 'ghcr.io'],
    repository: /^nginxinc\/nginx-unprivileged$/,
    user: '101',
    source: 'https://github.com/nginxinc/docker-nginx-unprivileged/blob/main/mainline/debian/Dockerfile',
  },
  {
    family: 'Bitnami',
    registries: ['docker.io'],
    // minideb is Bitnami's Debian base image and runs as root
    repository: /^bitnami\/(?!minideb$)[^/]+$/,
    user: '1001',
    source: 'https://docs.bitnami.com/tutorials/work-with-non-root-containers/',
  },
  {
    family: 'Red Hat UBI S2I',
    registries: RED_HAT,
    repository: /^(?:ubi8|ubi9|ubi10)\/(?:nodejs|python|ruby|php|perl)-\d+(?:-minimal)?$/,
    user: '1001',
    source: 'https://github.com/sclorg/s2i-nodejs-container/blob/master/20/Dockerfile.ubi9',
  },
  {
    family: 'Red Hat UBI OpenJDK',
    registries: RED_HAT,
    repository: /^(?:ubi8|ubi9)\/openjdk-\d+(?:-runtime)?$/,
    user: '185',
    source: 'https://github.com/jboss-container-images/openjdk/blob/ubi9/ubi9-openjdk-17.yaml',
  },
  {
    family: 'Elasticsearch',
    registries: ['docker.elastic.co'],
    repository: /^elasticsearch\/elasticsearch$/,
    user: '1000:0',
    source: 'https://github.com/elastic/elasticsearch/blob/main/distribution/docker/src/docker/Dockerfile',
  },
  {
    family: 'Kibana',
    registries: ['docker.elastic.co'],
    repository: /^kibana\/kibana$/,
    user: '1000',
    source: 'https://github.com/elastic/kibana/blob/main/src/dev/build/tasks/os_packages/docker_generator/templates/base/Dockerfile',
  },
  {
    family: 'Logstash',
    registries: ['docker.elastic.co'],
    repository: /^logstash\/logstash$/,
    user: '1000',
    source: 'https://github.com/elastic/logstash/blob/main/docker/templates/Dockerfile.erb',
  },
  {
    family: 'Grafana',
    registries: ['docker.io'],
    repository: /^grafana\/(?:grafana|grafana-oss|grafana-enterprise)$/,
    user: '472',
    source: 'https://github.com/grafana/grafana/blob/main/Dockerfile',
  },
  {
    family: 'Jenkins',
    registries: ['docker.io'],
    repository: /^jenkins\/(?:jenkins|agent|inbound-agent)$/,
    user: 'jenkins',
    source: 'https://github.com/jenkinsci/docker/blob/master/debian/Dockerfile',
  },
  {
    family: 'Keycloak',
    registries: ['quay.io'],
    repository: /^keycloak\/keycloak$/,
    user: '1000',
    source: 'https://github.com/keycloak/keycloak/blob/main/quarkus/container/Dockerfile',
  },
  {
    family: 'Prometheus',
    registries: ['docker.io', 'quay.io'],
    repository: /^prom(?:etheus)?\/(?:prometheus|alertmanager|node-exporter)$/,
    user: 'nobody',
    source: 'https://github.com/prometheus/prometheus/blob/main/Dockerfile',
  },
];

function servedFrom(entry: NonRootImage, registry: string): boolean {
  const host = registry.toLowerCase();
  return entry.registries.some((r) => (r === 'docker.io' ? isDockerHub(host) : r === host));
}

/** The table entry an image reference matches (by registry, repository and tag), if any. */
export function nonRootImage(ref: ImageReference, table: readonly NonRootImage[] = NON_ROOT_IMAGES): NonRootImage | undefined {
  if (ref.variable) return undefined;
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const repository = ref.repository.toLowerCase();
  return table.find(
    (e) => servedFrom(e, ref.registry) && e.repository.test(repository) && (!e.tag || (ref.tag !== null && e.tag.test(tag))) && !e.exceptTag?.test(tag),
  );
}
