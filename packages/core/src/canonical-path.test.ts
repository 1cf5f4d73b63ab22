import { describe, expect, it } from 'vitest';
import { canonicalPath, normalizePathSegments } from './canonical-path.js';

describe('canonicalPath', () => {
  const standard = { normalize: true, encoding: 'double' } as const;
  const s3 = { normalize: false, encoding: 'single' } as const;

  it.each([
    ['/prod/my%20item', '/prod/my%2520item'],
    ['/a//b/./c/../d/', '/a/b/d/'],
    ['/%2F', '/%252F'],
    ['/*~', '/%2A~'],
    ['', '/'],
    ['/ሴ', '/%E1%88%B4'],
  ])('standard rules: %s -> %s', (path, expected) => {
    expect(canonicalPath(path, standard)).toBe(expected);
  });

  it.each([
    ['/my-object//example//photo.user', '/my-object//example//photo.user'],
    ['/a%20b/c*', '/a%20b/c%2A'],
    ['/a/./b', '/a/./b'],
    ['/k%2Fv', '/k%2Fv'],
  ])('S3 rules (encode once, no normalising): %s -> %s', (path, expected) => {
    expect(canonicalPath(path, s3)).toBe(expected);
  });

  it('normalisation keeps a trailing slash and never climbs above the root', () => {
    expect(normalizePathSegments('/a/b/..')).toBe('/a/');
    expect(normalizePathSegments('/../../x')).toBe('/x');
    expect(normalizePathSegments('//')).toBe('/');
  });
});
