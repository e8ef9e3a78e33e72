import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintText } from '../../../shared/src/lint';
import { DOCKERFILE_RULES } from '../../../shared/src/rules/dockerfile';
import { applyEdits, lineIndex } from '../../../shared/src/text';

const FRAGMENTS = [
  'FROM python:3.12', 'FROM alpine AS b', 'FROM b', 'FROM ${X}', 'FROM scratch', 'FROM gcr.io/distroless/base', 'FROM --platform=$P node:20-alpine',
  'RUN apt-get update && apt-get install -y curl', 'RUN apk add git', 'RUN pip install x', 'RUN curl -fsSL u | sh', 'RUN cd /x && make',
  'RUN <<EOF', 'EOF', 'apt-get install -y gcc', 'RUN ["apt-get", "install", "x"]', 'RUN sudo chmod 777 /a \\', '  && wget --no-check-certificate u',
  'USER root', 'USER 0', 'USER app', 'CMD node a.js', 'ENTRYPOINT ["x"]', 'CMD ["y"]', 'ENV DB_PASSWORD=x1', 'ARG TOKEN=abc', 'EXPOSE 22',
  'COPY . .', 'COPY --from=b /a /a', 'COPY .env /', 'ADD https://e.x/a.tgz /', 'ADD a /a', 'HEALTHCHECK NONE', '# comment', '', '\\', '"', "'unclosed",
  'RUN useradd -u 1 app', 'RUN echo $(curl x) | bash', 'ONBUILD RUN x', 'RUN apt-get install -y x # c',
];

test('Dockerfile rules on generated files: no exception, ranges inside, fixes remove their finding', () => {
  const config = { ...DEFAULT_CONFIG, level: 'L3' as const, trustedRegistries: ['docker.io'] };
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      const text = lines.join(eol);
      const errors: string[] = [];
      const lint = (t: string) => lintText('file:///f/Dockerfile', t, { config, rules: DOCKERFILE_RULES, kind: 'dockerfile', hasDockerignore: false, log: (m) => errors.push(m) }).results;
      const results = lint(text);
      assert.deepEqual(errors, []);
      const index = lineIndex(text);
      for (const r of results) {
        for (const p of [r.range.start, r.range.end]) assert.ok(p.line < index.lineCount && p.character <= index.lineText(p.line).length, `${r.ruleId} range outside`);
        if (!r.fix) continue;
        const fixed = applyEdits(text, r.fix.edits, index);
        const count = (x: typeof results) => x.filter((y) => y.ruleId === r.ruleId).length;
        assert.ok(count(lint(fixed)) < count(results), `fix of ${r.ruleId} leaves its finding in ${JSON.stringify(text)}`);
      }
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
  );
});
