/**
 * The Dockerfile language features of one server (dockerfile-language-service), decided at
 * initialize: off when the client says `dockerfileLanguageFeatures: false`, else on.
 */
import type { ClientCapabilities, Diagnostic, ServerCapabilities } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import type { Result } from '../../shared/src/types';
import type { ServerContext } from './context';
import { tagLookups } from './dockerfile-completion';
import { registerDockerfileFeatures } from './dockerfile-features';
import { createDockerfileService, dockerfileCapabilities, dockerfileText } from './dockerfile-service';
import { dockerfileDiagnostics } from './dockerfile-validation';

/** What the server wiring asks of the Dockerfile features. */
export interface DockerfileSide {
  /** The language service while the features are on. */
  service(): DockerfileLanguageService | undefined;
  /** Turns the features on: registers the handlers and returns their capabilities. */
  start(ctx: ServerContext, caps: ClientCapabilities, tagsAllowed: (uri: string) => Promise<boolean>): ServerCapabilities;
  /** dockerfile-utils' diagnostics of an open Dockerfile (cached per version); none while off. */
  diagnostics(document: TextDocument, results: readonly Result[]): Diagnostic[];
  forget(uri: string): void;
}

/** A Dockerfile side that is off until {@link DockerfileSide.start}. */
export function createDockerfileSide(): DockerfileSide {
  let service: DockerfileLanguageService | undefined;
  const validated = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  return {
    service: () => service,
    start(ctx, caps, tagsAllowed) {
      service = createDockerfileService(caps, ctx.log);
      registerDockerfileFeatures(ctx, service, tagLookups(tagsAllowed));
      return dockerfileCapabilities(caps);
    },
    diagnostics(document, results) {
      const text = service && dockerfileText(document);
      if (!service || text === undefined) return [];
      const known = validated.get(document.uri);
      if (known?.version === document.version) return known.diagnostics;
      const found = dockerfileDiagnostics(service, text, results);
      validated.set(document.uri, { version: document.version, diagnostics: found });
      return found;
    },
    forget: (uri) => void validated.delete(uri),
  };
}
