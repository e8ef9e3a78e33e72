import { sshPrivateKey } from '../../../shared/src/rules/dockerfile/ssh-private-key';
import { ruleTester } from '../../rule-tester';

ruleTester(sshPrivateKey, {
  valid: [
    { name: 'public material into .ssh', code: 'FROM alpine:3.20\nCOPY authorized_keys known_hosts ssh_config.conf /home/app/.ssh/\nCOPY deploy.pub /root/.ssh/id_ed25519.pub' },
    { name: 'a build-time SSH mount', code: 'FROM alpine:3.20\nRUN --mount=type=ssh git clone git@github.com:acme/lib.git' },
    { name: 'a key in a build stage that never ships', code: 'FROM alpine:3.20 AS fetch\nCOPY deploy_key /root/.ssh/id_rsa\nRUN git clone git@github.com:acme/lib.git /lib\nFROM alpine:3.20\nCOPY --from=fetch /lib /lib' },
    { name: 'reported by copy-sensitive-files by its source name', code: 'FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa' },
    { name: 'reading, not making keys', code: 'FROM alpine:3.20\nRUN ssh-keygen -l -f /etc/ssh/ssh_host_ed25519_key.pub && ssh-keyscan github.com > /root/.ssh/known_hosts' },
  ],
  invalid: [
    {
      name: 'copied under a private key name, or into .ssh and /etc/ssh',
      code: 'FROM alpine:3.20\nCOPY deploy_key /root/.ssh/id_ed25519\nCOPY ci/github /home/app/.ssh/\nCOPY keys/ssh_host_rsa_key /etc/ssh/\nCOPY --from=build /build/keys/ /root/.ssh/',
      findings: [
        { range: [1, 5, 1, 15], message: 'COPY puts the SSH private key deploy_key into an image layer, where everyone who can pull the image can read it; use RUN --mount=type=ssh (or type=secret) at build time.' },
        { range: [2, 5, 2, 14] },
        { range: [3, 5, 3, 26] },
        { range: [4, 18, 4, 30] },
      ],
    },
    {
      name: 'written by a RUN, or generated',
      code: 'FROM debian:12-slim\nRUN mkdir -p /root/.ssh && echo "$KEY" > /root/.ssh/id_rsa && chmod 600 /root/.ssh/id_rsa\nRUN ssh-keygen -t ed25519 -N "" -f /root/.ssh/id_ed25519',
      findings: [
        { range: [1, 41, 1, 58], message: /^This RUN writes the SSH private key id_rsa into the layer/ },
        { range: [2, 4, 2, 14], message: /^ssh-keygen creates a private key in the image/ },
      ],
    },
  ],
});
