import { noInsecureDownload } from '../../../shared/src/rules/dockerfile/no-insecure-download';
import { ruleTester } from '../../rule-tester';

ruleTester(noInsecureDownload, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSLo a.tgz https://example.com/a.tgz',
    'FROM debian:12-slim\nRUN curl -o k https://example.com/k',
    'FROM debian:12-slim\nRUN wget --no-verbose https://example.com/a',
    'FROM debian:12-slim\nENV GIT_SSL_NO_VERIFY=false NODE_TLS_REJECT_UNAUTHORIZED=1',
    'FROM debian:12-slim\nRUN pip install --index-url https://pypi.example.com/simple flask',
    'FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends ca-certificates',
    { name: 'apk --allow-untrusted of packages built in an earlier stage', code: 'FROM alpine:3.20 AS build\nRUN abuild -r\nFROM alpine:3.20\nCOPY --from=build /home/builder/packages/x86_64/*.apk /tmp/\nRUN apk add --no-cache --allow-untrusted /tmp/*.apk && rm /tmp/*.apk' },
    { name: 'apk --allow-untrusted of local packages named with variables (a bind mount from the build stage)', code: 'FROM nginx:1.27-alpine\nRUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder for m in $MODULES; do apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-${m}-${NGINX_VERSION}*.apk; done' },
    { name: 'apk --allow-untrusted of a download checked with gpg', code: 'FROM alpine:3.20\nRUN wget -q https://example.com/glibc.apk https://example.com/glibc.apk.sig && gpg --verify glibc.apk.sig glibc.apk && apk add --allow-untrusted glibc.apk' },
  ],
  invalid: [
    {
      name: 'curl -k in a group and wget --no-check-certificate',
      code: 'FROM debian:12-slim\nRUN curl -fsSLk https://a.example/x -o x && wget --no-check-certificate https://b.example/y',
      findings: [{ range: [1, 9, 1, 15], message: /^-fsSLk switches off/ }, { range: [1, 49, 1, 71] }],
      output: 'FROM debian:12-slim\nRUN curl -fsSLk https://a.example/x -o x && wget https://b.example/y',
    },
    {
      name: 'package managers',
      code: 'FROM debian:12-slim\nRUN apt-get install -y --allow-unauthenticated x && apt-get install --force-yes y\nRUN apk add --allow-untrusted z\nRUN yum install -y --nogpgcheck w\nRUN pip install --trusted-host pypi.example.com q',
      findings: [{ range: [1, 23, 1, 46] }, { range: [1, 68, 1, 79] }, { range: [2, 12, 2, 29] }, { range: [3, 19, 3, 31] }, { range: [4, 16, 4, 30] }],
      output: 'FROM debian:12-slim\nRUN apt-get install -y x && apt-get install --force-yes y\nRUN apk add z\nRUN yum install -y w\nRUN pip install --trusted-host pypi.example.com q',
    },
    {
      name: 'apk --allow-untrusted of an unverified download, a URL, or with a remote repository',
      code: 'FROM alpine:3.20\nRUN wget -q https://example.com/glibc.apk && apk add --allow-untrusted glibc.apk\nRUN apk add --allow-untrusted https://example.com/x.apk\nRUN apk add --allow-untrusted -X https://repo.example/main ./y.apk\nRUN apk add --allow-untrusted ${PKG_URL}/z.apk',
      findings: [{ range: [1, 53, 1, 70] }, { range: [2, 12, 2, 29] }, { range: [3, 12, 3, 29] }, { range: [4, 12, 4, 29] }],
      output: 'FROM alpine:3.20\nRUN wget -q https://example.com/glibc.apk && apk add glibc.apk\nRUN apk add https://example.com/x.apk\nRUN apk add -X https://repo.example/main ./y.apk\nRUN apk add ${PKG_URL}/z.apk',
    },
    {
      name: 'npm strict-ssl, git sslVerify and variables',
      code: 'FROM node:20-slim\nRUN npm config set strict-ssl false && git config --global http.sslVerify false\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN GIT_SSL_NO_VERIFY=1 git clone https://git.example/r',
      findings: [{ range: [1, 19, 1, 29] }, { range: [1, 59, 1, 73] }, { range: [2, 4, 2, 32], message: /NODE_TLS_REJECT_UNAUTHORIZED switches off/ }, { range: [3, 4, 3, 23] }],
    },
    {
      name: 'a flag alone on its continuation line goes with the line; a quoted one stays',
      code: 'FROM debian:12-slim\n# fetch the tools\nRUN curl --insecure -o /x https://a.example/x \\\n && rpm -i --nosignature /x\nRUN wget \\\n      --no-check-certificate \\\n      https://b.example/y && curl "-k" https://c.example/z\n',
      findings: [{ range: [2, 9, 2, 19] }, { range: [3, 11, 3, 24] }, { range: [5, 6, 5, 28] }, { range: [6, 34, 6, 38] }],
      output: 'FROM debian:12-slim\n# fetch the tools\nRUN curl -o /x https://a.example/x \\\n && rpm -i /x\nRUN wget \\\n      https://b.example/y && curl "-k" https://c.example/z\n',
    },
  ],
});
