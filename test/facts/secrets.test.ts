import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secretVerdict, type SecretKind } from '../../shared/src/facts/secrets';
import { runMain, workspace } from '../cli/helpers';
import { lintFile, rangeAfter, rangeOf, type Seen } from './kinds';

/** What a variable is: a secret by its value's shape (the kind), by its name ('name'), or none. */
type Verdict = SecretKind | 'name' | 'none';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq4\n-----END RSA PRIVATE KEY-----\n';
const GCP = '{"type": "service_account", "project_id": "shop", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n-----END PRIVATE KEY-----\\n"}';
const AZURE = `DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${'Zm9vYmFy'.repeat(11)};EndpointSuffix=core.windows.net`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

/**
 * One row per variable: its name, its literal value and the verdict. Each row runs through the
 * rules of every kind that can hold it: Dockerfile `ENV k=v`, `ENV k v` and `ARG k=v`
 * (dockerfile/no-secrets-in-env), Compose `environment:` in map and list form and `build.args`
 * (compose/secrets-in-environment), Kubernetes env values and ConfigMap data (k8s/secret-literal-env).
 */
const ROWS: readonly (readonly [string, string, Verdict])[] = [
  ['DB_PASSWORD', 's3cr3t-Hunter2', 'name'],
  ['dbPassword', 'hunter2pass', 'name'],
  ['MASTER_KEY', '9f8e7d6c5b4a39281', 'name'],
  ['GITHUB_TOKEN', 'tok-abc123def', 'name'],
  ['api_key', 'k-2b9c4d', 'name'],
  ['apiKey', 'k-2b9c4d', 'name'],
  ['APIKEY', 'k-2b9c4d', 'name'],
  ['MYSQL_ROOT_PASSWORD', 'rootpw', 'name'],
  ['REDIS_PASS', 'x9y8', 'name'],
  ['SESSION_SECRET', 'keyboard-cat', 'name'],
  ['client_secret', 'cs-77', 'name'],
  ['DB_PASSWORD', '12345', 'none'],
  ['DB_PASSWORD', '123456', 'name'],
  ['DOMAINPASS', 'Password1', 'name'],
  ['LDAP_PASSWORDS', 'password1,password2', 'name'],
  ['MONGODB_REPLICA_SET_KEY', 'replicasetkey123', 'name'],
  ['PASSWORD_FILE', '/run/secrets/db', 'none'],
  ['CACHE_KEY', 'users-by-id', 'none'],
  ['CONNECT_KEY_CONVERTER', 'io.confluent.connect.avro.AvroConverter', 'none'],
  ['matchKey', 'clusterName', 'none'],
  ['ssl.key', 'certs/elasticsearch-key.pem', 'none'],
  ['LDAP_ROOTPASS', 'fsociety', 'name'],
  ['PROXY_BYPASS', 'internal.example.com', 'none'],
  ['secret.html', '<html><body>hi</body></html>', 'none'],
  ['api-token-secret-namespace', 'default', 'none'],
  ['TOKEN_URL', 'https://auth.example.com/token', 'none'],
  ['KEY_PATH', 'keys/app.pem', 'none'],
  ['PASSWORD_MIN_LENGTH', '12', 'none'],
  ['GPG_KEY', '0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D', 'none'],
  ['PUBLIC_KEY', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO', 'none'],
  ['MYSQL_ALLOW_EMPTY_PASSWORD', 'yes', 'none'],
  ['INSTALL_SSHPASS', 'sshpass-1.10', 'none'],
  ['TOKENIZER', 'bert', 'none'],
  ['MAX_NEW_TOKENS', 'unlimited', 'none'],
  ['NUM_KEYS', 'many', 'none'],
  ['SORT_KEY', 'name', 'none'],
  ['PWD', '/app', 'none'],
  ['DB_PASSWORD', '${DB_PASSWORD}', 'none'],
  ['DB_PASSWORD', '<your-password>', 'none'],
  ['API_TOKEN', '', 'none'],
  ['JWT_SECRET', 'false', 'none'],
  ['DATABASE_URL', 'postgres://app:pa55word@db:5432/app', 'connection'],
  ['CACHE', 'redis://:s3cret@cache:6379/0', 'connection'],
  ['DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db/app', 'none'],
  ['DATABASE_URL', 'postgres://app@db/app', 'none'],
  ['AWS_ACCESS_KEY_ID', 'AKIAZ3Q7M2XW5R8T4Y6N', 'aws'],
  ['STS', 'ASIAZ3Q7M2XW5R8T4Y6N', 'aws'],
  ['GCP_SA', GCP, 'gcp'],
  ['STORAGE', AZURE, 'azure'],
  ['TLS', PEM, 'privateKey'],
  ['SESSION', JWT, 'jwt'],
  ['GH', `ghp_${'a1B2'.repeat(9)}`, 'token'],
  ['GL', 'glpat-Ab3dEf5hIj7lMn9pQr1t', 'token'],
  ['SLACK', 'xoxb-123456789012-abcdefghij', 'token'],
  ['HOOK', 'https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx', 'token'],
];

const finding = (rule: string, uri: string, range: Seen['range']): Seen => ({ rule, uri, range });

/** Every form a row takes in each kind, with the findings expected when it is a secret. */
function cases(name: string, value: string, verdict: Verdict): { label: string; run: () => Seen[]; expected: Seen[] }[] {
  const out: { label: string; run: () => Seen[]; expected: Seen[] }[] = [];
  const secret = verdict !== 'none';
  const docker = `'${value.replace(/\n/g, '\\n')}'`;
  const dockerfile = (line: string, at: Seen['range']): void => {
    const text = `FROM alpine:3.20\n${line}\n`;
    out.push({ label: `Dockerfile ${line.slice(0, 60)}`, run: () => lintFile(['dockerfile/no-secrets-in-env'], 'Dockerfile', text), expected: secret ? [finding('dockerfile/no-secrets-in-env', 'Dockerfile', at)] : [] });
  };
  for (const keyword of ['ENV', 'ARG']) {
    const line = `${keyword} ${name}=${docker}`;
    dockerfile(line, verdict === 'name' ? rangeAfter(`\n${line}`, `${keyword} `, name) : rangeAfter(`\n${line}`, `${name}=`, docker));
  }
  if (/^[^\s'"\\$]+$/.test(value)) {
    const line = `ENV ${name} ${value}`;
    dockerfile(line, verdict === 'name' ? rangeAfter(`\n${line}`, 'ENV ', name) : rangeAfter(`\n${line}`, `${name} `, value));
  }
  const yaml = JSON.stringify(value);
  const compose = (text: string, at: Seen['range']): void => {
    out.push({ label: `Compose ${text.split('\n').slice(3).join(' ').slice(0, 60)}`, run: () => lintFile(['compose/secrets-in-environment'], 'compose.yaml', text), expected: secret ? [finding('compose/secrets-in-environment', 'compose.yaml', at)] : [] });
  };
  const map = `services:\n  app:\n    image: a:1\n    environment:\n      ${name}: ${yaml}\n`;
  compose(map, rangeAfter(map, '      ', name));
  const item = JSON.stringify(`${name}=${value}`);
  const list = `services:\n  app:\n    image: a:1\n    environment:\n      - ${item}\n`;
  compose(list, rangeAfter(list, '- ', item));
  const args = `services:\n  app:\n    image: a:1\n    build:\n      context: .\n      args:\n        ${name}: ${yaml}\n`;
  compose(args, rangeAfter(args, '        ', name));
  const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: a:1\n    env:\n    - name: ${name}\n      value: ${yaml}\n`;
  const podSecret = secret && value !== '';
  out.push({ label: 'Kubernetes env value', run: () => lintFile(['k8s/secret-literal-env'], 'pod.yaml', pod), expected: podSecret ? [finding('k8s/secret-literal-env', 'pod.yaml', rangeAfter(pod, 'value: ', yaml))] : [] });
  const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  ${name}: ${yaml}\n`;
  out.push({ label: 'Kubernetes ConfigMap data', run: () => lintFile(['k8s/secret-literal-env'], 'cm.yaml', configMap), expected: secret ? [finding('k8s/secret-literal-env', 'cm.yaml', rangeOf(configMap, name, 0))] : [] });
  return out;
}

describe('facts/secrets: one verdict for every name and value, in every kind', () => {
  for (const [name, value, verdict] of ROWS) {
    describe(`${name}=${JSON.stringify(value).slice(0, 50)} is ${verdict === 'none' ? 'no secret' : `a secret by its ${verdict === 'name' ? 'name' : `value (${verdict})`}`}`, () => {
      it('the fact itself', () => {
        const found = secretVerdict(name, value);
        assert.equal(found === undefined ? 'none' : found.by === 'value' ? found.kind : 'name', verdict);
      });
      for (const c of cases(name, value, verdict)) it(c.label, () => assert.deepEqual(c.run(), c.expected));
    });
  }
});

describe('facts/secrets: no report format prints a secret value', () => {
  const all = ROWS.filter(([, , verdict]) => verdict !== 'none').map(([name, value]) => [name, value] as const);
  const files = {
    Dockerfile: `FROM alpine:3.20\n${all.map(([n, v]) => `ENV ${n}='${v.replace(/\n/g, '\\n')}'`).join('\n')}\n`,
    'compose.yaml': `services:\n  app:\n    image: a:1\n    environment:\n${all.map(([n, v]) => `      ${n}: ${JSON.stringify(v)}`).join('\n')}\n`,
    'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n${all.map(([n, v], k) => `  ${n}${k}: ${JSON.stringify(v)}`).join('\n')}\n`,
  };
  /** The distinctive part of each value (digits alone appear in any report): what a leak would show. */
  const leaks = all.map(([, v]) => v.replace(/^-----BEGIN [A-Z ]+-----\n?/, '').slice(0, 12)).filter((v) => v.length >= 5 && !/^\d+$/.test(v));
  const runs: readonly (readonly string[])[] = [
    ['--format', 'text'], ['--format', 'json'], ['--format', 'sarif'],
    ['checklist', '--format', 'text'], ['checklist', '--format', 'json'], ['checklist', '--format', 'markdown'], ['checklist', '--format', 'html'],
  ];
  for (const args of runs) {
    it(`bollwerk ${args.join(' ')}`, async () => {
      const dir = workspace(files);
      const [first, ...rest] = args;
      const run = await runMain(first === 'checklist' ? ['checklist', dir, ...rest] : [dir, ...args, '--fail-on', 'never']);
      assert.equal(run.stderr, '');
      assert.match(run.stdout, /no-secrets-in-env|secrets-in-environment|secret-literal-env|CL-3\.1\.1/);
      for (const leak of leaks) assert.ok(!run.stdout.includes(leak), `${args.join(' ')} prints ${leak}`);
    });
  }
});
