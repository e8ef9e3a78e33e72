import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageReference } from '../../../shared/src/facts/image-reference';
import { baseImageEol } from '../../../shared/src/rules/dockerfile/base-image-eol';
import { endOfLife, EOL_DATA, TABLE_DATE, type EolData } from '../../../shared/src/rules/dockerfile/support/eol-table';
import { buildEolTable } from '../../../scripts/eol-table';
import { ruleTester } from '../../rule-tester';

ruleTester(baseImageEol, {
  valid: [
    'FROM python:3.12-slim-bookworm',
    'FROM node:22-alpine3.20\nFROM debian:bookworm-slim',
    { name: 'an old build stage that never ships', code: 'FROM node:16 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app' },
    { name: 'not an official image, a variable, no tag', code: 'FROM ghcr.io/acme/python:3.6\nARG V=3.6\nFROM python:${V}\nFROM python' },
  ],
  invalid: [
    {
      name: 'the product\'s own release',
      code: 'FROM python:3.8-slim',
      findings: [{ range: [0, 5, 0, 20], message: 'The base image python:3.8-slim is built on python 3.8, whose support ended on 2024-10-07: it gets no security fixes. Move to a supported release.' }],
    },
    {
      name: 'the distribution the tag names, in the stage the final one builds on (the build stage does not ship)',
      code: 'FROM ruby:3.3-alpine3.16 AS gems\nRUN bundle install\nFROM node:22.11-buster AS base\nCOPY --from=gems /gems /gems\nFROM base\nCMD ["node"]\n',
      findings: [{ range: [2, 5, 2, 22], message: /built on debian 10, whose support ended on 2024-06-30/ }],
    },
    {
      code: 'FROM postgres:16-alpine3.16',
      findings: [{ range: [0, 5, 0, 27], message: /built on alpine 3\.16, whose support ended on 2024-05-23/ }],
    },
  ],
});

describe('the end-of-life table', () => {
  const cases: readonly (readonly [string, string | undefined])[] = [
    ['python:3.8', 'python 3.8'],
    ['python:3.10.14-slim', 'python 3.10'],
    ['python:3.1', 'python 3.1'],
    ['python:3.11', undefined],
    ['node:16-alpine', 'node 16'],
    ['node:22', undefined],
    ['debian:buster-slim', 'debian 10'],
    ['debian:10', 'debian 10'],
    ['debian:12', undefined],
    ['ubuntu:18.04', 'ubuntu 18.04'],
    ['ubuntu:jammy', undefined],
    ['centos:7', 'centos 7'],
    ['golang:1.21-alpine', 'golang 1.21'],
    ['alpine:3.19', 'alpine 3.19'],
    ['alpine:3.22', undefined],
    ['postgres:12', 'postgres 12'],
    ['postgres:16-alpine3.14', 'alpine 3.14'],
    ['docker.io/library/php:7.4-apache', 'php 7.4'],
    ['php:8.3-fpm', undefined],
  ];
  for (const [image, expected] of cases) {
    it(`${image} → ${String(expected)}`, () => {
      const eol = endOfLife(parseImageReference(image));
      assert.equal(eol ? `${eol.product} ${eol.cycle}` : undefined, expected);
    });
  }
  it('counts only cycles ended by the table\'s date', () => assert.match(TABLE_DATE, /^\d{4}-\d{2}-\d{2}$/));
});

describe('base-image end-of-life table as data', () => {
  it('is a data file with its source and compile day; every day lies on or before it, every code name on a listed cycle', () => {
    assert.match(EOL_DATA.source, /endoflife\.date/);
    assert.match(EOL_DATA.compiled, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(TABLE_DATE, EOL_DATA.compiled);
    const images = Object.keys(EOL_DATA.products);
    assert.ok(images.length >= 12, images.join());
    for (const [image, p] of Object.entries(EOL_DATA.products)) {
      assert.ok(Object.keys(p.cycles).length > 0, image);
      for (const [cycle, day] of Object.entries(p.cycles)) {
        assert.match(day, /^\d{4}-\d{2}-\d{2}$/, `${image} ${cycle}`);
        assert.ok(day <= EOL_DATA.compiled, `${image} ${cycle} ends ${day}, after the compile day`);
      }
      for (const [name, cycle] of Object.entries(p.codenames ?? {})) assert.ok(p.cycles[cycle], `${image} ${name} → ${cycle}`);
    }
  });

  it('is regenerated from endoflife.date responses: cycles ended by the day, the named date field, code names', () => {
    const current: EolData = { about: 'a', source: 's', compiled: '2020-01-01', products: { node: { endoflife: 'nodejs', cycles: {} }, debian: { endoflife: 'debian', date: 'extendedSupport', cycles: {} } } };
    const table = buildEolTable(current, {
      nodejs: [{ cycle: '24', eol: '2028-04-30', lts: true }, { cycle: '18', eol: '2025-04-30' }, { cycle: '0.10', eol: true }],
      debian: [{ cycle: 12, codename: 'Bookworm', eol: '2026-06-10', extendedSupport: '2028-06-30' }, { cycle: 10, codename: 'Buster', eol: '2022-09-10', extendedSupport: '2024-06-30' }],
    }, '2026-12-07');
    assert.deepEqual(table, {
      about: 'a', source: 's', compiled: '2026-12-07',
      products: { node: { endoflife: 'nodejs', cycles: { '18': '2025-04-30' } }, debian: { endoflife: 'debian', date: 'extendedSupport', cycles: { '10': '2024-06-30' }, codenames: { buster: '10' } } },
    });
    assert.throws(() => buildEolTable(current, { nodejs: [] }, '2026-12-07'), /no endoflife\.date response for debian/);
    assert.throws(() => buildEolTable(current, {}, 'today'), /not a day/);
  });

  it('the shipped file is in the generator\'s form: regenerating from its own cycles gives it back', () => {
    const responses = Object.fromEntries(Object.values(EOL_DATA.products).map((p) => {
      const names = new Map(Object.entries(p.codenames ?? {}).map(([name, cycle]) => [cycle, name[0]!.toUpperCase() + name.slice(1)]));
      return [p.endoflife, Object.entries(p.cycles).map(([cycle, day]) => ({ cycle, [p.date ?? 'eol']: day, ...(names.has(cycle) ? { codename: names.get(cycle)! } : {}) }))];
    }));
    assert.deepEqual(buildEolTable(EOL_DATA, responses, EOL_DATA.compiled), EOL_DATA);
  });
});
