import { imageLatestTag } from '../../../shared/src/rules/compose/image-latest-tag';
import { ruleTester } from '../../rule-tester';

const DIGEST = 'sha256:' + 'a'.repeat(64);


ruleTester(imageLatestTag, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4\n',
    `services:\n  db:\n    image: postgres@${DIGEST}\n`,
    'services:\n  db:\n    image: ${DB_IMAGE:-postgres:latest}\n',
    { name: 'an untagged name for a built image', code: 'services:\n  app:\n    build: .\n    image: erp/app\n' },
    'services:\n  reg:\n    image: localhost:5000/erp/app:2.1\n',
    { name: 'a versionless name for a built image is the build\'s tag', code: 'services:\n  app:\n    build: .\n    image: erp/app:dev\n' },
  ],
  invalid: [
    {
      name: 'tags without a version float like latest',
      code: 'services:\n  web:\n    image: nginx:stable-alpine\n  node:\n    image: node:lts\n',
      findings: [
        { range: [2, 11, 2, 30], messageId: 'versionless', message: 'Service "web" uses image nginx:stable-alpine with the tag stable-alpine, which names no version and moves like latest; name a fixed version tag (and pin its digest).' },
        { range: [4, 11, 4, 19], messageId: 'versionless' },
      ],
    },
    {
      code: 'services:\n  db:\n    image: postgres:latest\n  cache:\n    image: "redis"\n  app: {image: "localhost:5000/erp/app"}\n',
      findings: [
        { range: [2, 11, 2, 26], messageId: 'latest', message: 'Service "db" uses image postgres:latest with the tag latest; name a fixed version tag (and pin its digest).' },
        { range: [4, 11, 4, 18], messageId: 'untagged' },
        { range: [5, 15, 5, 39], messageId: 'untagged' },
      ],
    },
  ],
});
