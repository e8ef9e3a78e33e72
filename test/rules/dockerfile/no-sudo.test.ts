import { noSudo } from '../../../shared/src/rules/dockerfile/no-sudo';
import { ruleTester } from '../../rule-tester';

ruleTester(noSudo, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends sudo',
    'FROM debian:12-slim\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" > /tmp/sudoers.example',
    'FROM debian:12-slim\nCMD sudo -u app run',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN sudo apt-get update && DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y curl',
      findings: [{ range: [1, 4, 1, 8], message: /sudo in a build step/ }, { range: [1, 58, 1, 62] }],
    },
    {
      name: 'inside if and a heredoc',
      code: 'FROM debian:12-slim\nRUN if true; then sudo make install; fi\nRUN <<EOF\nsudo ls\nEOF',
      findings: [{ range: [1, 18, 1, 22] }, { range: [3, 0, 3, 4] }],
    },
  ],
});
