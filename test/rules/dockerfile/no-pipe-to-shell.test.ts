import { noPipeToShell } from '../../../shared/src/rules/dockerfile/no-pipe-to-shell';
import { ruleTester } from '../../rule-tester';

ruleTester(noPipeToShell, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSLo install.sh https://example.com/install.sh && sh install.sh',
    'FROM debian:12-slim\nRUN curl -fsSL https://example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/x.gpg',
    'FROM debian:12-slim\nRUN curl -fsSL https://example.com/a.json | python3 -c "import json,sys; print(json.load(sys.stdin))"',
    'FROM debian:12-slim\nRUN curl -fsSL -o /usr/local/bin/tool https://example.com/tool | bash',
    'FROM debian:12-slim\nRUN wget https://example.com/a.sh | sh',
    'FROM debian:12-slim\nRUN echo hi | sh',
    'FROM debian:12-slim\nRUN curl -fsSL https://example.com/a.sh | bash ./local.sh',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh | sh',
      findings: [{ range: [1, 48, 1, 50], message: /runs directly in sh/ }],
    },
    {
      name: 'wget -O -, sudo bash -s, continuation',
      code: 'FROM debian:12-slim\nRUN wget -qO- https://example.com/i.sh \\\n  | sudo bash -s -- 1.2.3',
      findings: [{ range: [2, 9, 2, 13], message: /in bash/ }],
    },
    {
      name: 'command substitution and process substitution',
      code: 'FROM debian:12-slim\nRUN sh -c "$(curl -fsSL https://example.com/i.sh)"\nRUN bash <(wget -O- https://example.com/x)',
      findings: [{ range: [1, 4, 1, 6] }, { range: [2, 4, 2, 8] }],
    },
    {
      name: 'through gunzip into python -',
      code: 'FROM debian:12-slim\nRUN curl -sL https://example.com/get.py.gz | gunzip | python3 -',
      findings: [{ range: [1, 54, 1, 61], message: /python3/ }],
    },
  ],
});
