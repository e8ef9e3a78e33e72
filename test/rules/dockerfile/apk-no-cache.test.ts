import { apkNoCache } from '../../../shared/src/rules/dockerfile/apk-no-cache';
import { ruleTester } from '../../rule-tester';

ruleTester(apkNoCache, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/*',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl',
    'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20',
    'FROM alpine:3.20\nRUN apk del curl',
    { name: 'dont-fire: apk add --no-network reads no index, also run by xargs', code: 'FROM alpine:3.20\nRUN apk add --no-network .deps && scanelf --needed /usr/local | xargs -rt apk add --no-network --virtual .rundeps' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk update && apk add --virtual .deps curl',
      findings: [{ range: [1, 22, 1, 25], message: /--no-cache/ }],
      output: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache --virtual .deps curl',
    },
    {
      name: 'inherited stage',
      code: 'FROM alpine:3.20 AS base\nRUN apk add git\nFROM base\nCMD ["git"]',
      findings: [{ range: [1, 8, 1, 11] }],
      output: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache git\nFROM base\nCMD ["git"]',
    },
  ],
});
