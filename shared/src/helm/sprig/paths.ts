// Sprig's path and URL functions (Masterminds/sprig v3 functions.go and url.go): Go's path package
// (base, dir, clean, ext, isAbs; the os* forms are the same on POSIX) and net/url for urlParse and
// urlJoin. Sprig: MIT licence, Copyright (C) 2013-2020 Masterminds; Go: BSD licence (LICENSE-GO.md).
import { fail } from '../template/exec';
import { type FuncMap, goFunc } from '../template/func';
import { isGoMap } from '../template/values';
import { newMap } from './convert';

/** path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

/** path.Base. */
export function basePath(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  if (p === '') return '/';
  return p.slice(p.lastIndexOf('/') + 1);
}

/** path.Dir. */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

/** path.Ext. */
export function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

function unescape(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    fail(`invalid URL escape ${JSON.stringify(/%.{0,2}/.exec(s)?.[0] ?? '%')}`);
  }
}

/** url.Parse into Sprig's map: scheme, host, hostname, path, query, opaque, fragment, userinfo. */
function urlParse(v: string): Record<string, unknown> {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(v);
  if (!m) fail(`unable to parse url: parse ${JSON.stringify(v)}: invalid URL`);
  const [, scheme = '', authority, rest = '', query = '', fragment = ''] = m;
  let userinfo = '';
  let host = '';
  if (authority !== undefined) {
    const at = authority.lastIndexOf('@');
    userinfo = at >= 0 ? authority.slice(0, at) : '';
    host = at >= 0 ? authority.slice(at + 1) : authority;
  }
  let opaque = '';
  let path = rest;
  if (scheme !== '' && authority === undefined && !rest.startsWith('/')) {
    opaque = rest;
    path = '';
  }
  const hostname = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  const out = newMap();
  out['scheme'] = scheme.toLowerCase();
  out['host'] = host;
  out['hostname'] = hostname;
  out['path'] = unescape(path);
  out['query'] = query;
  out['opaque'] = opaque;
  out['fragment'] = unescape(fragment);
  out['userinfo'] = userinfo;
  return out;
}

function str(d: Record<string, unknown>, k: string): string {
  const v = d[k];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') fail(`interface conversion: interface {} is ${typeof v}, not string`);
  return v;
}

/** urlJoin: url.URL{…}.String() from Sprig's map. */
function urlJoin(d: Record<string, unknown> | null): string {
  if (!isGoMap(d)) return '';
  const scheme = str(d, 'scheme');
  const host = str(d, 'host');
  const path = str(d, 'path');
  const query = str(d, 'query');
  const opaque = str(d, 'opaque');
  const fragment = str(d, 'fragment');
  const userinfo = str(d, 'userinfo');
  let out = '';
  if (scheme) out += `${scheme}:`;
  if (opaque) out += opaque;
  else {
    if (scheme || host || userinfo) {
      if (host || path || userinfo) out += '//';
      if (userinfo) out += `${userinfo}@`;
      out += host;
    }
    const escaped = encodeURI(path).replace(/%5B|%5D/g, (x) => (x === '%5B' ? '[' : ']')).replace(/\?/g, '%3F').replace(/#/g, '%23');
    if (escaped !== '' && escaped[0] !== '/' && host !== '') out += '/';
    out += escaped;
  }
  if (query) out += `?${query}`;
  if (fragment) out += `#${encodeURI(fragment)}`;
  return out;
}

const S = 'string' as const;

/** Sprig's path and URL functions. */
export function pathFuncs(): FuncMap {
  const isAbs = (p: string): boolean => p.startsWith('/');
  return {
    base: goFunc([S], undefined, basePath),
    dir: goFunc([S], undefined, dirPath),
    clean: goFunc([S], undefined, cleanPath),
    ext: goFunc([S], undefined, extPath),
    isAbs: goFunc([S], undefined, isAbs),
    osBase: goFunc([S], undefined, basePath),
    osDir: goFunc([S], undefined, dirPath),
    osClean: goFunc([S], undefined, cleanPath),
    osExt: goFunc([S], undefined, extPath),
    osIsAbs: goFunc([S], undefined, isAbs),
    urlParse: goFunc([S], undefined, urlParse),
    urlJoin: goFunc(['map'], undefined, urlJoin),
  };
}
