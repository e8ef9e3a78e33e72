import { addRemoteChecksum } from '../../../shared/src/rules/dockerfile/add-remote-checksum';
import { ruleTester } from '../../rule-tester';

ruleTester(addRemoteChecksum, {
  valid: [
    'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /a',
    'FROM alpine:3.20\nADD rootfs.tar.gz /',
    'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.0 /src',
    'FROM alpine:3.20\nCOPY https-proxy.conf /etc/',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/',
      findings: [{ range: [1, 4, 1, 35], message: /without verifying/ }],
    },
    {
      name: 'exec form and other flags',
      code: 'FROM alpine:3.20\nADD --chmod=644 ["http://example.com/a.jar", "/a.jar"]',
      findings: [{ range: [1, 17, 1, 43] }],
    },
  ],
});
