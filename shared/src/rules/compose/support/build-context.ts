import { URI, Utils } from 'vscode-uri';
import { hasVariable } from '../../../facts/variables';

/** A URI in the form vscode-uri writes it; the text itself when it cannot be encoded (lone surrogates). */
export const normalize = (uri: string): string => {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
};

/**
 * The Dockerfile a service builds, as a URI relative to the Compose file; undefined for remote or
 * inline builds, and for paths no URI can hold (lone surrogates make encodeURIComponent throw).
 */
export function dockerfileUri(composeUri: string, context: string, dockerfile: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\/|^git@|\.git(#|$)/i.test(context) || hasVariable(context, 'compose') || hasVariable(dockerfile, 'compose')) return undefined;
  try {
    const base = Utils.dirname(URI.parse(composeUri));
    const contextUri = context.startsWith('/') ? base.with({ path: context }) : Utils.resolvePath(base, context);
    const file = dockerfile.startsWith('/') ? contextUri.with({ path: dockerfile }) : Utils.resolvePath(contextUri, dockerfile);
    return file.toString();
  } catch {
    return undefined;
  }
}
