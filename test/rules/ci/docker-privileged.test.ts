import { dockerPrivileged } from '../../../shared/src/rules/ci/docker-privileged';
import { ruleTester } from '../../rule-tester';

const wf = (steps: string): string => `on: push\njobs:\n  build:\n    steps:\n${steps}`;

ruleTester(dockerPrivileged, {
  valid: [
    wf('      - run: docker run --rm -v $PWD:/src tool\n'),
    { name: 'dont-fire: the words in an echo', code: wf('      - run: echo docker run --privileged\n') },
    {
      name: 'dont-fire: single capabilities, other networks and namespaces, a seccomp profile, no-new-privileges, flags of another command',
      code: wf('      - run: docker run --cap-add NET_ADMIN --cap-add=SYS_PTRACE --network=ci --pid=container:db --ipc private --security-opt seccomp=./profile.json --security-opt=no-new-privileges tool\n      - run: curl --network host; kubectl run x --pid=host\n'),
    },
    { name: 'dont-fire: a job container and services without --privileged', code: 'on: push\njobs:\n  build:\n    container: {image: node:20, options: --cpus 1}\n    services:\n      db:\n        image: postgres:16\n        options: >-\n          --health-cmd pg_isready\n    steps:\n      - run: npm test\n' },
  ],
  invalid: [
    {
      code: wf('      - run: docker run --privileged -v /var/run/docker.sock:/var/run/docker.sock tool\n'),
      findings: [{ range: [4, 24, 4, 36], messageId: 'privileged', message: /^docker run --privileged/ }, { range: [4, 40, 4, 81], messageId: 'socket' }],
      output: 'on: push\njobs:\n  build:\n    steps:\n      - run: docker run -v /var/run/docker.sock:/var/run/docker.sock tool\n',
    },
    {
      name: 'block script and GitLab list',
      filename: 'file:///test/.gitlab-ci.yml',
      code: 'build:\n  script:\n    - |\n      set -e\n      podman run --mount=type=bind,src=/run/docker.sock,dst=/x tool\n',
      findings: [{ range: [4, 17, 4, 62], messageId: 'socket' }],
    },
    {
      name: 'block script with continuation lines, a comment kept; a quoted flag is left alone',
      code: wf('      - run: |\n          # integration tests need the device\n          docker run \\\n            --privileged=true \\\n            tool\n          podman create "--privileged" tool\n'),
      findings: [{ range: [7, 12, 7, 29], messageId: 'privileged' }, { range: [9, 24, 9, 38], messageId: 'privileged' }],
      output: 'on: push\njobs:\n  build:\n    steps:\n      - run: |\n          # integration tests need the device\n          docker run \\\n            tool\n          podman create "--privileged" tool\n',
    },
    {
      name: 'a job container and a service container started with --privileged, the socket among the job container\'s volumes',
      code: 'on: push\njobs:\n  build:\n    container:\n      image: node:20\n      options: --cpus 1 --privileged\n      volumes:\n        - /var/run/docker.sock:/var/run/docker.sock\n    services:\n      db:\n        image: postgres:16\n        options: "--privileged"\n    steps:\n      - run: npm test\n',
      findings: [{ range: [5, 24, 5, 36], messageId: 'privileged' }, { range: [7, 10, 7, 51], messageId: 'socket' }, { range: [11, 18, 11, 30], messageId: 'privileged' }],
    },
    {
      name: 'every capability, host namespaces, unconfined seccomp, AppArmor and SELinux: no fix',
      code: wf('      - run: |\n          docker run --cap-add=ALL --pid=host --network host tool\n          podman create --cap-add all --net=host --security-opt seccomp=unconfined --security-opt=apparmor:unconfined --security-opt label=disable tool\n          docker run --cap-add=CHOWN,ALL --ipc=host --uts=host --userns=host --cgroupns=host tool\n'),
      findings: [
        { range: [5, 21, 5, 34], messageId: 'capAll', message: 'docker --cap-add=ALL gives the container every Linux capability, close to --privileged on the CI runner; add only the capabilities the tool needs.' },
        { range: [5, 35, 5, 45], messageId: 'hostNamespace', message: /^docker --pid=host shares the CI runner's PID namespace/ },
        { range: [5, 46, 5, 60], messageId: 'hostNamespace', message: /^docker --network host shares the CI runner's network namespace/ },
        { range: [6, 24, 6, 37], messageId: 'capAll', message: /^podman --cap-add all gives/ },
        { range: [6, 38, 6, 48], messageId: 'hostNamespace' },
        { range: [6, 49, 6, 82], messageId: 'unconfined', message: /^podman --security-opt seccomp=unconfined switches the container's seccomp confinement off/ },
        { range: [6, 83, 6, 117], messageId: 'unconfined', message: /AppArmor confinement/ },
        { range: [6, 118, 6, 146], messageId: 'unconfined', message: /SELinux confinement/ },
        { range: [7, 21, 7, 40], messageId: 'capAll' },
        { range: [7, 41, 7, 51], messageId: 'hostNamespace', message: /IPC namespace/ },
        { range: [7, 52, 7, 62], messageId: 'hostNamespace', message: /UTS namespace/ },
        { range: [7, 63, 7, 76], messageId: 'hostNamespace', message: /user namespace/ },
        { range: [7, 77, 7, 92], messageId: 'hostNamespace', message: /cgroup namespace/ },
      ],
      output: null,
    },
    {
      name: 'a job container and a service started with host networking, every capability and seccomp off',
      code: 'on: push\njobs:\n  build:\n    container:\n      image: node:20\n      options: --cpus 1 --network host\n    services:\n      db:\n        image: postgres:16\n        options: >-\n          --cap-add=ALL\n          --security-opt seccomp=unconfined\n    steps:\n      - run: npm test\n',
      findings: [
        { range: [5, 24, 5, 38], messageId: 'hostNamespace', message: /^docker --network host shares/ },
        { range: [10, 10, 10, 23], messageId: 'capAll' },
        { range: [11, 10, 11, 43], messageId: 'unconfined', message: /^docker --security-opt seccomp=unconfined switches/ },
      ],
      output: null,
    },
  ],
});
