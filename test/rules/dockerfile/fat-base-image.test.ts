import { fatBaseImage } from '../../../shared/src/rules/dockerfile/fat-base-image';
import { ruleTester } from '../../rule-tester';

ruleTester(fatBaseImage, {
  valid: [
    'FROM python:3.12-slim',
    'FROM node:20-alpine',
    'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12',
    'FROM eclipse-temurin:21-jre',
    'ARG V=3.12\nFROM python:${V}',
    'FROM registry.example.com/python:3.12',
  ],
  invalid: [
    {
      code: 'FROM python:3.12',
      findings: [{ range: [0, 5, 0, 16], message: /full image python:3\.12; a smaller variant such as python:3\.12-slim/ }],
    },
    {
      name: 'final stage inherits a full image through a stage',
      code: 'FROM node:20-bookworm AS base\nRUN npm ci\nFROM base\nCMD ["node", "server.js"]',
      findings: [{ range: [0, 5, 0, 21], message: /node:20-slim/ }],
    },
    {
      name: 'untagged ubuntu',
      code: 'FROM ubuntu',
      findings: [{ range: [0, 5, 0, 11], message: /debian:<version>-slim or a distroless image/ }],
    },
  ],
});
