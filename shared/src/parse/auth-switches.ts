/**
 * Environment switches of common images that turn authentication off. One table for Compose and
 * Kubernetes: the image vendors' documented variables and the values that take effect.
 */

interface AuthSwitch {
  /** Variable name, matched case-sensitively as the images read it. */
  readonly name: string;
  /** Whether a value takes effect. */
  readonly on: (value: string) => boolean;
  /** What the switch does, for messages (language-neutral). */
  readonly effect: string;
  /**
   * Bitnami's switches are read by servers and by their clients alike (wordpress's
   * ALLOW_EMPTY_PASSWORD is about its database connection): they count only on a server image.
   */
  readonly serverOnly?: boolean;
}

/** Images that serve data themselves, by the last segment of their repository. */
const SERVER_IMAGE = /(?:^|[-_])(?:redis|valkey|keydb|postgres(?:ql)?|mysql|mariadb|mongodb?|zookeeper|kafka|etcd|cassandra|memcached|elasticsearch|opensearch|rabbitmq|influxdb|neo4j|couchdb|clickhouse|minio|consul)(?:$|[-_])/;

const YES = (v: string): boolean => /^(yes|true|1|on)$/i.test(v);
// the MySQL and MariaDB entrypoints test for a non-empty value: even "no" switches it on
const NON_EMPTY = (v: string): boolean => v !== '';

const SWITCHES: readonly AuthSwitch[] = [
  { name: 'ALLOW_EMPTY_PASSWORD', on: YES, effect: 'an empty password', serverOnly: true },
  { name: 'ALLOW_ANONYMOUS_LOGIN', on: YES, effect: 'anonymous logins', serverOnly: true },
  { name: 'ALLOW_NONE_AUTHENTICATION', on: YES, effect: 'no authentication', serverOnly: true },
  { name: 'POSTGRES_HOST_AUTH_METHOD', on: (v) => /^trust$/i.test(v), effect: 'logins without a password (trust)' },
  { name: 'MYSQL_ALLOW_EMPTY_PASSWORD', on: NON_EMPTY, effect: 'an empty root password' },
  { name: 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', on: NON_EMPTY, effect: 'an empty root password' },
  { name: 'MARIADB_ALLOW_EMPTY_PASSWORD', on: NON_EMPTY, effect: 'an empty root password' },
  { name: 'NEO4J_AUTH', on: (v) => /^none$/i.test(v), effect: 'no authentication' },
  { name: 'xpack.security.enabled', on: (v) => /^false$/i.test(v), effect: 'no authentication (X-Pack security off)' },
  { name: 'DISABLE_SECURITY_PLUGIN', on: (v) => /^true$/i.test(v), effect: 'no authentication (security plugin off)' },
  { name: 'plugins.security.disabled', on: (v) => /^true$/i.test(v), effect: 'no authentication (security plugin off)' },
  { name: 'INFLUXDB_HTTP_AUTH_ENABLED', on: (v) => /^false$/i.test(v), effect: 'no authentication on the HTTP API' },
];

const BY_NAME = new Map(SWITCHES.map((s) => [s.name, s]));

/**
 * What an environment variable of a container running `image` switches off, or undefined when it
 * leaves authentication on, its value is not literal, or it concerns a client of a server.
 */
export function authDisablingSwitch(name: string, value: string | undefined, image: string | undefined): string | undefined {
  const s = BY_NAME.get(name.trim());
  if (!s || value === undefined || value.includes('$')) return undefined;
  if (s.serverOnly) {
    const repository = (image ?? '').trim().toLowerCase().replace(/[:@].*$/, '');
    if (!SERVER_IMAGE.test(repository.slice(repository.lastIndexOf('/') + 1))) return undefined;
  }
  return s.on(value.trim().replace(/^(["'])(.*)\1$/, '$2')) ? s.effect : undefined;
}
