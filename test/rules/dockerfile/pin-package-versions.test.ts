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
    { name: 'yum, dnf, microdnf: -<version>[-<release>], .rpm files and URLs, groups, module streams', code: 'FROM rockylinux:9\nRUN yum install -y tomcat-9.2 httpd-2.4.57-5.el9 python3-pip-21.3.1 /tmp/app-1.rpm https://example.com/epel-release-latest-9.noarch.rpm @development\nRUN dnf -y --setopt=install_weak_deps=0 install nginx-1:1.20.1-14.el9 && dnf module install -y nodejs:20/minimal && dnf group install -y "Development Tools"\nRUN microdnf install --nodocs shadow-utils-2:4.9-8.el9 && tdnf install -y curl-8.6.0' },
    { name: 'zypper: =, >=, <, .rpm files; in and install', code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install -y curl=8.6.0 "git>=2.43" "vim<10" ./x-1.0.rpm && zypper -n in -y tar=1.34' },
    { name: 'dont-fire: other rpm subcommands', code: 'FROM fedora:40\nRUN dnf remove -y curl && yum update -y && zypper refresh && microdnf clean all && dnf module enable -y nodejs' },
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
    {
      name: 'yum and dnf: a name with a dash is no pin (python3-pip), a version part must start with a digit; microdnf',
      code: 'FROM rockylinux:9\nRUN yum install -y tomcat python3-pip java-devel && yum clean all\nRUN dnf install -y --enablerepo crb nginx && microdnf install -y jq',
      findings: [
        { range: [1, 19, 1, 25], message: 'The yum package tomcat has no pinned version, so each build may install another one; write tomcat-<version>.' },
        { range: [1, 26, 1, 37], message: /yum package python3-pip .* python3-pip-<version>/ },
        { range: [1, 38, 1, 48] },
        { range: [2, 36, 2, 41], message: /dnf package nginx .* nginx-<version>/ },
        { range: [2, 65, 2, 67], message: /microdnf package jq/ },
      ],
      output: null,
    },
    {
      name: 'a dnf module without its stream; zypper install and in',
      code: 'FROM fedora:40\nRUN dnf module install -y nodejs\nFROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper -n in git-core',
      findings: [
        { range: [1, 26, 1, 32], message: /dnf package nodejs .* write nodejs:<stream>/ },
        { range: [3, 22, 3, 26], message: 'The zypper package curl has no pinned version, so each build may install another one; write curl=<version>.' },
        { range: [3, 43, 3, 51] },
      ],
      output: null,
    },
  ],
});
