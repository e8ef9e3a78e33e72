import { noDistUpgrade } from '../../../shared/src/rules/dockerfile/no-dist-upgrade';
import { ruleTester } from '../../rule-tester';

ruleTester(noDistUpgrade, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --only-upgrade openssl',
    'FROM alpine:3.20\nRUN apk add --no-cache --upgrade bash',
    'FROM fedora:40\nRUN dnf update -y openssl',
    'FROM debian:12-slim\nRUN pip install --upgrade pip',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get -y dist-upgrade',
      findings: [{ range: [1, 33, 1, 45], message: /^apt-get dist-upgrade upgrades every package/ }],
    },
    {
      name: 'apt upgrade, apk upgrade, yum update without packages',
      code: 'FROM debian:12-slim\nRUN apt upgrade -y\nRUN apk upgrade --no-cache\nRUN yum -y update',
      findings: [{ range: [1, 8, 1, 15] }, { range: [2, 8, 2, 15] }, { range: [3, 11, 3, 17] }],
    },
  ],
});
