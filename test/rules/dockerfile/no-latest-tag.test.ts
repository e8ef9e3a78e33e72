import { noLatestTag } from '../../../shared/src/rules/dockerfile/no-latest-tag';
import { ruleTester } from '../../rule-tester';

ruleTester(noLatestTag, {
  valid: [
    'FROM node:20.11-slim',
    'FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'FROM scratch',
    'FROM node:20 AS build\nFROM build',
    'ARG V=1\nFROM node:${V}',
    'FROM localhost:5000/app:1.0',
    { name: 'versions of Debian and Ubuntu by code name', code: 'FROM debian:bookworm-slim\nFROM ubuntu:noble' },
    { name: 'a versionless tag pinned by digest', code: 'FROM node:alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
  ],
  invalid: [
    {
      name: 'tags without a version float like latest',
      code: 'FROM python:slim AS build\nFROM node:alpine\nFROM python:slim-bookworm',
      findings: [
        { range: [0, 12, 0, 16], messageId: 'versionless', message: 'The image python:slim uses the tag slim, which names no version and moves to every new release like latest; name a version (e.g. python:<version>-slim).' },
        { range: [1, 10, 1, 16], messageId: 'versionless' },
        { range: [2, 12, 2, 25], messageId: 'versionless' },
      ],
    },
    {
      code: 'FROM ubuntu:latest',
      findings: [{ range: [0, 12, 0, 18], messageId: 'latest', message: /uses the tag latest/ }],
    },
    {
      name: 'no tag (registry with port is not a tag)',
      code: 'FROM localhost:5000/app\nFROM node AS b',
      findings: [{ range: [0, 5, 0, 23], messageId: 'missing', message: /has no tag/ }, { range: [1, 5, 1, 9], messageId: 'missing' }],
    },
  ],
});
