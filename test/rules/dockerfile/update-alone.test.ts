import { updateAlone } from '../../../shared/src/rules/dockerfile/update-alone';
import { ruleTester } from '../../rule-tester';

ruleTester(updateAlone, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    { name: 'an update with an upgrade reads the fresh index', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get -y upgrade' },
    { name: 'apk --update add and apk add --no-cache', code: 'FROM alpine:3.20\nRUN apk --update add curl && apk add --no-cache git' },
    { name: 'dont-fire: yum update upgrades packages (no-dist-upgrade\'s concern)', code: 'FROM rockylinux:9\nRUN yum -y update' },
    { name: 'dont-fire: apt-get update -y with sudo and an install', code: 'FROM ubuntu:24.04\nRUN sudo apt-get update -y && sudo apt-get install -y make' },
    { name: 'dont-fire: the install run by xargs', code: 'FROM ubuntu:24.04\nRUN apt-get update --yes && dpkg -l | grep ^ii | cut -d" " -f3 | xargs -r apt-get install --yes --no-install-recommends --reinstall' },
  ],
  invalid: [
    {
      name: 'an update alone, joined to the install of the next RUN',
      code: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n',
      findings: [{ range: [1, 4, 1, 18], message: /^apt-get update stands in a RUN that installs nothing/ }],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    },
    {
      name: 'the next RUN keeps its cache mount; apk update -q',
      code: 'FROM alpine:3.20\nRUN apk update -q\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
      findings: [{ range: [1, 4, 1, 14] }],
      output: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk update -q && apk add curl\n',
    },
    {
      name: 'no fix: the RUN does more than the update, or the next instruction is no install',
      code: 'FROM debian:12-slim\nRUN apt-get update && echo done\nRUN apt-get install -y curl\nFROM debian:12-slim\nRUN apt-get update\nCOPY . /app\nRUN apt-get install -y make\n',
      findings: [{ range: [1, 4, 1, 18] }, { range: [4, 4, 4, 18] }],
      output: null,
    },
  ],
});
