/**
 * Completion for Dockerfiles without network surprises: dockerfile-language-service completes a
 * FROM image's tag by asking Docker Hub. That look-up happens only where registry look-ups are allowed
 * (pinning enabled in a trusted workspace), and it never holds up an answer: the first request
 * answers at once with an incomplete, empty list and starts the look-up; the editor asks again as the
 * user types and then gets the tags that have arrived.
 */
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver';
import { DockerfileParser } from 'dockerfile-ast';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import { comparePositions } from '../../shared/src/text';
import type { Range } from '../../shared/src/types';

/** Whether a document may reach a registry for tag completion. */
export interface TagLookups {
  allowed(uri: string): Promise<boolean>;
  /** Tag lists that arrived, by document, line text and character. */
  readonly arrived: Map<string, CompletionItem[]>;
  /** Look-ups under way, by the same key. */
  readonly pending: Set<string>;
}

/** A fresh {@link TagLookups} over a permission check. */
export function tagLookups(allowed: (uri: string) => Promise<boolean>): TagLookups {
  return { allowed, arrived: new Map(), pending: new Set() };
}

const inside = (p: Position, r: Range | null): boolean => r !== null && comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;

/** True when the position is in the tag of a FROM image, where the library would ask a registry. */
export function inImageTag(text: string, position: Position): boolean {
  try {
    return DockerfileParser.parse(text)
      .getFROMs()
      .some((from) => inside(position, from.getImageTagRange()));
  } catch {
    return false;
  }
}

/** Most tag lists kept; the oldest goes first. */
const MAX_ARRIVED = 50;

/** The library's completion; registry tags only when allowed, and never waited for. */
export async function completeWithoutWaiting(service: DockerfileLanguageService, text: string, position: Position, uri: string, tags: TagLookups): Promise<CompletionList | CompletionItem[]> {
  if (!inImageTag(text, position)) return service.computeCompletionItems(text, position) as CompletionItem[];
  if (!(await tags.allowed(uri))) return [];
  const key = `${uri}\n${text.split(/\r?\n/)[position.line] ?? ''}\n${position.character}`;
  const ready = tags.arrived.get(key);
  if (ready) return ready;
  if (!tags.pending.has(key)) {
    tags.pending.add(key);
    void Promise.resolve(service.computeCompletionItems(text, position))
      .then((items) => {
        tags.arrived.set(key, items);
        if (tags.arrived.size > MAX_ARRIVED) tags.arrived.delete(tags.arrived.keys().next().value!);
      })
      .catch(() => undefined)
      .finally(() => tags.pending.delete(key));
  }
  return { isIncomplete: true, items: [] };
}
