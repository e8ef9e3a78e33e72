// Image tag completion: asks a registry only where allowed, and never waits for it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import { completeWithoutWaiting, inImageTag, tagLookups } from '../../server/src/dockerfile-completion';

/** A language service whose tag completion answers when `release` is called, counting the look-ups. */
function slowRegistry(): { service: DockerfileLanguageService; release: () => void; lookups: () => number } {
  let lookups = 0;
  let release = (): void => undefined;
  const service = {
    computeCompletionItems: (text: string): CompletionItem[] | PromiseLike<CompletionItem[]> => {
      if (!text.includes(':')) return [{ label: 'FROM baseImage' }];
      lookups++;
      return new Promise((resolve) => (release = () => resolve([{ label: '20-alpine' }])));
    },
  } as unknown as DockerfileLanguageService;
  return { service, release: () => release(), lookups: () => lookups };
}

describe('image tag completion', () => {
  it('knows where the tag of a FROM image is', () => {
    assert.equal(inImageTag('FROM node:20', { line: 0, character: 10 }), true);
    assert.equal(inImageTag('FROM node:20', { line: 0, character: 7 }), false);
    assert.equal(inImageTag('RUN node:20', { line: 0, character: 10 }), false);
  });

  it('not allowed: an empty list, no look-up', async () => {
    const fake = slowRegistry();
    const tags = tagLookups(async () => false);
    assert.deepEqual(await completeWithoutWaiting(fake.service, 'FROM node:', { line: 0, character: 10 }, 'file:///Dockerfile', tags), []);
    assert.equal(fake.lookups(), 0);
  });

  it('allowed: answers at once as incomplete, then with the tags that arrived; one look-up per place', async () => {
    const fake = slowRegistry();
    const tags = tagLookups(async () => true);
    const ask = () => completeWithoutWaiting(fake.service, 'FROM node:', { line: 0, character: 10 }, 'file:///Dockerfile', tags);
    assert.deepEqual(await ask(), { isIncomplete: true, items: [] });
    assert.deepEqual(await ask(), { isIncomplete: true, items: [] }, 'still waiting: no answer is held up');
    assert.equal(fake.lookups(), 1);
    fake.release();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(await ask(), [{ label: '20-alpine' }]);
    assert.equal(fake.lookups(), 1);
  });

  it('elsewhere in the file: the library answers as usual', async () => {
    const fake = slowRegistry();
    assert.deepEqual(await completeWithoutWaiting(fake.service, 'FR', { line: 0, character: 2 }, 'file:///Dockerfile', tagLookups(async () => false)), [{ label: 'FROM baseImage' }]);
  });
});
