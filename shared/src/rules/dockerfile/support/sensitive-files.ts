const NAMES = new Set(['.env', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', '.npmrc', '.pypirc', '.netrc', '.git-credentials', '.aws', '.ssh', '.kube', 'kubeconfig', '.htpasswd', '.dockercfg', 'credentials']);
const EXAMPLE = /\.(example|sample|template|dist|tpl|defaults?)$/i;
const PUBLIC_PEM = /cert|(^|[^a-z])ca([^a-z]|$)|chain|bundle|pub|public|crt/i;

/** Why a path names a sensitive file, or undefined. */
export function sensitiveName(path: string): string | undefined {
  const clean = path.replace(/\/+$/, '');
  const segments = clean.split('/');
  const base = (segments[segments.length - 1] ?? '').toLowerCase();
  if (base.includes('$') || EXAMPLE.test(base) || /dhparam|ffdhe|\.pub$|public/.test(base)) return undefined;
  if (NAMES.has(base) || /^\.env\.[a-z0-9_-]+$/.test(base) || /^id_(rsa|dsa|ecdsa|ed25519)$/.test(base)) return base;
  if (segments.slice(0, -1).some((s) => s === '.aws' || s === '.ssh' || s === '.kube') && !base.endsWith('.pub')) return base;
  if (base === 'config.json' && segments.includes('.docker')) return base;
  if (/\.(key|p12|pfx|jks|keystore)$/.test(base)) return base;
  if (base.endsWith('.pem') && (/key|priv/.test(base) || !PUBLIC_PEM.test(base))) return base;
  return undefined;
}
