import { isDockerHub, type ImageReference } from '../facts/image-reference';

/** The distribution family an image is built on. */
export type DistroFamily = 'debian' | 'ubuntu' | 'alpine' | 'distroless' | 'scratch' | 'windows' | 'other';

/** Docker Hub official images built on Debian unless the tag names another variant. */
const DEBIAN_BASED = new Set([
  'debian', 'python', 'node', 'golang', 'openjdk', 'ruby', 'php', 'nginx', 'httpd', 'postgres', 'perl', 'rust',
  'buildpack-deps', 'redis', 'mongo', 'mariadb', 'rabbitmq', 'elixir', 'erlang', 'haskell', 'julia', 'r-base',
  'gcc', 'maven', 'gradle', 'tomcat', 'wordpress', 'composer', 'clojure', 'swift', 'memcached', 'haproxy', 'traefik',
]);
const UBUNTU_BASED = new Set(['ubuntu', 'eclipse-temurin', 'ibm-semeru-runtimes', 'sapmachine']);

const ARCH_PREFIX = /^(amd64|arm64v8|arm32v[5-7]|i386|ppc64le|s390x|riscv64|mips64le|windows-amd64)\//;

/** The Docker Hub repository with an architecture prefix (`amd64/alpine`) read as the official image (`library/alpine`). */
function officialName(ref: ImageReference): string {
  const name = ref.repository.toLowerCase();
  return isDockerHub(ref.registry) && ARCH_PREFIX.test(name) ? `library/${name.replace(ARCH_PREFIX, '')}` : name;
}

/** The distribution family of an image reference, judged from its name and tag. */
export function distroFamily(ref: ImageReference): DistroFamily {
  const name = officialName(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  const full = `${ref.registry}/${name}`;
  if (name === 'library/scratch' || name === 'scratch') return 'scratch';
  if (full.startsWith('gcr.io/distroless/') || full.startsWith('cgr.dev/chainguard/') || full.startsWith('cgr.dev/')) return 'distroless';
  if (/windows|nanoserver|servercore|ltsc\d{4}/.test(`${name}:${tag}`)) return 'windows';
  if (name === 'library/alpine' || /(^|[-_.])alpine/.test(tag)) return 'alpine';
  if (/chiseled|distroless/.test(tag)) return 'distroless';
  if (ref.registry === 'mcr.microsoft.com' && name.startsWith('dotnet/')) {
    return /noble|jammy|focal/.test(tag) ? 'ubuntu' : /azurelinux|mariner/.test(tag) ? 'other' : 'debian';
  }
  if (!isDockerHub(ref.registry)) return 'other';
  const short = name.replace(/^library\//, '');
  if (name.startsWith('library/') && UBUNTU_BASED.has(short)) return /ubi\d|centos|oracle/.test(tag) ? 'other' : 'ubuntu';
  if (name.startsWith('library/') && DEBIAN_BASED.has(short)) return /ubuntu|jammy|noble|focal|oracle|centos|rocky|ubi/.test(tag) ? 'other' : 'debian';
  return 'other';
}

/** Whether the image runs as a non-root user by default (distroless `:nonroot`, Chainguard). */
export function runsAsNonRootByDefault(ref: ImageReference): boolean {
  const tag = (ref.tag ?? '').toLowerCase();
  if (ref.registry === 'gcr.io' && ref.repository.startsWith('distroless/')) return tag.includes('nonroot');
  if (ref.registry === 'cgr.dev') return !tag.includes('dev');
  if (ref.registry === 'mcr.microsoft.com' && ref.repository.startsWith('dotnet/')) return /chiseled|distroless/.test(tag);
  return false;
}

/** A smaller variant suggested for a full image. */
export interface SlimSuggestion {
  /** Human-readable suggestion, e.g. `python:3.12-slim`. */
  readonly suggestion: string;
}

const VARIANT_MARKERS = /slim|alpine|distroless|minimal|nonroot|windows|nanoserver|servercore|\bjre\b|-jre|runtime/;

/** Full official images and how their smaller variant is spelled (`{tag}` is the written tag without suffix). */
const FAT_IMAGES: Readonly<Record<string, (tag: string) => string>> = {
  'library/python': (t) => `python:${t}-slim`,
  'library/node': (t) => `node:${t}-slim`,
  'library/debian': (t) => `debian:${t}-slim`,
  'library/ruby': (t) => `ruby:${t}-slim`,
  'library/perl': (t) => `perl:${t}-slim`,
  'library/rust': (t) => `rust:${t}-slim`,
  'library/php': (t) => `php:${t}-alpine`,
  'library/golang': () => 'gcr.io/distroless/static (build in an earlier stage)',
  'library/ubuntu': () => 'debian:<version>-slim or a distroless image',
  'library/openjdk': () => 'eclipse-temurin:<version>-jre',
  'library/eclipse-temurin': (t) => `eclipse-temurin:${t.replace(/-?jdk/, '') || '<version>'}-jre`,
  'library/maven': () => 'eclipse-temurin:<version>-jre (build in an earlier stage)',
  'library/gradle': () => 'eclipse-temurin:<version>-jre (build in an earlier stage)',
  'library/buildpack-deps': () => 'debian:<version>-slim',
  'library/gcc': () => 'debian:<version>-slim (build in an earlier stage)',
  'dotnet/sdk': () => 'mcr.microsoft.com/dotnet/aspnet or dotnet/runtime (build in an earlier stage)',
};

/** For a full image with a smaller variant, the suggestion; undefined for slim, unknown or variable images. */
export function slimVariant(ref: ImageReference): SlimSuggestion | undefined {
  if (ref.variable) return undefined;
  const repo = officialName(ref);
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const key = repo === 'dotnet/sdk' && ref.registry === 'mcr.microsoft.com' ? 'dotnet/sdk' : isDockerHub(ref.registry) ? repo : '';
  const suggest = FAT_IMAGES[key];
  if (!suggest || VARIANT_MARKERS.test(tag)) return undefined;
  if (repo === 'library/eclipse-temurin' && !tag.includes('jdk') && tag !== 'latest' && !/^\d+(\.\d+)*$/.test(tag)) return undefined;
  const base = tag === 'latest' ? '<version>' : tag.replace(/-(bookworm|bullseye|buster|trixie|stretch)$/, '');
  return { suggestion: suggest(base) };
}
