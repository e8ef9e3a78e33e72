import { noInsecureDownload } from '../../../shared/src/rules/dockerfile/no-insecure-download';
import { ruleTester } from '../../rule-tester';

ruleTester(noInsecureDownload, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSLo a.tgz https://example.com/a.tgz',
    'FROM debian:12-slim\nRUN curl -o k https://example.com/k',
    'FROM debian:12-slim\nRUN wget --no-verbose https://example.com/a',
    'FROM debian:12-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1',
    { name: 'an escaped quote is part of the value: 0" is not 0', code: 'FROM debian:12-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED="0\\"" PYTHONHTTPSVERIFY="0\\"" NPM_CONFIG_STRICT_SSL="false\\""' },
    { name: 'an ARG without a value does not set the variable', code: 'FROM debian:12-slim\nARG GIT_SSL_NO_VERIFY' },
    { name: 'npm install of packages named strict-ssl and false', code: 'FROM node:20-slim\nRUN npm install strict-ssl false' },
    { name: 'yum-config-manager enabling verification', code: 'FROM rockylinux:9\nRUN yum-config-manager --setopt=epel.sslverify=1 --setopt=gpgcheck=1 --save && npm config set strict-ssl=true' },
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
      name: 'GIT_SSL_NO_VERIFY set to any value, empty included (git only asks whether it is set)',
      code: 'FROM debian:12-slim\nENV GIT_SSL_NO_VERIFY=0\nENV GIT_SSL_NO_VERIFY=false\nENV GIT_SSL_NO_VERIFY=""\nARG GIT_SSL_NO_VERIFY=\nRUN GIT_SSL_NO_VERIFY= git clone https://git.example/r',
      findings: [{ range: [1, 4, 1, 21] }, { range: [2, 4, 2, 21] }, { range: [3, 4, 3, 21] }, { range: [4, 4, 4, 21] }, { range: [5, 4, 5, 22] }],
      output: null,
    },
    {
      name: 'yum-config-manager and yum config-manager turning sslverify off',
      code: 'FROM rockylinux:9\nRUN yum-config-manager --setopt=epel.sslverify=0 --save\nRUN yum config-manager --setopt=epel.sslverify=false',
      findings: [{ range: [1, 23, 1, 48], message: /^--setopt switches off/ }, { range: [2, 23, 2, 52] }],
      output: null,
    },
    {
      name: 'strict-ssl false as npm set and as an option of an install',
      code: 'FROM node:20-slim\nRUN npm set strict-ssl false\nRUN npm install --strict-ssl false left-pad',
      findings: [{ range: [1, 12, 1, 22] }, { range: [2, 16, 2, 28] }],
      output: null,
    },
    {
      name: 'a flag alone on its continuation line goes with the line; a quoted one stays',
      code: 'FROM debian:12-slim\n# fetch the tools\nRUN curl --insecure -o /x https://a.example/x \\\n && rpm -i --nosignature /x\nRUN wget \\\n      --no-check-certificate \\\n      https://b.example/y && curl "-k" https://c.example/z\n',
      findings: [{ range: [2, 9, 2, 19] }, { range: [3, 11, 3, 24] }, { range: [5, 6, 5, 28] }, { range: [6, 34, 6, 38] }],
      output: 'FROM debian:12-slim\n# fetch the tools\nRUN curl -o /x https://a.example/x \\\n && rpm -i /x\nRUN wget \\\n      https://b.example/y && curl "-k" https://c.example/z\n',
    },
    {
      name: 'npm config set key=value, and gpgcheck turned off through --setopt',
      code: 'FROM rockylinux:9\nRUN npm config set strict-ssl=false\nRUN dnf config-manager --setopt=gpgcheck=0 --save && yum-config-manager --setopt=epel.repo_gpgcheck=False --save',
      findings: [{ range: [1, 19, 1, 35], message: /^strict-ssl switches off/ }, { range: [2, 23, 2, 42] }, { range: [2, 72, 2, 105] }],
      output: null,
    },
  ],
});
