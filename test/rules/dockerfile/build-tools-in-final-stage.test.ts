import { buildToolsInFinalStage } from '../../../shared/src/rules/dockerfile/build-tools-in-final-stage';
import { ruleTester } from '../../rule-tester';

ruleTester(buildToolsInFinalStage, {
  valid: [
    { name: 'multi-stage build', code: 'FROM debian:12 AS build\nRUN apt-get install -y gcc make\nFROM debian:12-slim\nCOPY --from=build /app /app' },
    { name: 'apk virtual group removed again', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps' },
    { name: 'purged again', code: 'FROM debian:12-slim\nRUN apt-get install -y gcc && make && apt-get purge -y gcc' },
    { name: 'apt-mark auto-remove pattern', code: 'FROM debian:12-slim\nRUN savedAptMark="$(apt-mark showmanual)"; apt-get install -y gcc; apt-mark auto \'.*\'; apt-get purge -y --auto-remove' },
    { name: 'curl used by HEALTHCHECK', code: 'FROM debian:12-slim\nRUN apt-get install -y curl\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1' },
    'FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends ca-certificates tini',
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev git',
      findings: [{ range: [1, 65, 1, 68], message: /build tool gcc/ }, { range: [1, 79, 1, 82], message: /git/ }],
    },
    {
      name: 'apk and yum, versions stripped',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache build-base make=4.4.1-r2\nRUN yum install -y wget',
      findings: [{ range: [1, 23, 1, 33] }, { range: [1, 34, 1, 47], message: /make/ }, { range: [2, 19, 2, 23] }],
    },
  ],
});
