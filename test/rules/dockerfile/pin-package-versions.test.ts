import { pinPackageVersions } from '../../../shared/src/rules/dockerfile/pin-package-versions';
import { ruleTester } from '../../rule-tester';

ruleTester(pinPackageVersions, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ./local.deb && rm -rf /var/lib/apt/lists/*',
    { name: 'apt: a target release, a -t value and a variable', code: 'FROM debian:12-slim\nRUN apt-get install -y -t bookworm-backports golang-go/bookworm-backports $EXTRA' },
    { name: 'apk: = and ~ pins, a virtual package name, local .apk files', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2 /tmp/x.apk' },
    { name: 'pip: specifiers, requirement and constraint files, local paths, wheels, VCS at a ref', code: 'FROM python:3.12-slim\nRUN pip install "flask>=3,<4" requests==2.32.3\nRUN pip install -r requirements.txt\nRUN pip install -c constraints.txt flask\nRUN pip install . && pip install ./pkg .[dev] dist/app-1.0-py3-none-any.whl git+https://github.com/x/y@v1.2\nRUN python -m pip install --no-cache-dir uvicorn~=0.30' },
    { name: 'npm: versions, scoped with a version, no operand, npm ci, a folder, a tarball, git at a commit', code: 'FROM node:20-slim\nRUN npm install express@4.19.2 @types/node@20 && npm install && npm ci\nRUN npm install ./lib pkg.tgz git+https://github.com/x/y.git#abc123 --registry https://npm.example.com' },
    { name: 'npm: hosted git shorthands at a commit or tag', code: 'FROM node:20-slim\nRUN npm install github:x/y#v1.2.0 gitlab:x/y#abc123 x/y#semver:^1.0' },
    { name: 'gem: name:version or -v', code: 'FROM ruby:3.3-slim\nRUN gem install rails:7.1.3 && gem install bundler -v 2.5.6 && gem install --no-document rake --version=13.2' },
    { name: 'dont-fire: other subcommands', code: 'FROM debian:12-slim\nRUN apt-get remove -y curl && apk del x && pip uninstall -y flask && npm run build && gem update --system' },
  ],
  invalid: [
    {
      name: 'apt-get, apt and apk',
      code: 'FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends curl ca-certificates=20230311\nRUN apt install -y git\nFROM alpine:3.20\nRUN apk add --no-cache bash',
      findings: [{ range: [1, 47, 1, 51], message: 'The apt package curl has no pinned version, so each build may install another one; write curl=<version>.' }, { range: [2, 19, 2, 22] }, { range: [4, 23, 4, 27], message: /apk package bash .* write bash=<version>/ }],
      output: null,
    },
    {
      name: 'pip, pip3 and python -m pip, an index URL skipped',
      code: 'FROM python:3.12-slim\nRUN pip install --upgrade pip && pip3 install --index-url https://pypi.example.com/simple flask\nRUN python3 -m pip install "uvicorn[standard]"',
      findings: [{ range: [1, 26, 1, 29], message: /write pip==<version>/ }, { range: [1, 90, 1, 95] }, { range: [2, 27, 2, 46] }],
      output: null,
    },
    {
      name: 'npm names, scoped names and git without a commit; gem without a version',
      code: 'FROM node:20-slim\nRUN npm install -g typescript @angular/cli git+https://github.com/x/y.git\nRUN gem install bundler',
      findings: [{ range: [1, 19, 1, 29], message: /npm package typescript .* typescript@<version>/ }, { range: [1, 30, 1, 42] }, { range: [1, 43, 1, 73], message: /write git\+https:\/\/github\.com\/x\/y\.git#<commit>/ }, { range: [2, 16, 2, 23], message: /write bundler:<version>/ }],
      output: null,
    },
  ],
});
