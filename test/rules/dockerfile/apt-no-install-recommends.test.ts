import { aptNoInstallRecommends } from '../../../shared/src/rules/dockerfile/apt-no-install-recommends';
import { ruleTester } from '../../rule-tester';

ruleTester(aptNoInstallRecommends, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    'FROM debian:12-slim\nRUN apt-get -o APT::Install-Recommends=false install -y curl',
    'FROM debian:12-slim\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/no-rec\nRUN apt-get install -y curl',
    { name: 'a build stage that does not ship', code: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12-slim\nCOPY --from=build /x /x' },
    'FROM debian:12-slim\nRUN apt-get remove -y curl',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl',
      findings: [{ range: [1, 30, 1, 37], message: /--no-install-recommends/ }],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl',
    },
    {
      name: 'continuation lines, options before the subcommand, sudo and apt',
      code: 'FROM ubuntu:24.04\nRUN apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get -qq install -y \\\n      curl \\\n && sudo apt install -y git',
      findings: [{ range: [2, 47, 2, 54] }, { range: [4, 13, 4, 20] }],
      output: 'FROM ubuntu:24.04\nRUN apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get -qq install --no-install-recommends -y \\\n      curl \\\n && sudo apt install --no-install-recommends -y git',
    },
    {
      name: 'exec form gets a JSON element',
      code: 'FROM debian:12-slim\nRUN ["apt-get", "install", "-y", "curl"]',
      findings: [{ range: [1, 16, 1, 25] }],
      output: 'FROM debian:12-slim\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]',
    },
    {
      name: 'heredoc script',
      code: 'FROM debian:12-slim\nRUN <<EOF\nset -e\napt-get install -y curl\nEOF',
      findings: [{ range: [3, 8, 3, 15] }],
      output: 'FROM debian:12-slim\nRUN <<EOF\nset -e\napt-get install --no-install-recommends -y curl\nEOF',
    },
  ],
});
