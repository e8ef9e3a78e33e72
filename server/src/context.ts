import { ResponseError, type ClientCapabilities, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import type { DocsLinks } from './docs-location';
import type { Service } from './service';
import type { SettingsCache } from './settings';

/** Wraps a handler: an error is logged and answered with `fallback`; LSP errors (cancellations) pass through. */
export type Safe = <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>) => (...args: A) => Promise<R>;

/** Creates the {@link Safe} wrapper of one server. */
export function createSafe(log: (m: string) => void): Safe {
  return (name, fallback, fn) =>
    async (...args) => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        log(`${name} failed: ${(e as Error | undefined)?.stack ?? String(e)}`);
        return fallback;
      }
    };
}

/** What the handler modules share; owned by one createServer closure. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: Service;
  readonly settings: SettingsCache;
  readonly safe: Safe;
  /** The client's capabilities (known after initialize). */
  caps(): ClientCapabilities;
  /** True when the client pulls diagnostics (LSP 3.17). */
  pull(): boolean;
  trusted(): boolean;
  /** dockerfile-language-service when the Dockerfile language features are on. */
  dockerfile(): DockerfileLanguageService | undefined;
  /** Where hovers link the rule documentation. */
  docs(): DocsLinks;
  log(message: string): void;
}
